/**
 * AdamW, as PyTorch 1.13's `torch.optim.AdamW`: Adam with decoupled weight decay, from Loshchilov &
 * Hutter, "Decoupled Weight Decay Regularization" (2019). Each step first shrinks the parameter,
 * p = p·(1 − lr·λ), then applies the Adam update to the raw gradient.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
 */
import { AdamBase } from './adam-base.js';
import { ADAM_DEFAULTS, type AdamOptions } from './adam.js';
import type { ParamsInput } from './optimizer.js';

/** AdamW's options: Adam's, with decoupled `weightDecay` defaulting to 0.01. */
export type AdamWOptions = AdamOptions;

export const ADAMW_DEFAULTS = { ...ADAM_DEFAULTS, weightDecay: 1e-2 } as const satisfies Required<AdamWOptions>;

/** Adam with decoupled weight decay; see `AdamBase` for the update. */
export class AdamW extends AdamBase {
  constructor(params: ParamsInput<Required<AdamWOptions>>, options: AdamWOptions = {}) {
    super('AdamW', params, { ...ADAMW_DEFAULTS, ...options }, true);
  }
}
