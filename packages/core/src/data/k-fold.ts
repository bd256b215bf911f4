/**
 * K-fold cross-validation splits, as scikit-learn 1.2's `sklearn.model_selection.KFold`: the first
 * n mod k folds hold ⌊n/k⌋ + 1 samples, the rest ⌊n/k⌋; without shuffling fold i is a contiguous
 * block and the indices equal scikit-learn's exactly. Shuffling permutes the samples first with this
 * package's `Rng` (so the membership differs from numpy's, the sizes do not).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.KFold.html
 */
import { Rng } from '../random/rng.js';

export interface KFoldOptions {
  /** Number of folds, at least 2 (`n_splits`). @default 5 */
  nSplits?: number;
  /** Shuffle the samples before cutting them into folds. @default false */
  shuffle?: boolean;
  /** Seed of the shuffle; only allowed with `shuffle: true` (as scikit-learn). @default undefined (0 when shuffling) */
  seed?: number;
}

/** One split: both index lists are sorted ascending. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

export const K_FOLD_DEFAULTS = { nSplits: 5, shuffle: false } as const satisfies Required<Omit<KFoldOptions, 'seed'>>;

/** Checks the options shared by `KFold` and `StratifiedKFold`. */
export function checkFoldOptions(where: string, options: KFoldOptions): { nSplits: number; shuffle: boolean; seed: number } {
  const { nSplits, shuffle } = { ...K_FOLD_DEFAULTS, ...options };
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new RangeError(`${where}: 'nSplits' must be an integer >= 2 (at least one train/test split); received ${String(nSplits)}`);
  }
  if (typeof shuffle !== 'boolean') throw new TypeError(`${where}: 'shuffle' must be a boolean; received ${String(shuffle)}`);
  if (!shuffle && options.seed !== undefined) {
    throw new RangeError(`${where}: 'seed' has no effect without shuffling; leave it unset or pass shuffle: true (received seed ${String(options.seed)})`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`${where}: 'seed' must be an integer in [0, 2^32 - 1]; received ${String(seed)}`);
  return { nSplits, shuffle, seed };
}

/** Turns a fold number per sample into `Fold`s. */
export function foldsFromAssignment(assignment: Int32Array, nSplits: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < nSplits; f++) {
    const test: number[] = [];
    const train: number[] = [];
    assignment.forEach((a, i) => (a === f ? test : train).push(i));
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

export class KFold {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: KFoldOptions = {}) {
    ({ nSplits: this.nSplits, shuffle: this.shuffle, seed: this.seed } = checkFoldOptions('KFold', options));
  }

  /** The number of splits `split` returns. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * The `nSplits` train/test splits of `n` samples (or of `x.length` samples); every sample is in
   * exactly one test fold. The same seed always gives the same folds.
   * @throws {RangeError} when there are fewer samples than folds.
   */
  split(x: number | { length: number }): Fold[] {
    const n = typeof x === 'number' ? x : x?.length;
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`KFold.split: expected a sample count or an array; received ${String(x)}`);
    if (this.nSplits > n) {
      throw new RangeError(`KFold.split: 'nSplits' (${this.nSplits}) must not exceed the number of samples (${n})`);
    }
    const order = this.shuffle ? new Rng(this.seed).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    const assignment = new Int32Array(n);
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = Math.floor(n / this.nSplits) + (f < n % this.nSplits ? 1 : 0);
      for (let j = start; j < start + size; j++) assignment[order[j]] = f;
      start += size;
    }
    return foldsFromAssignment(assignment, this.nSplits);
  }
}
