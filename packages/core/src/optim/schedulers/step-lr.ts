/**
 * Step decay, as PyTorch 1.13's `torch.optim.lr_scheduler.StepLR`: lr = base·γ^⌊t / stepSize⌋.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.StepLR.html
 */
import { checkHyper } from '../check-hyper.js';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler.js';

export interface StepLROptions {
  /** Steps between decays (`step_size`); required. */
  stepSize: number;
  /** Multiplicative decay. @default 0.1 */
  gamma?: number;
}

export const STEP_LR_DEFAULTS = { gamma: 0.1 } as const satisfies Omit<Required<StepLROptions>, 'stepSize'>;

export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    super('StepLR', optimizer);
    const { stepSize, gamma } = { ...STEP_LR_DEFAULTS, ...options };
    if (!Number.isInteger(stepSize) || stepSize < 1) {
      throw new RangeError(`StepLR: 'stepSize' must be a positive integer; received ${JSON.stringify(stepSize)}`);
    }
    checkHyper('StepLR', 'gamma', gamma, 0);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.start();
  }

  protected lrAt(epoch: number, baseLr: number): number {
    return baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}
