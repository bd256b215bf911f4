/** Per-user temporal split: each user's latest interactions are held out. */
import { checkInt, checkKnownKeys } from '../common/checks.js';
import type { InteractionMatrix } from './interaction-matrix.js';
import type { TrainTest } from './train-test.js';

/** Options of `temporalSplit`. */
export interface TemporalSplitOptions {
  /** Latest interactions held out per user. @default 1 */
  k?: number;
  /** Users with fewer than `k + minTrain` interactions keep them all in train. @default 1 */
  minTrain?: number;
}

/**
 * For each user with at least `k + minTrain` interactions, moves the `k` with the largest
 * timestamps to the test matrix (equal timestamps: the higher item index counts as later).
 * Deterministic; needs timestamps.
 */
export function temporalSplit(data: InteractionMatrix, options: TemporalSplitOptions = {}): TrainTest {
  const where = 'temporalSplit';
  checkKnownKeys(where, options, ['k', 'minTrain']);
  const k = checkInt(where, 'k', options.k ?? 1, 1);
  const minTrain = checkInt(where, 'minTrain', options.minTrain ?? 1, 0);
  const times = data.timestamps;
  if (times === null) throw new RangeError(`${where}: 'data' must have timestamps; received a matrix built without them`);
  const test: number[] = [];
  const train: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    const start = data.indptr[u];
    const end = data.indptr[u + 1];
    const entries: number[] = [];
    for (let e = start; e < end; e++) entries.push(e);
    if (entries.length < k + minTrain) {
      train.push(...entries);
      continue;
    }
    entries.sort((a, b) => times[a] - times[b] || a - b);
    const cut = entries.length - k;
    for (let j = 0; j < entries.length; j++) (j < cut ? train : test).push(entries[j]);
  }
  return { train: data.select(train), test: data.select(test) };
}
