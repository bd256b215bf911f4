/**
 * The confusion matrix, as scikit-learn 1.2's `sklearn.metrics.confusion_matrix`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.confusion_matrix.html
 */
import {
  checkLabels,
  checkNotEmpty,
  checkSameLength,
  checkSampleWeight,
  labelIndex,
  show,
  uniqueLabels,
  type Label,
  type LabelArray,
} from './label-utils.js';

export interface ConfusionMatrixOptions {
  /**
   * The classes that index the rows and columns, in this order; samples whose true or predicted label
   * is not listed are left out. @default undefined (the sorted labels present in `yTrue` or `yPred`)
   */
  labels?: readonly Label[];
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /**
   * Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); a zero sum gives 0
   * (scikit-learn's `nan_to_num`). @default undefined (counts)
   */
  normalize?: 'true' | 'pred' | 'all';
}

/**
 * `C[i][j]` is the (weighted) number of samples of true class `labels[i]` predicted as `labels[j]`.
 * @throws {RangeError} on length mismatch, empty input, empty `labels`, or `labels` none of which occurs in `yTrue`.
 */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray, options: ConfusionMatrixOptions = {}): number[][] {
  const where = 'confusionMatrix';
  const t = checkLabels(where, 'yTrue', yTrue);
  const p = checkLabels(where, 'yPred', yPred);
  const n = checkSameLength(where, { yTrue: t, yPred: p, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  const w = checkSampleWeight(where, options.sampleWeight, n);
  const { normalize } = options;
  if (normalize !== undefined && normalize !== 'true' && normalize !== 'pred' && normalize !== 'all') {
    throw new RangeError(`${where}: 'normalize' must be 'true', 'pred', 'all' or undefined; received ${show(normalize)}`);
  }
  const present = uniqueLabels(where, t, p);
  let labels = present;
  if (options.labels !== undefined) {
    labels = [...options.labels];
    if (labels.length === 0) throw new RangeError(`${where}: 'labels' must hold at least one label; received []`);
    const inTrue = new Set(t);
    if (!labels.some((l) => inTrue.has(l))) {
      throw new RangeError(`${where}: at least one of 'labels' must occur in 'yTrue'; received ${show(labels)}`);
    }
  }
  const index = labelIndex(where, labels);
  const k = labels.length;
  const cm: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const a = index.get(t[i]);
    const b = index.get(p[i]);
    if (a !== undefined && b !== undefined) cm[a][b] += w[i];
  }
  if (normalize === undefined) return cm;
  const div = (x: number, d: number): number => (d === 0 ? 0 : x / d);
  if (normalize === 'all') {
    const total = cm.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
    return cm.map((row) => row.map((x) => div(x, total)));
  }
  if (normalize === 'true') return cm.map((row) => { const s = row.reduce((a, b) => a + b, 0); return row.map((x) => div(x, s)); });
  const colSums = labels.map((_, j) => cm.reduce((s, row) => s + row[j], 0));
  return cm.map((row) => row.map((x, j) => div(x, colSums[j])));
}
