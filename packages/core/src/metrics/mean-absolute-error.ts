/**
 * Mean absolute error: the (weighted) mean of |yTrue − yPred| per output, as scikit-learn 1.2's `sklearn.metrics.mean_absolute_error`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_absolute_error.html
 */
import { checkRegression, combineOutputs, perOutputMean, type MultiOutput, type RegressionTargets } from './regression-utils.js';

export interface MeanAbsoluteErrorOptions {
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /** How outputs of multi-output targets combine (an array gives their weights). @default 'uniform_average' */
  multioutput?: MultiOutput;
}

/**
 * Mean absolute error: the (weighted) mean of |yTrue − yPred| per output. Targets are one number per sample or one row of outputs per sample.
 * @throws {RangeError} on length or output-count mismatch, empty input, non-finite values, or a bad `multioutput`.
 */
export function meanAbsoluteError(yTrue: RegressionTargets, yPred: RegressionTargets, options: MeanAbsoluteErrorOptions & { multioutput: 'raw_values' }): number[];
export function meanAbsoluteError(yTrue: RegressionTargets, yPred: RegressionTargets, options?: MeanAbsoluteErrorOptions): number;
export function meanAbsoluteError(yTrue: RegressionTargets, yPred: RegressionTargets, options: MeanAbsoluteErrorOptions = {}): number | number[] {
  const multioutput = options.multioutput ?? 'uniform_average';
  const x = checkRegression('meanAbsoluteError', yTrue, yPred, options.sampleWeight, multioutput, ['raw_values', 'uniform_average']);
  return combineOutputs(perOutputMean('meanAbsoluteError', x, (a, b) => Math.abs(a - b)), multioutput);
}
