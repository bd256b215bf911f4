/**
 * Mean absolute error, as PyTorch 1.13's `torch.nn.functional.l1_loss`.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.L1Loss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { absSignGrad, checkFloatPair, checkReduction } from './loss-checks.js';

export interface L1LossOptions {
  /** @default 'mean' */
  reduction?: Reduction;
}

export const L1_LOSS_DEFAULTS = { reduction: 'mean' } as const satisfies Required<L1LossOptions>;

/**
 * |input − target|, with gradient sign(input − target) (0 where they are equal, as PyTorch).
 * Shapes must be equal. Returns a scalar, or the per-element losses with `reduction: 'none'`; the
 * caller owns it.
 */
export function l1Loss(input: tf.Tensor, target: tf.Tensor, options: L1LossOptions = {}): tf.Tensor {
  const { reduction } = { ...L1_LOSS_DEFAULTS, ...options };
  checkFloatPair('l1Loss', input, target);
  checkReduction('l1Loss', reduction, ['mean', 'sum', 'none']);
  return tf.tidy(() => applyReduction(absSignGrad(tf.sub(input, target)), reduction));
}
