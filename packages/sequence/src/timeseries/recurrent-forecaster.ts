/**
 * `RecurrentForecaster`: what `LstmForecaster` and `GruForecaster` share, an estimator-style
 * forecaster in the spirit of Keras' LSTM forecasting tutorial and sktime/darts' `RNNModel`:
 *
 * 1. optional log transform and first differencing of the series (undone on the forecasts);
 * 2. a validation tail (the last `validationSize` of the series) is held out; the scaler is fitted on
 *    the part before it only;
 * 3. windows of `lookback` steps; targets are the next step (`strategy: 'recursive'`, whose forecasts
 *    are fed back as inputs) or the next `horizon` steps at once (`strategy: 'direct'`, one output per
 *    horizon step, as in Taieb et al., "A review and comparison of strategies for multi-step ahead
 *    time series forecasting", Expert Systems with Applications 39(8), 2012);
 * 4. training with `@ml/core`'s `fit()` and Adam on the MSE, early stopping on the validation loss,
 *    and the best epoch's weights restored.
 */
import { Adam, TensorDataset, fit, mseLoss, packModel, saveModelFiles, tf, type Callback, type EpochLogs, type History, type LoadedModelFiles } from '@ml/core';
import { forecasterFiles, restoreFitted, type FittedForecaster as Fitted } from './forecaster-files.js';
import { ForecastNetwork, type RecurrentCell } from './forecast-network.js';
import type { Forecaster } from './forecaster.js';
import type { Windows } from './make-windows.js';
import { NotFittedError } from './not-fitted-error.js';
import { checkInt, readSeries, show, sliceRows, type Series, type SeriesInput } from './read-series.js';
import type { SeriesScaler } from './series-scaler.js';
import { makeScaler, windowTrainTest } from './window-train-test.js';
import { makeWindows } from './make-windows.js';

export interface RecurrentForecasterOptions {
  /** Past steps the network sees. @default 12 */
  lookback?: number;
  /** Steps predicted at once by the 'direct' strategy (the most `forecast` can give with it). @default 1 */
  horizon?: number;
  /** 'recursive': predict one step and feed it back; 'direct': one output per horizon step. @default 'recursive' */
  strategy?: 'recursive' | 'direct';
  /** Hidden units of the recurrent layers. @default 16 */
  hiddenSize?: number;
  /** Stacked recurrent layers. @default 1 */
  numLayers?: number;
  /** Dropout between recurrent layers (needs numLayers > 1). @default 0 */
  dropout?: number;
  /** Scaling fitted on the training part (before the validation tail) only. @default 'standard' */
  scaler?: 'standard' | 'minmax' | 'none';
  /** Model `log(y)` (every value must be > 0); forecasts are exponentiated back. @default false */
  logTransform?: boolean;
  /** Model first differences `y_t − y_{t−1}`; forecasts are summed back onto the last value. @default false */
  difference?: boolean;
  /** The feature column to forecast (multivariate series, 'direct' strategy). @default 0 */
  targetColumn?: number;
  /** Maximum training epochs. @default 100 */
  epochs?: number;
  /** Mini-batch size. @default 64 */
  batchSize?: number;
  /** Adam's learning rate. @default 0.01 */
  lr?: number;
  /** Clip the global gradient norm to this value (0: no clipping). @default 1 */
  clipGradNorm?: number;
  /** Validation tail: a fraction in [0, 1) of the series or a step count ≥ 1; 0 trains on everything without early stopping. @default 0.1 */
  validationSize?: number;
  /** Epochs without a validation improvement before stopping. @default 20 */
  patience?: number;
  /** Seed of the weights and of the batch shuffling. @default 0 */
  seed?: number;
  /** Called after every epoch (epoch logs from `fit`). @default undefined */
  onEpochEnd?: (logs: EpochLogs) => void;
}

export const RECURRENT_FORECASTER_DEFAULTS = {
  lookback: 12,
  horizon: 1,
  strategy: 'recursive',
  hiddenSize: 16,
  numLayers: 1,
  dropout: 0,
  scaler: 'standard',
  logTransform: false,
  difference: false,
  targetColumn: 0,
  epochs: 100,
  batchSize: 64,
  lr: 0.01,
  clipGradNorm: 1,
  validationSize: 0.1,
  patience: 20,
  seed: 0,
} as const satisfies Required<Omit<RecurrentForecasterOptions, 'onEpochEnd'>>;

type Params = Required<Omit<RecurrentForecasterOptions, 'onEpochEnd'>>;

/** Keeps a copy of the weights of the best epoch and puts them back when training ends. */
class BestWeights implements Callback {
  best = Number.POSITIVE_INFINITY;
  bestEpoch = -1;
  #copy: tf.Tensor[] | undefined;
  constructor(private readonly params: tf.Variable[], private readonly monitor: 'loss' | 'valLoss') {}

  onEpochEnd(logs: EpochLogs): void {
    const value = this.monitor === 'valLoss' ? logs.valLoss ?? Number.NaN : logs.loss;
    if (!(value < this.best)) return;
    this.best = value;
    this.bestEpoch = logs.epoch;
    if (this.#copy !== undefined) tf.dispose(this.#copy);
    this.#copy = this.params.map((p) => tf.clone(p));
  }

  onTrainEnd(): void {
    if (this.#copy === undefined) return;
    this.params.forEach((p, i) => p.assign((this.#copy as tf.Tensor[])[i]));
    tf.dispose(this.#copy);
    this.#copy = undefined;
  }
}

export abstract class RecurrentForecaster implements Forecaster {
  readonly params: Readonly<Params>;
  protected abstract readonly cell: RecurrentCell;
  protected abstract readonly name: string;
  readonly #onEpochEnd: ((logs: EpochLogs) => void) | undefined;
  #fitted: Fitted | undefined;

  constructor(options: RecurrentForecasterOptions = {}) {
    const { onEpochEnd, ...rest } = options;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.params = { ...RECURRENT_FORECASTER_DEFAULTS, ...defined } as Params;
    this.#onEpochEnd = onEpochEnd;
  }

  /**
   * Trains on a series (`[T]`, or `[T, F]` with the 'direct' strategy), oldest first, or on windows
   * from `makeWindows` (used as given: no log, differencing or scaling; forecasts are then in the
   * windows' units). Returns `this`.
   */
  async fit(series: SeriesInput | Windows): Promise<this> {
    const where = `${this.name}.fit`;
    const p = this.checkParams(where);
    this.dispose();
    let train: Windows;
    let validation: Windows | undefined;
    let scaler: SeriesScaler | null = null;
    let transforms = true;
    let features: number;
    let lookback = p.lookback;
    const outputs = p.strategy === 'recursive' ? 1 : p.horizon;
    if (isWindows(series)) {
      transforms = false;
      [, lookback, features] = series.inputs.shape;
      const horizon = series.targets.shape[1];
      if (horizon !== outputs) {
        throw new RangeError(`${where}: the windows' targets must have ${outputs} step(s) (${p.strategy} strategy${p.strategy === 'direct' ? `, horizon ${p.horizon}` : ''}); received ${horizon}`);
      }
      if (p.strategy === 'recursive' && features !== 1) throw this.recursiveError(where, features);
      ({ train, validation } = splitWindows(where, series, p.validationSize));
    } else {
      const s = this.prepare(where, readSeries(where, 'series', series, 2));
      features = s.features;
      if (p.strategy === 'recursive' && features !== 1) throw this.recursiveError(where, features);
      if (p.targetColumn >= features) throw new RangeError(`${where}: 'targetColumn' must be < the number of features (${features}); received ${p.targetColumn}`);
      const rows = sliceRows(s, 0, s.length);
      const valSteps = p.validationSize === 0 ? 0 : Math.max(outputs, p.validationSize < 1 ? Math.round(p.validationSize * s.length) : p.validationSize);
      const windowOptions = { lookback, horizon: outputs, targetColumn: p.targetColumn };
      if (valSteps > 0) {
        if (s.length - valSteps < lookback + outputs) {
          throw new RangeError(`${where}: 'series' is too short: ${s.length} (transformed) steps leave ${s.length - valSteps} for training after a ${valSteps}-step validation tail, fewer than lookback + ${outputs} = ${lookback + outputs}`);
        }
        const w = windowTrainTest(rows, { ...windowOptions, testSize: valSteps, scaler: makeScaler(where, p.scaler) ?? 'none' });
        ({ train, test: validation, scaler } = w);
      } else {
        if (s.length < lookback + outputs) throw new RangeError(`${where}: 'series' must hold at least lookback + ${outputs} = ${lookback + outputs} (transformed) steps; received ${s.length}`);
        scaler = makeScaler(where, p.scaler);
        train = makeWindows(scaler === null ? rows : scaler.fitTransform(rows), windowOptions);
      }
    }

    const net = new ForecastNetwork({ cell: this.cell, inputSize: features, hiddenSize: p.hiddenSize, numLayers: p.numLayers, dropout: p.dropout, outputs, seed: p.seed });
    const monitor = validation === undefined ? 'loss' : 'valLoss';
    const best = new BestWeights(net.parameters(), monitor);
    const optimizer = new Adam(net.parameters(), { lr: p.lr });
    const callbacks: Callback[] = [best];
    if (this.#onEpochEnd !== undefined) callbacks.push({ onEpochEnd: this.#onEpochEnd });
    const trainSet = new TensorDataset(train.inputs, train.targets);
    let history: History;
    try {
      history = await fit(net, trainSet, {
        optimizer,
        loss: (out, target) => mseLoss(out, target) as tf.Scalar,
        epochs: p.epochs,
        batchSize: p.batchSize,
        seed: p.seed,
        validation: validation === undefined ? undefined : new TensorDataset(validation.inputs, validation.targets),
        clipGradNorm: p.clipGradNorm > 0 ? p.clipGradNorm : undefined,
        earlyStopping: validation === undefined ? undefined : { monitor: 'valLoss', patience: p.patience },
        callbacks,
        progress: false,
      });
    } catch (error) {
      net.dispose();
      throw error;
    } finally {
      optimizer.dispose?.();
    }
    net.eval();
    this.#fitted = { net, scaler, transforms, features, lookback, outputs, history };
    return this;
  }

  /**
   * Forecasts the `steps` values of the target column that follow `history` (in the units `fit`
   * saw). `history` needs at least `lookback` steps (one more with `difference`). With the 'direct'
   * strategy, `steps` ≤ `horizon`.
   */
  async forecast(history: SeriesInput, steps: number): Promise<number[]> {
    const where = `${this.name}.forecast`;
    const f = this.state('forecast');
    const p = this.params;
    const n = checkInt(where, 'steps', steps, 1);
    if (p.strategy === 'direct' && n > f.outputs) {
      throw new RangeError(`${where}: 'steps' must be <= horizon (${f.outputs}) with the direct strategy; received ${n}`);
    }
    const need = f.lookback + (f.transforms && p.difference ? 1 : 0);
    const raw = readSeries(where, 'history', history, need);
    if (raw.features !== f.features) throw new RangeError(`${where}: 'history' must have ${f.features} feature(s) as in fit; received ${raw.features}`);
    const level = f.transforms && p.logTransform ? Math.log(raw.data[(raw.length - 1) * raw.features + p.targetColumn]) : raw.data[(raw.length - 1) * raw.features + p.targetColumn];
    let s = f.transforms ? this.prepare(where, raw) : raw;
    if (f.transforms && f.scaler !== null) s = readSeries(where, 'history', f.scaler.transform(sliceRows(s, 0, s.length)));
    const window = Array.from(s.data.subarray((s.length - f.lookback) * s.features)); // lookback × F, row-major
    let scaled: number[];
    if (p.strategy === 'direct') {
      scaled = (await this.predict(f, window)).slice(0, n);
    } else {
      scaled = [];
      for (let k = 0; k < n; k++) {
        const next = (await this.predict(f, window))[0];
        scaled.push(next);
        window.shift();
        window.push(next);
      }
    }
    let out = f.transforms && f.scaler !== null ? f.scaler.inverseTransformColumn(scaled, p.targetColumn) : scaled;
    if (!f.transforms) return out;
    if (p.difference) {
      let acc = level;
      out = out.map((d) => (acc += d));
    }
    return p.logTransform ? out.map(Math.exp) : out;
  }

  /** The per-epoch training history of the last `fit`. */
  get history(): History {
    return this.state('history').history;
  }

  /** The fitted scaler (null with `scaler: 'none'` or after `fit(windows)`). */
  get scaler(): SeriesScaler | null {
    return this.state('scaler').scaler;
  }

  /** The trained network (owned by the forecaster). */
  get network(): ForecastNetwork {
    return this.state('network').net;
  }

  /** Writes `config.json` (options, scaler, history) and `model.safetensors` into `dir` (Node.js); read it with the class's `load`. */
  async save(dir: string): Promise<void> {
    await saveModelFiles(dir, await forecasterFiles(this.name, this.params, this.state('save')));
  }

  /** The whole forecaster as one safetensors byte array (for browsers); read it with the class's `fromBytes`. */
  async toBytes(): Promise<Uint8Array> {
    return packModel(await forecasterFiles(this.name, this.params, this.state('toBytes')));
  }

  /** Puts saved files into this instance (built with the saved options). Used by `load`/`fromBytes`. */
  protected restoreFrom(files: LoadedModelFiles, where: string): this {
    const fitted = restoreFitted(files, where, this.cell);
    this.dispose();
    this.#fitted = fitted;
    return this;
  }

  /** Frees the network's tensors; the forecaster is unfitted afterwards. */
  dispose(): void {
    this.#fitted?.net.dispose();
    this.#fitted = undefined;
  }

  private async predict(f: Fitted, window: number[]): Promise<number[]> {
    const y = tf.tidy(() => f.net.forward(tf.tensor3d(window, [1, f.lookback, f.features]))); // [1, O]
    const values = Array.from(await y.data());
    y.dispose();
    return values;
  }

  /** Log and difference, as the params ask (the scaler comes later). */
  private prepare(where: string, s: Series): Series {
    const p = this.params;
    let data = s.data;
    if (p.logTransform) {
      const bad = data.findIndex((v) => !(v > 0));
      if (bad >= 0) {
        throw new RangeError(`${where}: 'logTransform' needs values > 0; received ${data[bad]} at step ${Math.floor(bad / s.features)}`);
      }
      data = data.map(Math.log);
    }
    let length = s.length;
    if (p.difference) {
      const F = s.features;
      const d = new Float64Array((length - 1) * F);
      for (let i = 0; i < d.length; i++) d[i] = data[i + F] - data[i];
      data = d;
      length -= 1;
    }
    return { ...s, data, length };
  }

  private checkParams(where: string): Params {
    const p = this.params;
    checkInt(where, 'lookback', p.lookback, 1);
    checkInt(where, 'horizon', p.horizon, 1);
    checkInt(where, 'hiddenSize', p.hiddenSize, 1);
    checkInt(where, 'numLayers', p.numLayers, 1);
    checkInt(where, 'targetColumn', p.targetColumn, 0);
    checkInt(where, 'epochs', p.epochs, 1);
    checkInt(where, 'batchSize', p.batchSize, 1);
    checkInt(where, 'patience', p.patience, 0);
    checkInt(where, 'seed', p.seed, 0);
    if (p.strategy !== 'recursive' && p.strategy !== 'direct') throw new RangeError(`${where}: 'strategy' must be 'recursive' or 'direct'; received ${show(p.strategy)}`);
    if (!(p.lr > 0)) throw new RangeError(`${where}: 'lr' must be > 0; received ${show(p.lr)}`);
    if (!(p.clipGradNorm >= 0)) throw new RangeError(`${where}: 'clipGradNorm' must be >= 0; received ${show(p.clipGradNorm)}`);
    const v = p.validationSize;
    if (!(typeof v === 'number' && ((v >= 0 && v < 1) || (Number.isInteger(v) && v >= 1)))) {
      throw new RangeError(`${where}: 'validationSize' must be a fraction in [0, 1) or an integer >= 1; received ${show(v)}`);
    }
    return p;
  }

  private recursiveError(where: string, features: number): RangeError {
    return new RangeError(`${where}: the recursive strategy feeds its forecasts back as inputs, so it needs a univariate series; received ${features} features (use strategy 'direct')`);
  }

  private state(what: string): Fitted {
    if (this.#fitted === undefined) throw new NotFittedError(this.name, what);
    return this.#fitted;
  }
}

function isWindows(x: unknown): x is Windows {
  return typeof x === 'object' && x !== null && 'inputs' in x && 'targets' in x;
}

/** The last `validationSize` of the windows (by time) become the validation set. */
function splitWindows(where: string, w: Windows, validationSize: number): { train: Windows; validation: Windows | undefined } {
  const [n, T, F] = w.inputs.shape;
  const H = w.targets.shape[1];
  const nVal = validationSize === 0 ? 0 : validationSize < 1 ? Math.round(validationSize * n) : validationSize;
  if (n - nVal < 1) throw new RangeError(`${where}: 'validationSize' must leave at least one training window; received ${nVal} of ${n} windows`);
  const part = (a: number, b: number): Windows => ({
    inputs: { data: w.inputs.data.slice(a * T * F, b * T * F), shape: [b - a, T, F] },
    targets: { data: w.targets.data.slice(a * H, b * H), shape: [b - a, H] },
    targetStart: w.targetStart.slice(a, b),
  });
  return { train: part(0, n - nVal), validation: nVal === 0 ? undefined : part(n - nVal, n) };
}

