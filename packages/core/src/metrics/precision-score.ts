/**
 * Precision tp / (tp + fp), as scikit-learn 1.2's `sklearn.metrics.precision_score` (binary and multiclass targets).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_score.html
 */
import type { LabelArray } from './label-utils.js';
import { prfCore, type Average, type PrfOptions } from './prf-core.js';

export interface PrecisionScoreOptions extends PrfOptions {
  /** @default 'binary' (the score of `posLabel`) */
  average?: Average;
}

/**
 * Precision tp / (tp + fp): a number when averaged, one number per class (in `labels` order) when `average` is `null`.
 * Ill-defined values (zero denominators) take `zeroDivision`.
 * @throws {RangeError} on length mismatch, empty input, an unknown `average`, or a `posLabel` not present.
 */
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options: PrecisionScoreOptions & { average: null }): number[];
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options?: PrecisionScoreOptions & { average?: Exclude<Average, null> }): number;
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options?: PrecisionScoreOptions): number | number[];
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options: PrecisionScoreOptions = {}): number | number[] {
  const r = prfCore('precisionScore', yTrue, yPred, 1, { ...options, average: options.average === undefined ? 'binary' : options.average }, ['precision']);
  return r.precision;
}
