/**
 * Area under the ROC curve, as scikit-learn 1.2's `sklearn.metrics.roc_auc_score`: binary, and
 * multiclass one-vs-rest (Provost & Domingos 2000) or one-vs-one (Hand & Till 2001). The area is the
 * trapezoidal rule over `rocCurve`'s points, so tied scores count half. `max_fpr` is not supported.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_auc_score.html
 */
import { checkLabels, checkNotEmpty, checkSameLength, checkScores, compareLabels, show, uniqueLabels, type Label, type LabelArray } from './label-utils.js';
import { rocCurve } from './roc-curve.js';

export interface RocAucScoreOptions {
  /**
   * Multiclass averaging: `'macro'` (unweighted mean), `'weighted'` (by prevalence), `'micro'` (`'ovr'`
   * only: all class columns pooled) or `null` (`'ovr'` only: one score per class). Binary targets ignore it.
   * @default 'macro'
   */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /** Multiclass strategy, required when `yScore` has one column per class (scikit-learn's `multi_class`). @default 'raise' */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** Multiclass: the classes of `yScore`'s columns, sorted. @default undefined (sorted labels of `yTrue`) */
  labels?: readonly Label[];
  /** One non-negative weight per sample (not with `'ovo'`). @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
}

function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 0; i + 1 < x.length; i++) area += ((x[i + 1] - x[i]) * (y[i] + y[i + 1])) / 2;
  return area;
}

function binaryAuc(where: string, yTrue: number[], score: number[], weight?: ArrayLike<number>): number {
  if (new Set(yTrue).size !== 2) {
    throw new RangeError(`${where}: only one class present in 'yTrue'; ROC AUC is not defined in that case`);
  }
  const { fpr, tpr } = rocCurve(yTrue, score, { sampleWeight: weight });
  return trapezoid(fpr, tpr);
}

function mean(values: number[], weights?: number[]): number {
  let s = 0;
  let w = 0;
  values.forEach((v, i) => {
    const wi = weights === undefined ? 1 : weights[i];
    s += v * wi;
    w += wi;
  });
  return s / w;
}

/**
 * ROC AUC of `yScore` (binary: one score per sample, higher = the greater label; multiclass: one row of
 * class probabilities per sample, summing to 1).
 * @throws {RangeError} on length mismatch, empty input, a single class in `yTrue`, scores that are not
 *   probabilities (multiclass), a missing `multiClass`, or an unsupported `average`.
 */
export function rocAucScore(yTrue: LabelArray, yScore: ArrayLike<number>, options?: RocAucScoreOptions): number;
export function rocAucScore(yTrue: LabelArray, yScore: ArrayLike<ArrayLike<number>>, options: RocAucScoreOptions & { average: null }): number[];
export function rocAucScore(yTrue: LabelArray, yScore: ArrayLike<ArrayLike<number>>, options?: RocAucScoreOptions): number;
export function rocAucScore(
  yTrue: LabelArray, yScore: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: RocAucScoreOptions = {},
): number | number[] {
  const where = 'rocAucScore';
  const t = checkLabels(where, 'yTrue', yTrue);
  const n = checkSameLength(where, { yTrue: t, yScore, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  const average = options.average === undefined ? 'macro' : options.average;
  if (!['macro', 'weighted', 'micro', null].includes(average)) {
    throw new RangeError(`${where}: 'average' must be 'macro', 'weighted', 'micro' or null; received ${show(average)}`);
  }
  const present = uniqueLabels(where, t);
  if (typeof yScore[0] === 'number') {
    if (present.length > 2) {
      throw new RangeError(`${where}: 'yTrue' has ${present.length} classes; multiclass ROC AUC needs one column of 'yScore' per class`);
    }
    const s = checkScores(where, 'yScore', yScore as ArrayLike<number>);
    const binary = t.map((l) => (present.length === 2 && l === present[1] ? 1 : 0));
    return binaryAuc(where, binary, s, options.sampleWeight);
  }
  if (present.length <= 2 && (yScore[0] as ArrayLike<number>).length <= 2) {
    throw new RangeError(`${where}: binary 'yTrue' needs one score per sample (of the greater label), not rows; received rows of ${(yScore[0] as ArrayLike<number>).length}`);
  }
  const rows = Array.from(yScore as ArrayLike<ArrayLike<number>>, (r, i) => checkScores(where, `yScore[${i}]`, r));
  const k = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== k) throw new RangeError(`${where}: every row of 'yScore' must have ${k} columns; received ${r.length} in row ${i}`);
    const sum = r.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-8 + 1e-5) {
      throw new RangeError(`${where}: multiclass 'yScore' rows must be probabilities summing to 1; row ${i} sums to ${sum}`);
    }
  });
  const multiClass = options.multiClass ?? 'raise';
  if (multiClass !== 'ovr' && multiClass !== 'ovo') {
    throw new RangeError(`${where}: multiclass targets need 'multiClass' to be 'ovr' or 'ovo'; received ${show(multiClass)}`);
  }
  if (multiClass === 'ovo' && (average === null || average === 'micro')) {
    throw new RangeError(`${where}: 'average' must be 'macro' or 'weighted' with multiClass 'ovo'; received ${show(average)}`);
  }
  let classes = present;
  if (options.labels !== undefined) {
    classes = [...options.labels];
    const sorted = [...new Set(classes)].sort(compareLabels);
    if (sorted.length !== classes.length) throw new RangeError(`${where}: 'labels' must be distinct; received ${show(classes)}`);
    if (sorted.some((l, i) => l !== classes[i])) throw new RangeError(`${where}: 'labels' must be sorted; received ${show(classes)}`);
    const missing = present.filter((l) => !classes.includes(l));
    if (missing.length > 0) throw new RangeError(`${where}: 'yTrue' holds labels not in 'labels': ${show(missing)}`);
  }
  if (classes.length !== k) {
    throw new RangeError(`${where}: the number of classes (${classes.length}) must equal the number of columns of 'yScore'; received ${k}`);
  }
  const code = t.map((l) => classes.indexOf(l));
  const column = (c: number, idx: number[]): number[] => idx.map((i) => rows[i][c]);
  const all = [...t.keys()];
  if (multiClass === 'ovo') {
    if (options.sampleWeight !== undefined) throw new RangeError(`${where}: 'sampleWeight' is not supported with multiClass 'ovo'; received weights`);
    const codes = [...new Set(code)].sort((a, b) => a - b);
    const scores: number[] = [];
    const prevalence: number[] = [];
    for (let x = 0; x < codes.length; x++) {
      for (let y = x + 1; y < codes.length; y++) {
        const a = codes[x];
        const b = codes[y];
        const idx = all.filter((i) => code[i] === a || code[i] === b);
        prevalence.push(idx.length / n);
        const aTrue = idx.map((i) => (code[i] === a ? 1 : 0));
        const bTrue = idx.map((i) => (code[i] === b ? 1 : 0));
        scores.push((binaryAuc(where, aTrue, column(a, idx)) + binaryAuc(where, bTrue, column(b, idx))) / 2);
      }
    }
    return mean(scores, average === 'weighted' ? prevalence : undefined);
  }
  const weights = options.sampleWeight === undefined ? undefined : Array.from(options.sampleWeight);
  if (average === 'micro') {
    const yt: number[] = [];
    const ys: number[] = [];
    const ws: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        yt.push(code[i] === c ? 1 : 0);
        ys.push(rows[i][c]);
        ws.push(weights === undefined ? 1 : weights[i]);
      }
    }
    return binaryAuc(where, yt, ys, weights === undefined ? undefined : ws);
  }
  const perClass = classes.map((_, c) => binaryAuc(where, code.map((x) => (x === c ? 1 : 0)), column(c, all), weights));
  if (average === null) return perClass;
  if (average === 'macro') return mean(perClass);
  const support = classes.map((_, c) => code.reduce((s, x, i) => s + (x === c ? (weights === undefined ? 1 : weights[i]) : 0), 0));
  if (Math.abs(support.reduce((a, b) => a + b, 0)) <= 1e-8) return 0;
  return mean(perClass.map((v, c) => (support[c] === 0 ? 0 : v)), support);
}
