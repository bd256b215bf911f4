/**
 * Log loss (cross-entropy of predicted probabilities), as scikit-learn 1.2's
 * `sklearn.metrics.log_loss`: probabilities are clipped to [eps, 1 − eps] and each row renormalised
 * before taking logs (natural log, so the result is in nats).
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.log_loss.html
 */
import {
  checkLabels,
  checkNotEmpty,
  checkSameLength,
  checkSampleWeight,
  checkScores,
  labelIndex,
  show,
  uniqueLabels,
  type Label,
  type LabelArray,
} from './label-utils.js';

export interface LogLossOptions {
  /**
   * Clipping bound; `'auto'` is float64's machine epsilon (`Number.EPSILON`, 2.22e-16), which is what
   * scikit-learn 1.2's `eps="auto"` gives for float64 input (computation here is always float64).
   * @default 'auto'
   */
  eps?: number | 'auto';
  /** Return the (weighted) mean loss per sample; `false` returns the (weighted) sum. @default true */
  normalize?: boolean;
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /**
   * All classes, whose sorted order gives `yPred`'s columns; needed when `yTrue` misses a class.
   * @default undefined (the sorted labels of `yTrue`)
   */
  labels?: readonly Label[];
}

/**
 * Mean −log p(true class). `yPred` is either one probability per sample (of the greater of two
 * classes) or one row of class probabilities per sample, columns in sorted label order.
 * @throws {RangeError} on length mismatch, empty input, fewer than two classes, a column count that
 *   does not match the classes, or a `yTrue` label missing from `labels`.
 */
export function logLoss(yTrue: LabelArray, yPred: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: LogLossOptions = {}): number {
  const where = 'logLoss';
  const t = checkLabels(where, 'yTrue', yTrue);
  const n = checkSameLength(where, { yTrue: t, yPred, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  const w = checkSampleWeight(where, options.sampleWeight, n);
  const eps = options.eps === undefined || options.eps === 'auto' ? Number.EPSILON : options.eps;
  if (typeof eps !== 'number' || !(eps >= 0 && eps < 0.5)) {
    throw new RangeError(`${where}: 'eps' must be 'auto' or a number in [0, 0.5); received ${show(options.eps)}`);
  }
  const classes = options.labels !== undefined ? uniqueLabels(where, [...options.labels]) : uniqueLabels(where, t);
  if (classes.length < 2) {
    const what = options.labels !== undefined ? "'labels'" : "'yTrue'";
    throw new RangeError(`${where}: ${what} must contain at least two classes (pass 'labels' to name them all); received ${show(classes)}`);
  }
  const index = labelIndex(where, classes);
  const clip = (p: number): number => Math.min(Math.max(p, eps), 1 - eps);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const v = yPred[i];
    if (typeof v === 'number') {
      const p = clip(checkScores(where, 'yPred', [v])[0]);
      rows.push([1 - p, p]);
    } else {
      const r = checkScores(where, `yPred[${i}]`, v).map(clip);
      rows.push(r.length === 1 ? [1 - r[0], r[0]] : r);
    }
    if (rows[i].length !== classes.length) {
      throw new RangeError(
        `${where}: 'yPred' must have one column per class (${classes.length}: ${show(classes)}); received ${rows[i].length} in row ${i}`,
      );
    }
  }
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const c = index.get(t[i]);
    if (c === undefined) throw new RangeError(`${where}: 'yTrue[${i}]' must be one of ${show(classes)}; received ${show(t[i])}`);
    const sum = rows[i].reduce((a, b) => a + b, 0);
    total += -Math.log(rows[i][c] / sum) * w[i];
    weightSum += w[i];
  }
  if (options.normalize === false) return total;
  if (weightSum === 0) throw new RangeError(`${where}: 'sampleWeight' must not sum to zero; received a total of 0`);
  return total / weightSum;
}
