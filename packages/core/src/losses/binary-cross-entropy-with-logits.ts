/**
 * Binary cross-entropy on logits, as PyTorch 1.13's
 * `torch.nn.functional.binary_cross_entropy_with_logits` (aten/src/ATen/native/Loss.cpp), in the
 * stable form (1 − t)·x + (1 + (p − 1)·t)·softplus(−x).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BCEWithLogitsLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { checkBroadcastsTo, checkFloat, checkFloatPair, checkReduction } from './loss-checks.js';

export interface BinaryCrossEntropyWithLogitsOptions {
  /** Per-element weight, broadcast to the input's shape. `null`: all 1. @default null */
  weight?: tf.Tensor | null;
  /**
   * Weight of the positive term, broadcast to the input's shape — typically [C], one per class,
   * e.g. negatives/positives (`pos_weight`). `null`: all 1.
   * @default null
   */
  posWeight?: tf.Tensor | null;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const BINARY_CROSS_ENTROPY_WITH_LOGITS_DEFAULTS = {
  weight: null,
  posWeight: null,
  reduction: 'mean',
} as const satisfies Required<BinaryCrossEntropyWithLogitsOptions>;

/**
 * −w·[p·t·log σ(x) + (1 − t)·log(1 − σ(x))] for logits `input` and targets in [0, 1] (soft labels
 * allowed) of the same shape. Finite for any finite logit. Returns a scalar, or the per-element
 * losses with `reduction: 'none'`; the caller owns it.
 */
export function binaryCrossEntropyWithLogits(
  input: tf.Tensor,
  target: tf.Tensor,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): tf.Tensor {
  const fn = 'binaryCrossEntropyWithLogits';
  const { weight, posWeight, reduction } = { ...BINARY_CROSS_ENTROPY_WITH_LOGITS_DEFAULTS, ...options };
  checkFloatPair(fn, input, target);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  if (weight !== null) {
    checkFloat(fn, 'weight', weight);
    checkBroadcastsTo(fn, 'weight', weight, input.shape);
  }
  if (posWeight !== null) {
    checkFloat(fn, 'posWeight', posWeight);
    checkBroadcastsTo(fn, 'posWeight', posWeight, input.shape);
  }
  return tf.tidy(() => {
    const softplusNeg = tf.softplus(tf.neg(input)); // −log σ(x), stable for large |x|
    const logWeight = posWeight === null ? softplusNeg : tf.mul(tf.add(tf.mul(tf.sub(posWeight, 1), target), 1), softplusNeg);
    let loss = tf.add(tf.mul(tf.sub(1, target), input), logWeight);
    if (weight !== null) loss = tf.mul(loss, weight);
    return applyReduction(loss, reduction);
  });
}
