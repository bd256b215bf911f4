/**
 * Splits arrays into random train and test subsets, as scikit-learn 1.2's
 * `sklearn.model_selection.train_test_split` (sizes, rounding and stratified class counts as
 * documented in `trainTestSplitIndices`).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.model_selection.train_test_split.html
 */
import { numSamples, takeRows, type Splittable } from './take-rows.js';
import { trainTestSplitIndices, type TrainTestSplitOptions } from './train-test-split-indices.js';

/**
 * Returns `[train0, test0, train1, test1, …]` for `arrays = [a0, a1, …]`, all split with the same
 * indices (`const [xTrain, xTest, yTrain, yTest] = trainTestSplit([x, y], { testSize: 0.2, seed: 1 })`).
 * Each part is the same kind of value as its input; tensor parts are new tensors the caller owns.
 * @throws {RangeError} when `arrays` is empty or the arrays differ in length, and for the reasons of `trainTestSplitIndices`.
 */
export function trainTestSplit<T extends Splittable>(arrays: readonly T[], options: TrainTestSplitOptions = {}): T[] {
  const where = 'trainTestSplit';
  if (!Array.isArray(arrays) || arrays.length === 0) {
    throw new RangeError(`${where}: 'arrays' must list at least one array to split; received ${Array.isArray(arrays) ? '[]' : String(arrays)}`);
  }
  const n = numSamples(where, 'arrays[0]', arrays[0]);
  arrays.forEach((a, i) => {
    const m = numSamples(where, `arrays[${i}]`, a);
    if (m !== n) throw new RangeError(`${where}: 'arrays[${i}]' must have as many samples as 'arrays[0]' (${n}); received ${m}`);
  });
  const { train, test } = trainTestSplitIndices(n, options);
  return arrays.flatMap((a) => [takeRows(a, train), takeRows(a, test)]);
}
