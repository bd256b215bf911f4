/** Evaluation of a model over a data set: mean loss and metrics, in eval mode, without gradients. */
import * as tf from '@tensorflow/tfjs-core';
import type { AnyModule } from '../nn/module.js';
import { DataLoader } from '../data/data-loader.js';
import type { Dataset } from '../data/dataset.js';
import type { TensorBatch } from '../data/tensor-dataset.js';
import { batchLoss } from './batch-loss.js';

/** What `fit` and `evaluate` iterate: a `DataLoader`, or anything with its epoch interface. */
export interface BatchLoader<B> extends Iterable<B> {
  /** Batches per epoch. */
  readonly length: number;
  /** Sets the epoch the next iteration runs (shuffling order depends on it). */
  setEpoch(epoch: number): void;
}

/** Whether `data` is a loader rather than a dataset. */
export function isBatchLoader<B>(data: unknown): data is BatchLoader<B> {
  return data !== null && typeof data === 'object' && typeof (data as BatchLoader<B>).setEpoch === 'function' && typeof (data as BatchLoader<B>)[Symbol.iterator] === 'function';
}

/** The scalar loss of one batch of any shape. */
export type BatchLossFn<B> = (model: AnyModule, batch: B) => tf.Scalar;

/** A metric: mean over the batch of (output, targets), as a scalar tensor. */
export type MetricFn = (output: tf.Tensor, targets: tf.Tensor) => tf.Scalar;

export interface EvaluateResult {
  /** Sample-weighted mean loss. */
  loss: number;
  /** Sample-weighted mean of each metric. */
  metrics: Record<string, number>;
  /** Samples seen. */
  samples: number;
}

function firstDim(batch: unknown): number {
  if (batch instanceof tf.Tensor) return batch.shape[0] ?? 1;
  if (batch !== null && typeof batch === 'object') {
    for (const v of Object.values(batch as Record<string, unknown>)) {
      const n = firstDim(v);
      if (n > 0) return n;
    }
  }
  return 0;
}

function disposeBatch(batch: unknown): void {
  if (batch instanceof tf.Tensor) batch.dispose();
  else if (batch !== null && typeof batch === 'object') for (const v of Object.values(batch as Record<string, unknown>)) disposeBatch(v);
}

/**
 * Runs `model` in eval mode over `loader` and returns the sample-weighted mean loss and metrics.
 * The model's previous mode is restored afterwards. Metrics need `{features, targets}` batches.
 */
export async function evaluateLoss<B>(
  model: AnyModule,
  loader: BatchLoader<B>,
  computeLoss: BatchLossFn<B>,
  metrics: Record<string, MetricFn>,
): Promise<EvaluateResult> {
  const wasTraining = model.training;
  model.eval();
  let lossSum = 0;
  let samples = 0;
  const sums: Record<string, number> = Object.fromEntries(Object.keys(metrics).map((k) => [k, 0]));
  try {
    for (const batch of loader) {
      const n = Math.max(firstDim(batch), 1);
      let values: tf.Scalar[];
      try {
        values = tf.tidy(() => {
          const out: tf.Scalar[] = [computeLoss(model, batch)];
          if (Object.keys(metrics).length > 0) {
            const b = batch as unknown as TensorBatch;
            if (!(b.features instanceof tf.Tensor) || !(b.targets instanceof tf.Tensor)) {
              throw new TypeError("evaluate: 'metrics' need { features, targets } batches");
            }
            const output = (model as unknown as { forward(x: tf.Tensor): tf.Tensor }).forward(b.features);
            for (const fn of Object.values(metrics)) out.push(fn(output, b.targets));
          }
          return out;
        });
      } finally {
        disposeBatch(batch);
      }
      const read = await Promise.all(values.map((v) => v.data()));
      tf.dispose(values);
      lossSum += read[0][0] * n;
      Object.keys(metrics).forEach((k, i) => (sums[k] += read[i + 1][0] * n));
      samples += n;
    }
  } finally {
    model.train(wasTraining);
  }
  if (samples === 0) throw new Error('evaluate: the data set is empty');
  const out: Record<string, number> = {};
  for (const k of Object.keys(sums)) out[k] = sums[k] / samples;
  return { loss: lossSum / samples, metrics: out, samples };
}

export interface EvaluateOptions<B = TensorBatch> {
  /** Loss on (output, targets) for `{features, targets}` batches. */
  loss?: (output: tf.Tensor, targets: tf.Tensor) => tf.Scalar;
  /** The scalar loss of a batch of any shape; overrides `loss`. */
  computeLoss?: BatchLossFn<B>;
  /** Metrics by name. */
  metrics?: Record<string, MetricFn>;
  /** Batch size when `data` is a dataset. @default 32 */
  batchSize?: number;
}

/** Mean loss and metrics of `model` on `data`, in eval mode. */
export async function evaluate<B = TensorBatch>(
  model: AnyModule,
  data: BatchLoader<B> | Dataset<B>,
  options: EvaluateOptions<B>,
): Promise<EvaluateResult> {
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`evaluate: 'batchSize' must be a positive integer; received ${String(batchSize)}`);
  const loader: BatchLoader<B> = isBatchLoader<B>(data) ? data : new DataLoader(data, { batchSize });
  const computeLoss = batchLoss('evaluate', options);
  return evaluateLoss(model, loader, computeLoss, options.metrics ?? {});
}
