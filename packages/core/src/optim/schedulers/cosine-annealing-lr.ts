/**
 * Cosine annealing without restarts, as PyTorch 1.13's `torch.optim.lr_scheduler.CosineAnnealingLR`;
 * from Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (2017):
 * lr = ηmin + (base − ηmin)·(1 + cos(π·t/tMax))/2, which keeps following the cosine past tMax.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html
 */
import { checkHyper } from '../check-hyper.js';
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler.js';

export interface CosineAnnealingLROptions {
  /** Steps in the half period (`T_max`); required. */
  tMax: number;
  /** The minimum lr (`eta_min`). @default 0 */
  etaMin?: number;
}

export const COSINE_ANNEALING_LR_DEFAULTS = { etaMin: 0 } as const satisfies Omit<Required<CosineAnnealingLROptions>, 'tMax'>;

export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer);
    const { tMax, etaMin } = { ...COSINE_ANNEALING_LR_DEFAULTS, ...options };
    if (!Number.isInteger(tMax) || tMax < 1) {
      throw new RangeError(`CosineAnnealingLR: 'tMax' must be a positive integer; received ${JSON.stringify(tMax)}`);
    }
    checkHyper('CosineAnnealingLR', 'etaMin', etaMin, 0);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.start();
  }

  protected lrAt(epoch: number, baseLr: number): number {
    return this.etaMin + ((baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}
