/**
 * Stops training when a monitored quantity stops improving, as Keras' `EarlyStopping`: after
 * `patience` epochs without an improvement larger than `minDelta`.
 * @see https://keras.io/api/callbacks/early_stopping/
 */
import type { Callback, EpochLogs, TrainingControl } from './callback.js';
import { checkMonitor, improves, readMonitor, type MonitorMode, type MonitorName } from './monitor.js';

export interface EarlyStoppingOptions {
  /** What to watch. @default 'valLoss' */
  monitor?: MonitorName;
  /** Whether lower or higher is better. @default 'min' */
  mode?: MonitorMode;
  /** Epochs without improvement before stopping. @default 3 */
  patience?: number;
  /** The smallest change that counts as an improvement. @default 0 */
  minDelta?: number;
}

export const EARLY_STOPPING_DEFAULTS = {
  monitor: 'valLoss',
  mode: 'min',
  patience: 3,
  minDelta: 0,
} as const satisfies Required<EarlyStoppingOptions>;

export class EarlyStopping implements Callback {
  readonly monitor: MonitorName;
  readonly mode: MonitorMode;
  readonly patience: number;
  readonly minDelta: number;
  /** The best value seen so far. */
  best: number | undefined;
  /** The epoch (0-based) of the best value. */
  bestEpoch = -1;
  private wait = 0;

  constructor(options: EarlyStoppingOptions = {}) {
    const o = { ...EARLY_STOPPING_DEFAULTS, ...options };
    checkMonitor('EarlyStopping', o.monitor, o.mode);
    if (!Number.isInteger(o.patience) || o.patience < 0) {
      throw new RangeError(`EarlyStopping: 'patience' must be a non-negative integer; received ${String(o.patience)}`);
    }
    if (!(o.minDelta >= 0)) throw new RangeError(`EarlyStopping: 'minDelta' must be >= 0; received ${String(o.minDelta)}`);
    this.monitor = o.monitor;
    this.mode = o.mode;
    this.patience = o.patience;
    this.minDelta = o.minDelta;
  }

  onTrainBegin(): void {
    this.best = undefined;
    this.bestEpoch = -1;
    this.wait = 0;
  }

  onEpochEnd(logs: EpochLogs, control: TrainingControl): void {
    const value = readMonitor('EarlyStopping', this.monitor, logs);
    if (improves(value, this.best, this.mode, this.minDelta)) {
      this.best = value;
      this.bestEpoch = logs.epoch;
      this.wait = 0;
      return;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      control.stop(`early stopping: '${this.monitor}' did not improve for ${this.wait} epochs (best ${this.best} at epoch ${this.bestEpoch})`);
    }
  }
}
