/**
 * Mean squared error, as PyTorch 1.13's `torch.nn.functional.mse_loss`.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.MSELoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { checkFloatPair, checkReduction } from './loss-checks.js';

export interface MseLossOptions {
  /** @default 'mean' */
  reduction?: Reduction;
}

export const MSE_LOSS_DEFAULTS = { reduction: 'mean' } as const satisfies Required<MseLossOptions>;

/**
 * (input − target)². Shapes must be equal (no broadcasting). Returns a scalar, or the per-element
 * losses with `reduction: 'none'`; the caller owns it.
 */
export function mseLoss(input: tf.Tensor, target: tf.Tensor, options: MseLossOptions = {}): tf.Tensor {
  const { reduction } = { ...MSE_LOSS_DEFAULTS, ...options };
  checkFloatPair('mseLoss', input, target);
  checkReduction('mseLoss', reduction, ['mean', 'sum', 'none']);
  return tf.tidy(() => applyReduction(tf.squaredDifference(input, target), reduction));
}
