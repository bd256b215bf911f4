/**
 * Cross-entropy between logits and class indices or class probabilities, as PyTorch 1.13's
 * `torch.nn.functional.cross_entropy` (aten/src/ATen/native/LossNLL.cpp: `cross_entropy_loss`,
 * `cross_entropy_loss_label_smoothing`, `cross_entropy_loss_prob_target`), with label smoothing
 * from Szegedy et al., "Rethinking the Inception Architecture for Computer Vision" (2016).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Reduction } from './apply-reduction.js';
import { checkClassIndexTarget, checkClassWeight, classIndexTerms } from './class-index-terms.js';
import { checkFloat, checkNumber, checkReduction, checkTensor } from './loss-checks.js';
import { softmaxCrossEntropyRows } from './softmax-cross-entropy-rows.js';

export interface CrossEntropyOptions {
  /**
   * Per-class weights, shape [C]. With class-index targets and `'mean'` the result is divided by the
   * summed weights of the kept targets (PyTorch's weighted mean). `null`: every class weighs 1.
   * @default null
   */
  weight?: tf.Tensor | null;
  /**
   * Class-index targets equal to this value contribute nothing and are left out of the mean
   * (`ignore_index`). Unused with probability targets.
   * @default -100
   */
  ignoreIndex?: number;
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C (`label_smoothing`). @default 0 */
  labelSmoothing?: number;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const CROSS_ENTROPY_DEFAULTS = {
  weight: null,
  ignoreIndex: -100,
  labelSmoothing: 0,
  reduction: 'mean',
} as const satisfies Required<CrossEntropyOptions>;

/**
 * Cross-entropy of `input` logits [..., C] — [N, C], or [N, T, C] for sequences; the class dimension
 * is LAST, unlike PyTorch's dim 1 — against either
 * - int32 class indices of shape `input.shape.slice(0, -1)`, or
 * - float32 class probabilities of the input's shape.
 *
 * Computed from `logSoftmax`, so large logits stay finite and gradients are exact. Returns a scalar,
 * or per-element losses of shape `input.shape.slice(0, -1)` with `reduction: 'none'`; the caller
 * owns it. With `'mean'` and every target ignored the result is NaN, as in PyTorch. Out-of-range
 * class indices throw on cpu and wasm; on WebGPU (no synchronous reads) they are not checked.
 */
export function crossEntropy(input: tf.Tensor, target: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  const fn = 'crossEntropy';
  const { weight, ignoreIndex, labelSmoothing, reduction } = { ...CROSS_ENTROPY_DEFAULTS, ...options };
  checkTensor(fn, 'input', input);
  checkTensor(fn, 'target', target);
  checkFloat(fn, 'input', input);
  if (input.rank < 1) throw new RangeError(`${fn}: 'input' must have rank >= 1 ([..., C]); received a scalar`);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  checkNumber(fn, 'labelSmoothing', labelSmoothing, 0, 1);
  if (!Number.isInteger(ignoreIndex)) throw new TypeError(`${fn}: 'ignoreIndex' must be an integer; received ${JSON.stringify(ignoreIndex)}`);
  const numClasses = input.shape[input.rank - 1];
  if (weight !== null) checkClassWeight(fn, weight, numClasses);
  const probabilities = target.dtype === 'float32' && tf.util.arraysEqual(target.shape, input.shape);
  if (target.dtype === 'float32' && !probabilities) {
    throw new TypeError(
      `${fn}: 'target' must be int32 class indices of shape [${input.shape.slice(0, -1).join(', ')}] or float32 ` +
        `probabilities of shape [${input.shape.join(', ')}]; received float32 of shape [${target.shape.join(', ')}]`,
    );
  } else if (!probabilities) {
    checkClassIndexTarget(fn, input, target, ignoreIndex);
  }

  return tf.tidy(() => {
    if (!probabilities && weight === null && labelSmoothing === 0) {
      // The common case (language models, classifiers): one softmax and a hand-written gradient.
      const flat = tf.reshape(input, [-1, numClasses]) as tf.Tensor2D; // [M, C]
      const { rows, kept } = softmaxCrossEntropyRows(flat, tf.reshape(target, [flat.shape[0]]) as tf.Tensor1D, ignoreIndex); // [M]
      if (reduction === 'none') return tf.reshape(rows, input.shape.slice(0, -1));
      const total = tf.sum(rows);
      return reduction === 'sum' ? total : tf.div(total, tf.sum(kept));
    }
    const logp = tf.logSoftmax(tf.reshape(input, [-1, numClasses]) as tf.Tensor2D); // [M, C]
    const rowShape = input.shape.slice(0, -1);
    const m = logp.shape[0];
    const weighted = weight === null ? logp : tf.mul(logp, weight); // [M, C]
    if (probabilities) {
      let p = tf.reshape(target, [m, numClasses]); // [M, C]
      if (labelSmoothing > 0) p = tf.add(tf.mul(p, 1 - labelSmoothing), labelSmoothing / numClasses);
      const rows = tf.neg(tf.sum(tf.mul(weighted, p), -1)); // [M]
      if (reduction === 'none') return tf.reshape(rows, rowShape);
      const total = tf.sum(rows);
      return reduction === 'sum' ? total : tf.div(total, m);
    }
    const terms = classIndexTerms(logp, target, weight, ignoreIndex);
    let nll: tf.Tensor;
    if (reduction === 'none') nll = terms.loss;
    else if (reduction === 'sum') nll = tf.sum(terms.loss);
    else nll = tf.div(tf.sum(terms.loss), tf.sum(terms.rowWeight));
    if (labelSmoothing > 0) {
      // Uniform part: −Σ_c w_c·logp_c on kept rows, normalised like the NLL part (PyTorch 1.13).
      const smooth = tf.mul(tf.neg(tf.sum(weighted, -1)), terms.kept); // [M]
      let smoothReduced: tf.Tensor;
      if (reduction === 'none') smoothReduced = smooth;
      else if (reduction === 'sum') smoothReduced = tf.sum(smooth);
      else smoothReduced = tf.div(tf.sum(smooth), tf.sum(terms.rowWeight));
      nll = tf.add(tf.mul(nll, 1 - labelSmoothing), tf.mul(smoothReduced, labelSmoothing / numClasses));
    }
    return reduction === 'none' ? tf.reshape(nll, rowShape) : nll;
  });
}
