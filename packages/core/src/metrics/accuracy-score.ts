/**
 * Classification accuracy, as scikit-learn 1.2's `sklearn.metrics.accuracy_score`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.accuracy_score.html
 */
import { checkLabels, checkNotEmpty, checkSameLength, checkSampleWeight, type LabelArray } from './label-utils.js';

export interface AccuracyScoreOptions {
  /** Return the (weighted) fraction of correct predictions; `false` returns their (weighted) count. @default true */
  normalize?: boolean;
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
}

/**
 * The fraction (or count) of samples whose predicted label equals the true label.
 * Labels are integers or strings; read tensors first with `await t.data()`.
 * @throws {RangeError} on length mismatch, empty input, or weights that sum to zero.
 */
export function accuracyScore(yTrue: LabelArray, yPred: LabelArray, options: AccuracyScoreOptions = {}): number {
  const where = 'accuracyScore';
  const t = checkLabels(where, 'yTrue', yTrue);
  const p = checkLabels(where, 'yPred', yPred);
  const n = checkSameLength(where, { yTrue: t, yPred: p, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  if (n > 0 && typeof t[0] !== typeof p[0]) {
    throw new TypeError(`${where}: 'yTrue' and 'yPred' must hold the same kind of labels; received ${typeof t[0]} and ${typeof p[0]}`);
  }
  const w = checkSampleWeight(where, options.sampleWeight, n);
  let correct = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (t[i] === p[i]) correct += w[i];
    total += w[i];
  }
  if (options.normalize === false) return correct;
  if (total === 0) throw new RangeError(`${where}: 'sampleWeight' must not sum to zero; received a total of 0`);
  return correct / total;
}
