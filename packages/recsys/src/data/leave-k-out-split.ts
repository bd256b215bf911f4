/** Per-user leave-k-out split: k random interactions of each user are held out. */
import { Rng } from '@ml/core';
import { checkInt, checkKnownKeys, checkSeed } from '../common/checks.js';
import type { InteractionMatrix } from './interaction-matrix.js';
import type { TrainTest } from './train-test.js';

/** Options of `leaveKOutSplit`. */
export interface LeaveKOutSplitOptions {
  /** Interactions held out per user. @default 1 */
  k?: number;
  /** Users with fewer than `k + minTrain` interactions keep them all in train. @default 1 */
  minTrain?: number;
  /** @default 0 */
  seed?: number;
}

/**
 * For each user with at least `k + minTrain` interactions, moves `k` of them, drawn uniformly with
 * `seed` (users in index order), to the test matrix. Other users stay wholly in train.
 */
export function leaveKOutSplit(data: InteractionMatrix, options: LeaveKOutSplitOptions = {}): TrainTest {
  const where = 'leaveKOutSplit';
  checkKnownKeys(where, options, ['k', 'minTrain', 'seed']);
  const k = checkInt(where, 'k', options.k ?? 1, 1);
  const minTrain = checkInt(where, 'minTrain', options.minTrain ?? 1, 0);
  const rng = new Rng(checkSeed(where, options.seed ?? 0));
  const test: number[] = [];
  const train: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    const start = data.indptr[u];
    const count = data.indptr[u + 1] - start;
    if (count < k + minTrain) {
      for (let e = start; e < start + count; e++) train.push(e);
      continue;
    }
    const order = rng.permutation(count);
    for (let j = 0; j < count; j++) (j < k ? test : train).push(start + order[j]);
  }
  return { train: data.select(train), test: data.select(test) };
}
