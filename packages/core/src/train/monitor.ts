/** Which epoch quantity a callback watches, and which direction is better. */
import type { EpochLogs } from './callback.js';

/** `'loss'`, `'valLoss'`, or `'val:<metric>'` for a validation metric. */
export type MonitorName = 'loss' | 'valLoss' | `val:${string}`;
export type MonitorMode = 'min' | 'max';

/** Reads the monitored value from an epoch's logs; throws naming what is missing. */
export function readMonitor(where: string, monitor: MonitorName, logs: EpochLogs): number {
  let value: number | undefined;
  if (monitor === 'loss') value = logs.loss;
  else if (monitor === 'valLoss') value = logs.valLoss;
  else value = logs.valMetrics[monitor.slice(4)];
  if (value === undefined) {
    throw new Error(
      `${where}: 'monitor' is '${monitor}' but the epoch logs have no such value ` +
        `(validation data and metrics given: ${Object.keys(logs.valMetrics).join(', ') || 'none'})`,
    );
  }
  return value;
}

/** Whether `value` improves on `best` by more than `minDelta`. */
export function improves(value: number, best: number | undefined, mode: MonitorMode, minDelta = 0): boolean {
  if (Number.isNaN(value)) return false;
  if (best === undefined) return true;
  return mode === 'min' ? value < best - minDelta : value > best + minDelta;
}

export function checkMonitor(where: string, monitor: unknown, mode: unknown): void {
  if (typeof monitor !== 'string' || !(monitor === 'loss' || monitor === 'valLoss' || monitor.startsWith('val:'))) {
    throw new TypeError(`${where}: 'monitor' must be 'loss', 'valLoss' or 'val:<metric>'; received ${JSON.stringify(monitor)}`);
  }
  if (mode !== 'min' && mode !== 'max') {
    throw new TypeError(`${where}: 'mode' must be 'min' or 'max'; received ${JSON.stringify(mode)}`);
  }
}
