/**
 * The learning-rate scheduler base, after PyTorch 1.13's `torch.optim.lr_scheduler._LRScheduler`:
 * constructing a scheduler sets each group's lr for step 0; every `step()` (once per optimizer step,
 * or per epoch, as the schedule is meant) advances the count and writes the new lr into the
 * optimizer's parameter groups. Learning rates are computed in closed form from the base lrs.
 * @see https://pytorch.org/docs/1.13/optim.html#how-to-adjust-learning-rate
 */

/** What a scheduler needs from an optimizer: parameter groups with a writable `lr`. */
export interface SchedulableOptimizer {
  readonly paramGroups: readonly { lr: number }[];
}

/** A saveable snapshot of a scheduler: how many steps it has taken and the lrs it scales. */
export interface LRSchedulerStateDict {
  lastEpoch: number;
  baseLrs: number[];
}

export abstract class LRScheduler {
  /** The lr of each group when the scheduler was created (PyTorch's `base_lrs`). */
  readonly baseLrs: number[];
  /** Steps taken; 0 right after construction (PyTorch's `last_epoch`). */
  lastEpoch = -1;
  private lastLr: number[] = [];

  protected constructor(
    protected readonly name: string,
    readonly optimizer: SchedulableOptimizer,
  ) {
    if (typeof optimizer !== 'object' || optimizer === null || !Array.isArray(optimizer.paramGroups)) {
      throw new TypeError(`${name}: 'optimizer' must be an optimizer with paramGroups; received ${optimizer === null ? 'null' : typeof optimizer}`);
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lr of group `group` (base lr `baseLr`) after `epoch` steps. */
  protected abstract lrAt(epoch: number, baseLr: number, group: number): number;

  /** Subclasses call this at the end of their constructor: applies the lr for step 0. */
  protected start(): void {
    this.step();
  }

  /** Advances the schedule by one and writes the new lrs into the optimizer. */
  step(): void {
    this.lastEpoch += 1;
    this.apply();
  }

  /** The lr of each group as last set by this scheduler (PyTorch's `get_last_lr()`). */
  getLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): LRSchedulerStateDict {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs] };
  }

  /** Restores a snapshot and writes the matching lrs into the optimizer. */
  loadStateDict(dict: LRSchedulerStateDict): void {
    const fn = `${this.name}.loadStateDict`;
    if (typeof dict !== 'object' || dict === null || !Number.isInteger(dict.lastEpoch) || dict.lastEpoch < 0) {
      throw new TypeError(`${fn}: 'dict.lastEpoch' must be a non-negative integer; received ${JSON.stringify(dict?.lastEpoch)}`);
    }
    if (!Array.isArray(dict.baseLrs) || dict.baseLrs.length !== this.baseLrs.length || !dict.baseLrs.every((v) => typeof v === 'number')) {
      throw new RangeError(`${fn}: 'dict.baseLrs' must hold ${this.baseLrs.length} numbers; received ${JSON.stringify(dict.baseLrs)}`);
    }
    this.baseLrs.splice(0, this.baseLrs.length, ...dict.baseLrs);
    this.lastEpoch = dict.lastEpoch;
    this.apply();
  }

  private apply(): void {
    this.lastLr = this.baseLrs.map((base, g) => this.lrAt(this.lastEpoch, base, g));
    this.lastLr.forEach((lr, g) => {
      (this.optimizer.paramGroups[g] as { lr: number }).lr = lr;
    });
  }
}
