/**
 * Adam, as PyTorch 1.13's `torch.optim.Adam` (single-tensor path): Kingma & Ba, "Adam: A Method for
 * Stochastic Optimization" (2015), with the AMSGrad variant of Reddi et al., "On the Convergence of
 * Adam and Beyond" (2018), and weight decay as an L2 term added to the gradient.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
 */
import { AdamBase } from './adam-base.js';
import type { ParamsInput } from './optimizer.js';

export interface AdamOptions {
  /** Learning rate. @default 1e-3 */
  lr?: number;
  /** Decay rates of the first and second moment estimates. @default [0.9, 0.999] */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability. @default 1e-8 */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`; see `AdamW` for decoupled decay). @default 0 */
  weightDecay?: number;
  /** Use the running maximum of the second moment (AMSGrad). @default false */
  amsgrad?: boolean;
}

export const ADAM_DEFAULTS = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
} as const satisfies Required<AdamOptions>;


/** Adam with L2 weight decay added to the gradient; see `AdamBase` for the update. */
export class Adam extends AdamBase {
  constructor(params: ParamsInput<Required<AdamOptions>>, options: AdamOptions = {}) {
    super('Adam', params, { ...ADAM_DEFAULTS, ...options }, false);
  }
}
