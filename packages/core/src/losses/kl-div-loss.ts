/**
 * Kullback–Leibler divergence loss, as PyTorch 1.13's `torch.nn.functional.kl_div`: `input` holds
 * log-probabilities, `target` probabilities (or log-probabilities with `logTarget`).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.KLDivLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkFloatPair, checkReduction } from './loss-checks.js';

export interface KlDivLossOptions {
  /**
   * `'batchmean'` divides the sum by the batch size (`input.shape[0]`) and is the true KL divergence
   * per sample; `'mean'` divides by the number of elements (PyTorch's default, kept for parity).
   * @default 'mean'
   */
  reduction?: 'mean' | 'batchmean' | 'sum' | 'none';
  /** `target` holds log-probabilities (`log_target`). @default false */
  logTarget?: boolean;
}

export const KL_DIV_LOSS_DEFAULTS = { reduction: 'mean', logTarget: false } as const satisfies Required<KlDivLossOptions>;

/**
 * Pointwise t·(log t − input) (0 where t = 0), or exp(t)·(t − input) with `logTarget`. Shapes must be
 * equal. Returns a scalar, or the per-element losses with `reduction: 'none'`; the caller owns it.
 */
export function klDivLoss(input: tf.Tensor, target: tf.Tensor, options: KlDivLossOptions = {}): tf.Tensor {
  const fn = 'klDivLoss';
  const { reduction, logTarget } = { ...KL_DIV_LOSS_DEFAULTS, ...options };
  checkFloatPair(fn, input, target);
  checkReduction(fn, reduction, ['mean', 'batchmean', 'sum', 'none']);
  if (typeof logTarget !== 'boolean') throw new TypeError(`${fn}: 'logTarget' must be a boolean; received ${JSON.stringify(logTarget)}`);
  return tf.tidy(() => {
    let loss: tf.Tensor;
    if (logTarget) {
      loss = tf.mul(tf.exp(target), tf.sub(target, input));
    } else {
      // xlogy(t, t): log of 1 where t = 0 keeps the value and its gradient at 0 (a negative t gives NaN, as PyTorch).
      const safe = tf.where(tf.equal(target, 0), tf.onesLike(target), target);
      loss = tf.sub(tf.mul(target, tf.log(safe)), tf.mul(target, input));
    }
    if (reduction === 'none') return loss;
    if (reduction === 'sum') return tf.sum(loss);
    if (reduction === 'mean') return tf.mean(loss);
    return tf.div(tf.sum(loss), input.rank === 0 ? 1 : input.shape[0]);
  });
}
