/** Random hold-out split of the interactions (Surprise's `train_test_split`, seeded). */
import { Rng } from '@ml/core';
import { checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import type { InteractionMatrix } from './interaction-matrix.js';
import type { TrainTest } from './train-test.js';

/** Options of `randomSplit`. */
export interface RandomSplitOptions {
  /** Fraction of the interactions held out, in (0, 1); the test size is round(fraction · nnz). @default 0.2 */
  testFraction?: number;
  /** @default 0 */
  seed?: number;
}

/** Moves a seeded uniform random `testFraction` of all interactions to the test matrix. */
export function randomSplit(data: InteractionMatrix, options: RandomSplitOptions = {}): TrainTest {
  const where = 'randomSplit';
  checkKnownKeys(where, options, ['testFraction', 'seed']);
  const fraction = checkNumber(where, 'testFraction', options.testFraction ?? 0.2, 0, true);
  if (fraction >= 1) throw new RangeError(`${where}: 'testFraction' must be in (0, 1); received ${fraction}`);
  const rng = new Rng(checkSeed(where, options.seed ?? 0));
  const order = rng.permutation(data.nnz);
  const nTest = Math.round(fraction * data.nnz);
  return { train: data.select(order.subarray(nTest)), test: data.select(order.subarray(0, nTest)) };
}
