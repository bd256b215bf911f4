/**
 * A train/test split that respects time: the test part is the last `testSize` steps, never shuffled,
 * so nothing from the future reaches the training part.
 */
import { readSeries, show, sliceRows, type SeriesInput } from './read-series.js';

export interface TrainTestSplitByTimeOptions {
  /** Test steps: an integer count, or a fraction in (0, 1) of the series (rounded up, as scikit-learn). */
  testSize: number;
}

/** The two parts, in the form the series was given (numbers or rows). */
export interface TimeSplit<S> {
  train: S;
  test: S;
  /** Index of the first test step in the series (= the training length). */
  testStart: number;
}

/** Resolves `testSize` (count or fraction) against a series of `length` steps. Internal. */
export function resolveTestSize(where: string, testSize: unknown, length: number): number {
  let n: number;
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) n = Math.ceil(testSize * length);
  else if (typeof testSize === 'number' && Number.isInteger(testSize) && testSize >= 1) n = testSize;
  else throw new RangeError(`${where}: 'testSize' must be an integer >= 1 or a fraction in (0, 1); received ${show(testSize)}`);
  if (n >= length) {
    throw new RangeError(`${where}: 'testSize' must leave at least one training step: ${n} test steps of a ${length}-step series; received testSize ${show(testSize)}`);
  }
  return n;
}

/** Splits `series` into its first `T − testSize` steps (train) and its last `testSize` steps (test). */
export function trainTestSplitByTime<S extends SeriesInput>(series: S, options: TrainTestSplitByTimeOptions): TimeSplit<S extends ArrayLike<number> ? number[] : number[][]> {
  const where = 'trainTestSplitByTime';
  const s = readSeries(where, 'series', series, 2);
  const nTest = resolveTestSize(where, options?.testSize, s.length);
  const testStart = s.length - nTest;
  type Out = S extends ArrayLike<number> ? number[] : number[][];
  return { train: sliceRows(s, 0, testStart) as Out, test: sliceRows(s, testStart, s.length) as Out, testStart };
}
