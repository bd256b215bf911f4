/**
 * `fit`: the training loop for any `Module`, in the spirit of Keras' `fit` and PyTorch Lightning's
 * `Trainer`: epochs of mini-batches, gradient accumulation and clipping, an LR schedule stepped per
 * optimizer step, validation with metrics, callbacks (early stopping among them), best/last
 * checkpoints with resume, logging every N steps, a progress bar on a TTY, and an optional yield to
 * the event loop so a browser page stays responsive.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyModule } from '../nn/module.js';
import { DataLoader } from '../data/data-loader.js';
import type { Dataset } from '../data/dataset.js';
import type { TensorBatch } from '../data/tensor-dataset.js';
import { clipGradNorm } from '../optim/clip-grad-norm.js';
import type { Callback, EpochLogs, StepLogs, TrainingControl } from './callback.js';
import { loadCheckpoint, saveCheckpoint, type CheckpointableOptimizer, type CheckpointableScheduler } from './checkpoint.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { checkMonitor, improves, readMonitor, type MonitorMode, type MonitorName } from './monitor.js';
import { ProgressBar, type ProgressStream } from './progress-bar.js';
import { evaluateLoss, isBatchLoader, type BatchLoader, type BatchLossFn, type MetricFn } from './evaluate.js';
import { batchLoss } from './batch-loss.js';

/** A loss on the model's output and the batch targets, returning a scalar (mean over the batch). */
export type LossFn = (output: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

export interface CheckpointOptions {
  /** Folder that receives `last/` and `best/` checkpoints. */
  dir: string;
  /** What decides the best checkpoint. @default 'valLoss' when validation data is given, else 'loss' */
  monitor?: MonitorName;
  /** Whether lower or higher is better. @default 'min' */
  mode?: MonitorMode;
  /** Keep `last/` (written after every epoch). @default true */
  saveLast?: boolean;
  /** Keep `best/` (written when the monitored value improves). @default true */
  saveBest?: boolean;
}

export interface FitOptions<B = TensorBatch> {
  /** The optimizer; it must hold the model's trainable parameters. */
  optimizer: CheckpointableOptimizer;
  /** Loss on (output, targets) for `TensorBatch` data. Give this or `computeLoss`. */
  loss?: LossFn;
  /** Full control: the scalar loss of a batch of any shape. Overrides `loss` and `forward`. */
  computeLoss?: BatchLossFn<B>;
  /** Epochs to train (in total, counting those done before a resume). @default 1 */
  epochs?: number;
  /** Batch size when `data` is a dataset rather than a `DataLoader`. @default 32 */
  batchSize?: number;
  /** Seed of the shuffling when `data` is a dataset. @default 0 */
  seed?: number;
  /** Validation data, evaluated after every epoch in eval mode. */
  validation?: BatchLoader<B> | Dataset<B>;
  /** Validation metrics: name → mean-over-batch scalar of (output, targets) (TensorBatch data). */
  metrics?: Record<string, MetricFn>;
  /** Stepped once per optimizer step. */
  scheduler?: CheckpointableScheduler;
  /** Micro-batches whose gradients are summed (losses scaled by 1/k) before one step. @default 1 */
  gradientAccumulationSteps?: number;
  /** Clip the global gradient norm to this value before each step. @default undefined (no clipping) */
  clipGradNorm?: number;
  /** Stop early; a shortcut for adding an `EarlyStopping` callback. */
  earlyStopping?: EarlyStoppingOptions;
  /** Save best/last checkpoints after each epoch. Node.js only. */
  checkpoint?: CheckpointOptions;
  /** Resume from a checkpoint folder written by `fit` (e.g. `<dir>/last`). */
  resumeFrom?: string;
  /** More callbacks. */
  callbacks?: Callback[];
  /** Log a line every N optimizer steps (0: never). @default 0 */
  logEvery?: number;
  /** Where log lines go. @default console.log */
  logger?: (line: string) => void;
  /** Progress bar stream; drawn only when it is a TTY. @default process.stdout in Node */
  progress?: ProgressStream | false;
  /** Yield to the event loop every N batches (0: never). @default 1 in browsers, 0 in Node */
  yieldEvery?: number;
}

/** What `fit` returns: per-epoch values, in order. */
export interface History {
  epoch: number[];
  loss: number[];
  valLoss: number[];
  valMetrics: Record<string, number[]>;
  lr: number[];
  /** Optimizer steps taken in total. */
  steps: number;
  /** Why training stopped before `epochs`, if it did. */
  stopReason?: string;
  /** Best monitored value and its epoch, when checkpoints were kept. */
  best?: { value: number; epoch: number };
}

const isNode = (): boolean => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`fit: '${name}' must be an integer >= ${min}; received ${String(value)}`);
  }
  return value;
}

function toLoader<B>(data: BatchLoader<B> | Dataset<B>, batchSize: number, shuffle: boolean, seed: number, what: string): BatchLoader<B> {
  if (isBatchLoader<B>(data)) return data;
  if (data === null || typeof data !== 'object' || typeof (data as Dataset<B>).getBatch !== 'function') {
    throw new TypeError(`fit: '${what}' must be a DataLoader or a Dataset (with getBatch); received ${data === null ? 'null' : typeof data}`);
  }
  return new DataLoader(data as Dataset<B>, { batchSize, shuffle, seed });
}

/** The batch size of a batch: its first tensor's leading dimension. */
function sizeOf(batch: unknown): number {
  return batchTensors(batch)[0]?.shape[0] ?? 1;
}

/** Sums two gradient maps key by key, disposing both inputs. */
function addGrads(a: tf.NamedTensorMap, b: tf.NamedTensorMap): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] !== undefined && b[k] !== undefined) {
      out[k] = tf.add(a[k], b[k]);
      a[k].dispose();
      b[k].dispose();
    } else out[k] = a[k] ?? b[k];
  }
  return out;
}

function batchTensors(batch: unknown): tf.Tensor[] {
  if (batch instanceof tf.Tensor) return [batch];
  if (batch === null || typeof batch !== 'object') return [];
  return Object.values(batch as Record<string, unknown>).flatMap(batchTensors);
}

/**
 * Trains `model` on `data` and returns the per-epoch history.
 *
 * The model's trainable parameters are those the optimizer updates; gradients flow to every
 * trainable variable of the model (frozen ones, `trainable = false`, get none).
 */
export async function fit<B = TensorBatch>(model: AnyModule, data: BatchLoader<B> | Dataset<B>, options: FitOptions<B>): Promise<History> {
  if (model === null || typeof model !== 'object' || typeof (model as AnyModule).parameters !== 'function') {
    throw new TypeError(`fit: 'model' must be a Module; received ${model === null ? 'null' : typeof model}`);
  }
  const optimizer = options?.optimizer;
  if (optimizer === undefined || typeof optimizer.step !== 'function') {
    throw new TypeError(`fit: 'optimizer' must be an optimizer (with step(grads)); received ${typeof optimizer}`);
  }
  const epochs = checkInteger('epochs', options.epochs ?? 1, 1);
  const batchSize = checkInteger('batchSize', options.batchSize ?? 32, 1);
  const accumulate = checkInteger('gradientAccumulationSteps', options.gradientAccumulationSteps ?? 1, 1);
  const logEvery = checkInteger('logEvery', options.logEvery ?? 0, 0);
  const yieldEvery = checkInteger('yieldEvery', options.yieldEvery ?? (isNode() ? 0 : 1), 0);
  const seed = checkInteger('seed', options.seed ?? 0, 0);
  if (options.clipGradNorm !== undefined && !(options.clipGradNorm > 0)) {
    throw new RangeError(`fit: 'clipGradNorm' must be > 0; received ${String(options.clipGradNorm)}`);
  }
  const computeLoss = batchLoss('fit', options);
  const train = toLoader(data, batchSize, true, seed, 'data');
  const validation = options.validation === undefined ? undefined : toLoader(options.validation, batchSize, false, 0, 'validation');
  const logger = options.logger ?? ((line: string) => console.log(line));
  const stream: ProgressStream | undefined =
    options.progress === false ? undefined : (options.progress ?? (globalThis as { process?: { stdout?: ProgressStream } }).process?.stdout);
  const checkpoint = options.checkpoint;
  const monitor: MonitorName = checkpoint?.monitor ?? (validation !== undefined ? 'valLoss' : 'loss');
  const mode: MonitorMode = checkpoint?.mode ?? 'min';
  if (checkpoint !== undefined) {
    if (typeof checkpoint.dir !== 'string' || checkpoint.dir === '') {
      throw new TypeError(`fit: 'checkpoint.dir' must be a non-empty path; received ${JSON.stringify(checkpoint.dir)}`);
    }
    checkMonitor('fit: checkpoint', monitor, mode);
  }

  const callbacks: Callback[] = [...(options.callbacks ?? [])];
  if (options.earlyStopping !== undefined) callbacks.push(new EarlyStopping(options.earlyStopping));
  const params = optimizer.paramGroups.flatMap((g) => g.params).filter((p) => p.trainable);

  const history: History = { epoch: [], loss: [], valLoss: [], valMetrics: {}, lr: [], steps: 0 };
  let startEpoch = 0;
  let best: { value: number; epoch: number } | undefined;
  if (options.resumeFrom !== undefined) {
    const state = await loadCheckpoint(options.resumeFrom, { model, optimizer, scheduler: options.scheduler });
    startEpoch = state.epoch;
    history.steps = state.step;
    const saved = state.history as History | undefined;
    if (saved !== undefined) Object.assign(history, saved, { steps: state.step });
    best = state.best as typeof best;
  }

  let stopReason: string | undefined;
  const control: TrainingControl = { stop: (reason) => (stopReason ??= reason) };
  const lr = (): number => optimizer.paramGroups[0]?.lr ?? Number.NaN;
  for (const cb of callbacks) await cb.onTrainBegin?.(control);

  for (let epoch = startEpoch; epoch < epochs && stopReason === undefined; epoch++) {
    const started = Date.now();
    model.train();
    for (const cb of callbacks) await cb.onEpochBegin?.(epoch, control);
    train.setEpoch(epoch);
    const bar = stream === undefined ? undefined : new ProgressBar(stream, train.length, `epoch ${epoch + 1}/${epochs}`);
    let lossSum = 0;
    let samples = 0;
    let pending: tf.NamedTensorMap | undefined;
    let micro = 0;
    let batchIndex = 0;
    for (const batch of train) {
      const n = sizeOf(batch);
      let value: tf.Scalar;
      let grads: tf.NamedTensorMap;
      try {
        ({ value, grads } = tf.variableGrads(() => {
          const l = computeLoss(model, batch);
          return accumulate > 1 ? tf.div(l, accumulate) : l;
        }, params));
      } finally {
        tf.dispose(batchTensors(batch));
      }
      pending = pending === undefined ? grads : addGrads(pending, grads);
      micro++;
      const batchLossValue = (await value.data())[0] * (accumulate > 1 ? accumulate : 1);
      value.dispose();
      if (!Number.isFinite(batchLossValue)) {
        tf.dispose(Object.values(pending));
        throw new Error(`fit: the loss became ${batchLossValue} at epoch ${epoch}, batch ${batchIndex}; lower the learning rate or check the data`);
      }
      lossSum += batchLossValue * n;
      samples += n;
      const last = batchIndex === train.length - 1;
      if (micro === accumulate || last) {
        let toApply = pending;
        if (options.clipGradNorm !== undefined) {
          const clipped = clipGradNorm(pending, options.clipGradNorm);
          clipped.totalNorm.dispose();
          tf.dispose(Object.values(pending));
          toApply = clipped.grads;
        }
        optimizer.step(toApply);
        tf.dispose(Object.values(toApply));
        pending = undefined;
        micro = 0;
        history.steps++;
        options.scheduler?.step();
        if (logEvery > 0 && history.steps % logEvery === 0) {
          logger(`epoch ${epoch + 1} step ${history.steps} loss ${batchLossValue.toFixed(6)} lr ${lr().toExponential(3)}`);
        }
      }
      const stepLogs: StepLogs = { epoch, batch: batchIndex, step: history.steps, loss: batchLossValue, lr: lr() };
      for (const cb of callbacks) await cb.onStepEnd?.(stepLogs, control);
      bar?.update(batchIndex + 1, `loss ${(lossSum / samples).toFixed(4)}`);
      batchIndex++;
      if (yieldEvery > 0 && batchIndex % yieldEvery === 0) await tf.nextFrame();
    }

    const logs: EpochLogs = { epoch, loss: lossSum / Math.max(samples, 1), valMetrics: {}, lr: lr(), step: history.steps, seconds: 0 };
    if (validation !== undefined) {
      const result = await evaluateLoss(model, validation, computeLoss, options.metrics ?? {});
      logs.valLoss = result.loss;
      logs.valMetrics = result.metrics;
    }
    logs.seconds = (Date.now() - started) / 1000;
    bar?.finish(`loss ${logs.loss.toFixed(4)}${logs.valLoss !== undefined ? ` val ${logs.valLoss.toFixed(4)}` : ''}`);
    history.epoch.push(epoch);
    history.loss.push(logs.loss);
    if (logs.valLoss !== undefined) history.valLoss.push(logs.valLoss);
    for (const [k, v] of Object.entries(logs.valMetrics)) (history.valMetrics[k] ??= []).push(v);
    history.lr.push(logs.lr);
    if (logEvery > 0) {
      logger(`epoch ${epoch + 1}/${epochs} loss ${logs.loss.toFixed(6)}${logs.valLoss !== undefined ? ` valLoss ${logs.valLoss.toFixed(6)}` : ''}`);
    }
    for (const cb of callbacks) await cb.onEpochEnd?.(logs, control);

    if (checkpoint !== undefined) {
      const value = readMonitor('fit: checkpoint', monitor, logs);
      const improved = improves(value, best?.value, mode);
      if (improved) best = { value, epoch };
      const state = { epoch: epoch + 1, step: history.steps, history: { ...history }, best };
      const parts = { model, optimizer, scheduler: options.scheduler };
      if (checkpoint.saveLast ?? true) await saveCheckpoint(`${checkpoint.dir}/last`, parts, state);
      if ((checkpoint.saveBest ?? true) && improved) await saveCheckpoint(`${checkpoint.dir}/best`, parts, state);
    }
  }
  for (const cb of callbacks) await cb.onTrainEnd?.(control);
  model.eval();
  if (stopReason !== undefined) history.stopReason = stopReason;
  if (best !== undefined) history.best = best;
  return history;
}
