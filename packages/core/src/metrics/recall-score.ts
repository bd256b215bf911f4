/**
 * Recall tp / (tp + fn), as scikit-learn 1.2's `sklearn.metrics.recall_score` (binary and multiclass targets).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.recall_score.html
 */
import type { LabelArray } from './label-utils.js';
import { prfCore, type Average, type PrfOptions } from './prf-core.js';

export interface RecallScoreOptions extends PrfOptions {
  /** @default 'binary' (the score of `posLabel`) */
  average?: Average;
}

/**
 * Recall tp / (tp + fn): a number when averaged, one number per class (in `labels` order) when `average` is `null`.
 * Ill-defined values (zero denominators) take `zeroDivision`.
 * @throws {RangeError} on length mismatch, empty input, an unknown `average`, or a `posLabel` not present.
 */
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options: RecallScoreOptions & { average: null }): number[];
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options?: RecallScoreOptions & { average?: Exclude<Average, null> }): number;
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options?: RecallScoreOptions): number | number[];
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options: RecallScoreOptions = {}): number | number[] {
  const r = prfCore('recallScore', yTrue, yPred, 1, { ...options, average: options.average === undefined ? 'binary' : options.average }, ['recall']);
  return r.recall;
}
