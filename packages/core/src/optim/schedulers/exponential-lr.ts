/**
 * Exponential decay, as PyTorch 1.13's `torch.optim.lr_scheduler.ExponentialLR`: lr = base·γ^t.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ExponentialLR.html
 */
import { checkHyper } from '../check-hyper.js';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler.js';

export interface ExponentialLROptions {
  /** Multiplicative decay per step; required. */
  gamma: number;
}

export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer);
    checkHyper('ExponentialLR', 'gamma', options?.gamma, 0);
    this.gamma = options.gamma;
    this.start();
  }

  protected lrAt(epoch: number, baseLr: number): number {
    return baseLr * this.gamma ** epoch;
  }
}
