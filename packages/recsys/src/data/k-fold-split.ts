/** k-fold cross-validation over interactions (Surprise's `KFold`: shuffle once, cut into k contiguous folds). */
import { Rng } from '@ml/core';
import { checkInt, checkKnownKeys, checkSeed } from '../common/checks.js';
import type { InteractionMatrix } from './interaction-matrix.js';
import type { TrainTest } from './train-test.js';

/** Options of `kFoldSplit`. */
export interface KFoldSplitOptions {
  /** Number of folds (Surprise's `n_splits`). @default 5 */
  nFolds?: number;
  /** @default 0 */
  seed?: number;
}

/**
 * Shuffles the interactions with `seed`, cuts them into `nFolds` folds (the first nnz mod nFolds
 * folds one larger) and returns one train/test pair per fold, the fold as test.
 */
export function kFoldSplit(data: InteractionMatrix, options: KFoldSplitOptions = {}): TrainTest[] {
  const where = 'kFoldSplit';
  checkKnownKeys(where, options, ['nFolds', 'seed']);
  const k = checkInt(where, 'nFolds', options.nFolds ?? 5, 2);
  if (k > data.nnz) throw new RangeError(`${where}: 'nFolds' must be <= the number of interactions (${data.nnz}); received ${k}`);
  const order = new Rng(checkSeed(where, options.seed ?? 0)).permutation(data.nnz);
  const folds: TrainTest[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(data.nnz / k) + (f < data.nnz % k ? 1 : 0);
    const test = order.subarray(start, start + size);
    const train = new Int32Array(data.nnz - size);
    train.set(order.subarray(0, start), 0);
    train.set(order.subarray(start + size), start);
    folds.push({ train: data.select(train), test: data.select(test) });
    start += size;
  }
  return folds;
}
