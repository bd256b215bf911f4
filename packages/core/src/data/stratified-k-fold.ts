/**
 * Stratified k-fold splits, as scikit-learn 1.2's `sklearn.model_selection.StratifiedKFold`: classes
 * are numbered by first appearance, the per-fold count of each class comes from dealing the sorted
 * labels round-robin over the folds, and each class's samples fill its folds in blocks (order kept).
 * The counts per fold and class always equal scikit-learn's; without shuffling the indices do too.
 * Shuffling permutes each class's fold labels with this package's `Rng`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.StratifiedKFold.html
 */
import { checkLabels, type LabelArray, type WarningHandler } from '../metrics/label-utils.js';
import { Rng } from '../random/rng.js';
import { checkFoldOptions, foldsFromAssignment, type Fold, type KFoldOptions } from './k-fold.js';

export interface StratifiedKFoldOptions extends KFoldOptions {
  /** Called when the least populated class has fewer members than `nSplits`. @default undefined (silent) */
  onWarning?: WarningHandler;
}

export class StratifiedKFold {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;
  private readonly onWarning: WarningHandler | undefined;

  constructor(options: StratifiedKFoldOptions = {}) {
    ({ nSplits: this.nSplits, shuffle: this.shuffle, seed: this.seed } = checkFoldOptions('StratifiedKFold', options));
    this.onWarning = options.onWarning;
  }

  /** The number of splits `split` returns. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * The `nSplits` train/test splits for class labels `y`; every sample is in exactly one test fold.
   * @throws {RangeError} when `nSplits` exceeds every class's size or the number of samples.
   */
  split(y: LabelArray): Fold[] {
    const where = 'StratifiedKFold.split';
    const labels = checkLabels(where, 'y', y);
    const n = labels.length;
    if (this.nSplits > n) throw new RangeError(`${where}: 'nSplits' (${this.nSplits}) must not exceed the number of samples (${n})`);
    const firstSeen = new Map<string | number, number>();
    const code = Int32Array.from(labels, (l) => {
      if (!firstSeen.has(l)) firstSeen.set(l, firstSeen.size);
      return firstSeen.get(l)!;
    });
    const nClasses = firstSeen.size;
    const counts = new Array<number>(nClasses).fill(0);
    code.forEach((c) => counts[c]++);
    if (counts.every((c) => this.nSplits > c)) {
      throw new RangeError(`${where}: 'nSplits' (${this.nSplits}) must not exceed the number of members of every class; largest class has ${Math.max(...counts)}`);
    }
    const least = Math.min(...counts);
    if (this.nSplits > least) {
      this.onWarning?.(`The least populated class in y has only ${least} members, which is less than n_splits=${this.nSplits}.`);
    }
    // allocation[f][k]: members of class k in test fold f, dealing the sorted codes round-robin.
    const sorted = Int32Array.from(code).sort();
    const allocation = Array.from({ length: this.nSplits }, () => new Array<number>(nClasses).fill(0));
    sorted.forEach((c, i) => allocation[i % this.nSplits][c]++);
    const rng = new Rng(this.seed);
    const assignment = new Int32Array(n);
    for (let k = 0; k < nClasses; k++) {
      const folds: number[] = [];
      for (let f = 0; f < this.nSplits; f++) for (let j = 0; j < allocation[f][k]; j++) folds.push(f);
      if (this.shuffle) rng.shuffle(folds);
      let j = 0;
      code.forEach((c, i) => {
        if (c === k) assignment[i] = folds[j++];
      });
    }
    return foldsFromAssignment(assignment, this.nSplits);
  }
}
