/**
 * Negative log-likelihood loss on log-probabilities, as PyTorch 1.13's `torch.nn.functional.nll_loss`.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.NLLLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Reduction } from './apply-reduction.js';
import { checkClassIndexTarget, checkClassWeight, classIndexTerms } from './class-index-terms.js';
import { checkFloat, checkReduction, checkTensor } from './loss-checks.js';

export interface NllLossOptions {
  /**
   * Per-class weights, shape [C]. With `'mean'` the result is divided by the summed weights of
   * the kept targets (PyTorch's weighted mean). `null`: every class weighs 1.
   * @default null
   */
  weight?: tf.Tensor | null;
  /** Targets equal to this value contribute nothing and are left out of the mean (`ignore_index`). @default -100 */
  ignoreIndex?: number;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const NLL_LOSS_DEFAULTS = {
  weight: null,
  ignoreIndex: -100,
  reduction: 'mean',
} as const satisfies Required<NllLossOptions>;

/**
 * −Σ w[y]·input[…, y]. `input` is log-probabilities [..., C] (class dimension LAST, unlike
 * PyTorch's dim 1), `target` int32 class indices of shape `input.shape.slice(0, -1)`.
 *
 * Returns a scalar, or per-element losses of the target's shape with `reduction: 'none'`; the
 * caller owns it. With `'mean'` and every target ignored the result is NaN, as in PyTorch.
 * Out-of-range targets throw on cpu and wasm; on WebGPU (no synchronous reads) they are not checked.
 */
export function nllLoss(input: tf.Tensor, target: tf.Tensor, options: NllLossOptions = {}): tf.Tensor {
  const fn = 'nllLoss';
  const { weight, ignoreIndex, reduction } = { ...NLL_LOSS_DEFAULTS, ...options };
  checkTensor(fn, 'input', input);
  checkTensor(fn, 'target', target);
  checkFloat(fn, 'input', input);
  if (input.rank < 1) throw new RangeError(`${fn}: 'input' must have rank >= 1 ([..., C]); received a scalar`);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  if (!Number.isInteger(ignoreIndex)) throw new TypeError(`${fn}: 'ignoreIndex' must be an integer; received ${JSON.stringify(ignoreIndex)}`);
  const numClasses = input.shape[input.rank - 1];
  if (weight !== null) checkClassWeight(fn, weight, numClasses);
  checkClassIndexTarget(fn, input, target, ignoreIndex);
  return tf.tidy(() => {
    const logp = tf.reshape(input, [-1, numClasses]) as tf.Tensor2D; // [M, C]
    const terms = classIndexTerms(logp, target, weight, ignoreIndex);
    if (reduction === 'none') return tf.reshape(terms.loss, target.shape);
    if (reduction === 'sum') return tf.sum(terms.loss);
    return tf.div(tf.sum(terms.loss), tf.sum(terms.rowWeight));
  });
}
