/**
 * Precision, recall, F-beta and support, as scikit-learn 1.2's
 * `sklearn.metrics.precision_recall_fscore_support` (binary and multiclass targets).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_recall_fscore_support.html
 */
import type { LabelArray } from './label-utils.js';
import { prfCore, type Average, type PrfOptions } from './prf-core.js';

export interface PrecisionRecallFscoreSupportOptions extends PrfOptions {
  /** Weight of recall relative to precision in the F-score (F1 when 1). @default 1 */
  beta?: number;
  /** @default null (one score per class) */
  average?: Average;
}

/** Per-class scores, in `labels` order (sorted labels when `labels` is not given). */
export interface PerClassScores {
  precision: number[];
  recall: number[];
  fscore: number[];
  /** The (weighted) number of true samples of each class. */
  support: number[];
}

/** Averaged scores (support is not returned when averaging, as in scikit-learn). */
export interface AveragedScores {
  precision: number;
  recall: number;
  fscore: number;
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn), F-beta (1+β²)·P·R/(β²·P+R) and support for each class, or
 * averaged. Ill-defined values (zero denominators) take `zeroDivision`.
 * @throws {RangeError} on length mismatch, empty input, an unknown `average`, or a `posLabel` not present.
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelArray, yPred: LabelArray, options?: PrecisionRecallFscoreSupportOptions & { average?: null },
): PerClassScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray, yPred: LabelArray, options: PrecisionRecallFscoreSupportOptions & { average: Exclude<Average, null> },
): AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray, yPred: LabelArray, options?: PrecisionRecallFscoreSupportOptions,
): PerClassScores | AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray, yPred: LabelArray, options: PrecisionRecallFscoreSupportOptions = {},
): PerClassScores | AveragedScores {
  const r = prfCore('precisionRecallFscoreSupport', yTrue, yPred, options.beta ?? 1, options, ['precision', 'recall', 'f-score']);
  if (r.support !== undefined) {
    return { precision: r.precision as number[], recall: r.recall as number[], fscore: r.fscore as number[], support: r.support };
  }
  return { precision: r.precision as number, recall: r.recall as number, fscore: r.fscore as number };
}
