/**
 * Root mean squared error: the square root of each output's mean squared error (scikit-learn 1.2's `squared=False`), then averaged over outputs, as scikit-learn 1.2's `sklearn.metrics.mean_squared_error`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_squared_error.html
 */
import { checkRegression, combineOutputs, perOutputMean, type MultiOutput, type RegressionTargets } from './regression-utils.js';

export interface RootMeanSquaredErrorOptions {
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /** How outputs of multi-output targets combine (an array gives their weights). @default 'uniform_average' */
  multioutput?: MultiOutput;
}

/**
 * Root mean squared error: the square root of each output's mean squared error (scikit-learn 1.2's `squared=False`), then averaged over outputs. Targets are one number per sample or one row of outputs per sample.
 * @throws {RangeError} on length or output-count mismatch, empty input, non-finite values, or a bad `multioutput`.
 */
export function rootMeanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options: RootMeanSquaredErrorOptions & { multioutput: 'raw_values' }): number[];
export function rootMeanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options?: RootMeanSquaredErrorOptions): number;
export function rootMeanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options: RootMeanSquaredErrorOptions = {}): number | number[] {
  const multioutput = options.multioutput ?? 'uniform_average';
  const x = checkRegression('rootMeanSquaredError', yTrue, yPred, options.sampleWeight, multioutput, ['raw_values', 'uniform_average']);
  return combineOutputs(perOutputMean('rootMeanSquaredError', x, (a, b) => (a - b) ** 2).map(Math.sqrt), multioutput);
}
