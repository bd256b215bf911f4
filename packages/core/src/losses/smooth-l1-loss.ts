/**
 * Smooth L1 loss, as PyTorch 1.13's `torch.nn.functional.smooth_l1_loss`; from Girshick,
 * "Fast R-CNN" (2015).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.SmoothL1Loss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { absSignGrad, checkFloatPair, checkNumber, checkReduction } from './loss-checks.js';

export interface SmoothL1LossOptions {
  /** Where the loss changes from quadratic to linear; 0 gives the L1 loss. @default 1 */
  beta?: number;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const SMOOTH_L1_LOSS_DEFAULTS = { beta: 1, reduction: 'mean' } as const satisfies Required<SmoothL1LossOptions>;

/**
 * With d = |input − target|: 0.5·d²/β where d < β, else d − 0.5·β. Shapes must be equal. Returns a
 * scalar, or the per-element losses with `reduction: 'none'`; the caller owns it.
 */
export function smoothL1Loss(input: tf.Tensor, target: tf.Tensor, options: SmoothL1LossOptions = {}): tf.Tensor {
  const fn = 'smoothL1Loss';
  const { beta, reduction } = { ...SMOOTH_L1_LOSS_DEFAULTS, ...options };
  checkFloatPair(fn, input, target);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  checkNumber(fn, 'beta', beta, 0);
  return tf.tidy(() => {
    const abs = absSignGrad(tf.sub(input, target));
    if (beta === 0) return applyReduction(abs, reduction);
    // 0.5·min(d, β)²/β + (d − min(d, β)) equals both branches and differentiates without a mask.
    const inner = tf.minimum(abs, beta);
    const loss = tf.add(tf.div(tf.mul(tf.square(inner), 0.5), beta), tf.sub(abs, inner));
    return applyReduction(loss, reduction);
  });
}
