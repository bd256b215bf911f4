/**
 * Train/test sizes from `testSize`/`trainSize`, as scikit-learn 1.2's `_validate_shuffle_split`
 * (sklearn/model_selection/_split.py): a fraction in (0, 1) gives ceil(fraction·n) test samples and
 * floor(fraction·n) train samples; an integer ≥ 1 is a count. JavaScript has no separate float type,
 * so 1 means one sample (scikit-learn rejects the float 1.0).
 */

function kind(where: string, name: string, value: number | undefined, n: number): 'fraction' | 'count' | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) {
    if (value >= n) {
      throw new RangeError(`${where}: '${name}' must be a count below the number of samples (${n}) or a fraction in (0, 1); received ${value}`);
    }
    return 'count';
  }
  if (typeof value === 'number' && value > 0 && value < 1) return 'fraction';
  throw new RangeError(`${where}: '${name}' must be a fraction in (0, 1) or an integer count >= 1; received ${String(value)}`);
}

/** Returns `[nTrain, nTest]` for `n` samples. */
export function validateSplitSizes(
  where: string, n: number, testSize: number | undefined, trainSize: number | undefined, defaultTestSize = 0.25,
): [number, number] {
  if (testSize === undefined && trainSize === undefined) testSize = defaultTestSize;
  const testKind = kind(where, 'testSize', testSize, n);
  const trainKind = kind(where, 'trainSize', trainSize, n);
  if (testKind === 'fraction' && trainKind === 'fraction' && testSize! + trainSize! > 1) {
    throw new RangeError(`${where}: 'testSize' + 'trainSize' must be at most 1; received ${testSize! + trainSize!}`);
  }
  let nTest = testKind === 'fraction' ? Math.ceil(testSize! * n) : testKind === 'count' ? testSize! : NaN;
  let nTrain = trainKind === 'fraction' ? Math.floor(trainSize! * n) : trainKind === 'count' ? trainSize! : NaN;
  if (trainSize === undefined) nTrain = n - nTest;
  else if (testSize === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new RangeError(`${where}: the train and test sizes (${nTrain} + ${nTest}) must not exceed the number of samples ${n}; reduce 'testSize' and/or 'trainSize'`);
  }
  if (nTrain === 0) {
    throw new RangeError(`${where}: with ${n} samples, testSize=${String(testSize)} and trainSize=${String(trainSize)} the train set would be empty`);
  }
  return [nTrain, nTest];
}
