/**
 * Mean squared error: the (weighted) mean of (yTrue − yPred)² per output, as scikit-learn 1.2's `sklearn.metrics.mean_squared_error`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.mean_squared_error.html
 */
import { checkRegression, combineOutputs, perOutputMean, type MultiOutput, type RegressionTargets } from './regression-utils.js';

export interface MeanSquaredErrorOptions {
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /** How outputs of multi-output targets combine (an array gives their weights). @default 'uniform_average' */
  multioutput?: MultiOutput;
}

/**
 * Mean squared error: the (weighted) mean of (yTrue − yPred)² per output. Targets are one number per sample or one row of outputs per sample.
 * @throws {RangeError} on length or output-count mismatch, empty input, non-finite values, or a bad `multioutput`.
 */
export function meanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options: MeanSquaredErrorOptions & { multioutput: 'raw_values' }): number[];
export function meanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options?: MeanSquaredErrorOptions): number;
export function meanSquaredError(yTrue: RegressionTargets, yPred: RegressionTargets, options: MeanSquaredErrorOptions = {}): number | number[] {
  const multioutput = options.multioutput ?? 'uniform_average';
  const x = checkRegression('meanSquaredError', yTrue, yPred, options.sampleWeight, multioutput, ['raw_values', 'uniform_average']);
  return combineOutputs(perOutputMean('meanSquaredError', x, (a, b) => (a - b) ** 2), multioutput);
}
