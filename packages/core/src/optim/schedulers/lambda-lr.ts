/**
 * A schedule given by a function, as PyTorch 1.13's `torch.optim.lr_scheduler.LambdaLR`:
 * lr = base·λ(t).
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.LambdaLR.html
 */
import { LRScheduler, type SchedulableOptimizer } from './lr-scheduler.js';

/** The lr multiplier after `step` steps. */
export type LrLambda = (step: number) => number;

export class LambdaLR extends LRScheduler {
  private readonly lambdas: LrLambda[];

  /** @param lrLambda one multiplier function for all groups, or one per group. */
  constructor(optimizer: SchedulableOptimizer, lrLambda: LrLambda | LrLambda[]) {
    super('LambdaLR', optimizer);
    const groups = optimizer.paramGroups.length;
    const lambdas = Array.isArray(lrLambda) ? lrLambda : Array.from({ length: groups }, () => lrLambda);
    if (lambdas.length !== groups || !lambdas.every((f) => typeof f === 'function')) {
      throw new TypeError(`LambdaLR: 'lrLambda' must be a function or ${groups} functions (one per group); received ${Array.isArray(lrLambda) ? `${lrLambda.length} entries` : typeof lrLambda}`);
    }
    this.lambdas = lambdas;
    this.start();
  }

  protected lrAt(epoch: number, baseLr: number, group: number): number {
    const factor = this.lambdas[group](epoch);
    if (typeof factor !== 'number' || Number.isNaN(factor)) {
      throw new TypeError(`LambdaLR: lrLambda(${epoch}) must return a number; received ${JSON.stringify(factor)}`);
    }
    return baseLr * factor;
  }
}
