/**
 * The F-beta score (1 + β²)·P·R / (β²·P + R), as scikit-learn 1.2's `sklearn.metrics.fbeta_score` (binary and multiclass targets).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.fbeta_score.html
 */
import type { LabelArray } from './label-utils.js';
import { prfCore, type Average, type PrfOptions } from './prf-core.js';

export interface FbetaScoreOptions extends PrfOptions {
  /** Weight of recall relative to precision (required, as in scikit-learn). */
  beta: number;
  /** @default 'binary' (the score of `posLabel`) */
  average?: Average;
}

/**
 * The F-beta score (1 + β²)·P·R / (β²·P + R): a number when averaged, one number per class (in `labels` order) when `average` is `null`.
 * Ill-defined values (zero denominators) take `zeroDivision`.
 * @throws {RangeError} on length mismatch, empty input, an unknown `average`, or a `posLabel` not present.
 */
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, options: FbetaScoreOptions & { average: null }): number[];
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, options: FbetaScoreOptions & { average?: Exclude<Average, null> }): number;
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, options: FbetaScoreOptions): number | number[];
export function fbetaScore(yTrue: LabelArray, yPred: LabelArray, options: FbetaScoreOptions): number | number[] {
  const r = prfCore('fbetaScore', yTrue, yPred, options.beta, { ...options, average: options.average === undefined ? 'binary' : options.average }, ['f-score']);
  return r.fscore;
}
