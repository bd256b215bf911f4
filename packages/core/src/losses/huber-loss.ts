/**
 * Huber loss, as PyTorch 1.13's `torch.nn.functional.huber_loss`; from Huber, "Robust Estimation
 * of a Location Parameter" (1964).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.HuberLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { absSignGrad, checkFloatPair, checkNumber, checkReduction } from './loss-checks.js';

export interface HuberLossOptions {
  /** Where the loss changes from quadratic to linear; must be > 0. @default 1 */
  delta?: number;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const HUBER_LOSS_DEFAULTS = { delta: 1, reduction: 'mean' } as const satisfies Required<HuberLossOptions>;

/**
 * With d = |input − target|: 0.5·d² where d < δ, else δ·(d − 0.5·δ). Shapes must be equal. Returns
 * a scalar, or the per-element losses with `reduction: 'none'`; the caller owns it.
 */
export function huberLoss(input: tf.Tensor, target: tf.Tensor, options: HuberLossOptions = {}): tf.Tensor {
  const fn = 'huberLoss';
  const { delta, reduction } = { ...HUBER_LOSS_DEFAULTS, ...options };
  checkFloatPair(fn, input, target);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  checkNumber(fn, 'delta', delta, 0, Infinity, true);
  return tf.tidy(() => {
    const abs = absSignGrad(tf.sub(input, target));
    // 0.5·min(d, δ)² + δ·(d − min(d, δ)) equals both branches and differentiates without a mask.
    const inner = tf.minimum(abs, delta);
    const loss = tf.add(tf.mul(tf.square(inner), 0.5), tf.mul(tf.sub(abs, inner), delta));
    return applyReduction(loss, reduction);
  });
}
