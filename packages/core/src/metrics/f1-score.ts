/**
 * The F1 score 2·P·R / (P + R), as scikit-learn 1.2's `sklearn.metrics.f1_score` (binary and multiclass targets).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.f1_score.html
 */
import type { LabelArray } from './label-utils.js';
import { prfCore, type Average, type PrfOptions } from './prf-core.js';

export interface F1ScoreOptions extends PrfOptions {
  /** @default 'binary' (the score of `posLabel`) */
  average?: Average;
}

/**
 * The F1 score 2·P·R / (P + R): a number when averaged, one number per class (in `labels` order) when `average` is `null`.
 * Ill-defined values (zero denominators) take `zeroDivision`.
 * @throws {RangeError} on length mismatch, empty input, an unknown `average`, or a `posLabel` not present.
 */
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options: F1ScoreOptions & { average: null }): number[];
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options?: F1ScoreOptions & { average?: Exclude<Average, null> }): number;
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options?: F1ScoreOptions): number | number[];
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options: F1ScoreOptions = {}): number | number[] {
  const r = prfCore('f1Score', yTrue, yPred, 1, { ...options, average: options.average === undefined ? 'binary' : options.average }, ['f-score']);
  return r.fscore;
}
