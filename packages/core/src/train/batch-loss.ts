/** The per-batch loss of `fit` and `evaluate`, from a loss on (output, targets) or a custom function. */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorBatch } from '../data/tensor-dataset.js';
import type { BatchLossFn } from './evaluate.js';

export interface LossOptions<B> {
  loss?: (output: tf.Tensor, targets: tf.Tensor) => tf.Scalar;
  computeLoss?: BatchLossFn<B>;
}

/** Builds the per-batch loss from `loss` (TensorBatch data) or `computeLoss`. */
export function batchLoss<B>(where: string, options: LossOptions<B>): BatchLossFn<B> {
  if (options.computeLoss !== undefined) return options.computeLoss;
  const loss = options.loss;
  if (typeof loss !== 'function') throw new TypeError(`${where}: give 'loss' (a function of output and targets) or 'computeLoss'; received ${typeof loss}`);
  return (m, batch) => {
    const b = batch as unknown as TensorBatch;
    if (!(b.features instanceof tf.Tensor) || !(b.targets instanceof tf.Tensor)) {
      throw new TypeError(`${where}: with 'loss', batches must be { features, targets } tensors; use 'computeLoss' for other batches`);
    }
    return loss((m as unknown as { forward(x: tf.Tensor): tf.Tensor }).forward(b.features), b.targets);
  };
}

