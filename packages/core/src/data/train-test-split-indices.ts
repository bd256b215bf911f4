/**
 * The index sets behind `trainTestSplit`, following scikit-learn 1.2's `train_test_split`
 * (`ShuffleSplit`, and `StratifiedShuffleSplit` when stratifying): the same train/test sizes and, when
 * stratifying, the same per-class counts (`_approximate_mode` allocation of the train set first, then
 * of the test set from what remains). The random draws come from this package's `Rng`, so the chosen
 * indices differ from numpy's; class counts differ only where scikit-learn itself breaks a tie at random.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.train_test_split.html
 */
import { checkLabels, compareLabels, show, type LabelArray } from '../metrics/label-utils.js';
import { Rng } from '../random/rng.js';
import { approximateMode } from './approximate-mode.js';
import { validateSplitSizes } from './validate-split-sizes.js';

export interface TrainTestSplitOptions {
  /** Test-set size: a fraction in (0, 1) (rounded up) or a count. @default 0.25 when `trainSize` is also unset, else the complement */
  testSize?: number;
  /** Train-set size: a fraction in (0, 1) (rounded down) or a count. @default the complement of the test set */
  trainSize?: number;
  /** Shuffle before splitting; `false` takes the first samples for training and the next for testing. @default true */
  shuffle?: boolean;
  /** Seed of the shuffle (scikit-learn's `random_state`). @default 0 */
  seed?: number;
  /** Class labels, one per sample: keep their proportions in both sets (needs `shuffle`). @default undefined */
  stratify?: LabelArray;
}

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits the sample indices 0 … n−1 into a train and a test set.
 * @throws {RangeError} on bad sizes, a class with fewer than two samples when stratifying, or
 *   stratifying without shuffling.
 */
export function trainTestSplitIndices(n: number, options: TrainTestSplitOptions = {}): SplitIndices {
  const where = 'trainTestSplit';
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: the number of samples must be a positive integer; received ${String(n)}`);
  const [nTrain, nTest] = validateSplitSizes(where, n, options.testSize, options.trainSize);
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== 'boolean') throw new TypeError(`${where}: 'shuffle' must be a boolean; received ${show(shuffle)}`);
  if (!shuffle) {
    if (options.stratify !== undefined) throw new RangeError(`${where}: 'stratify' needs 'shuffle' to be true; received shuffle=false`);
    return { train: Int32Array.from({ length: nTrain }, (_, i) => i), test: Int32Array.from({ length: nTest }, (_, i) => nTrain + i) };
  }
  const rng = new Rng(options.seed ?? 0);
  if (options.stratify === undefined) {
    const perm = rng.permutation(n);
    return { test: perm.slice(0, nTest), train: perm.slice(nTest, nTest + nTrain) };
  }
  const y = checkLabels(where, 'stratify', options.stratify);
  if (y.length !== n) throw new RangeError(`${where}: 'stratify' must have one label per sample (${n}); received length ${y.length}`);
  const classes = [...new Set(y)].sort(compareLabels);
  const code = new Map(classes.map((c, i) => [c, i]));
  const members: number[][] = classes.map(() => []);
  y.forEach((label, i) => members[code.get(label)!].push(i));
  const counts = members.map((m) => m.length);
  const least = Math.min(...counts);
  if (least < 2) {
    throw new RangeError(`${where}: every class in 'stratify' needs at least 2 samples; class ${show(classes[counts.indexOf(least)])} has 1`);
  }
  if (nTrain < classes.length) throw new RangeError(`${where}: the train size (${nTrain}) must be at least the number of classes (${classes.length})`);
  if (nTest < classes.length) throw new RangeError(`${where}: the test size (${nTest}) must be at least the number of classes (${classes.length})`);
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(counts.map((c, i) => c - nI[i]), nTest, rng);
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((m, c) => {
    const perm = rng.permutation(m.length);
    for (let j = 0; j < nI[c]; j++) train.push(m[perm[j]]);
    for (let j = nI[c]; j < nI[c] + tI[c]; j++) test.push(m[perm[j]]);
  });
  return { train: rng.shuffle(Int32Array.from(train)), test: rng.shuffle(Int32Array.from(test)) };
}
