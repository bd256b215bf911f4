/** How a loss combines its per-element values: PyTorch's `reduction` argument. */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `'mean'` averages, `'sum'` adds, `'none'` returns the per-element losses.
 * @see https://pytorch.org/docs/1.13/nn.functional.html#loss-functions
 */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * Reduces per-element losses. Returns a new tensor owned by the caller (the input itself for
 * `'none'`). Call inside `tf.tidy`.
 */
export function applyReduction(loss: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (reduction === 'mean') return tf.mean(loss);
  if (reduction === 'sum') return tf.sum(loss);
  return loss;
}
