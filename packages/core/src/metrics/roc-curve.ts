/**
 * The receiver operating characteristic curve, as scikit-learn 1.2's `sklearn.metrics.roc_curve`
 * (with its `_binary_clf_curve`): thresholds at each distinct score, collinear points dropped.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.roc_curve.html
 */
import {
  checkLabels,
  checkNotEmpty,
  checkSameLength,
  checkSampleWeight,
  checkScores,
  show,
  uniqueLabels,
  type Label,
  type LabelArray,
  type WarningHandler,
} from './label-utils.js';

export interface RocCurveOptions {
  /**
   * The positive class. @default undefined (1, allowed only when `yTrue`'s labels are within {0, 1} or {-1, 1})
   */
  posLabel?: Label;
  /** One non-negative weight per sample; zero-weight samples are left out. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /** Drop thresholds whose point lies on a straight segment of the curve. @default true */
  dropIntermediate?: boolean;
  /**
   * Called when `yTrue` has no negative (or no positive) samples, in which case the false (true)
   * positive rates are NaN. @default undefined (silent)
   */
  onWarning?: WarningHandler;
}

export interface RocCurve {
  /** Increasing false positive rates, starting at 0. */
  fpr: number[];
  /** Increasing true positive rates, starting at 0. */
  tpr: number[];
  /** Decreasing score thresholds; the first is `max(score) + 1` (scikit-learn 1.2). */
  thresholds: number[];
}

/**
 * False and true positive rates at every distinct threshold of `yScore` (higher score = more positive).
 * @throws {RangeError} on length mismatch, empty input, more than two classes without `posLabel`, or
 *   labels outside {0, 1}/{-1, 1} without `posLabel`.
 */
export function rocCurve(yTrue: LabelArray, yScore: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const where = 'rocCurve';
  let t = checkLabels(where, 'yTrue', yTrue);
  let s = checkScores(where, 'yScore', yScore);
  const n = checkSameLength(where, { yTrue: t, yScore: s, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  let w: Float64Array | undefined = options.sampleWeight === undefined ? undefined : checkSampleWeight(where, options.sampleWeight, n);
  const classes = uniqueLabels(where, t);
  if (classes.length > 2 && options.posLabel === undefined) {
    throw new RangeError(`${where}: 'yTrue' must be binary unless 'posLabel' is given; received ${classes.length} classes ${show(classes)}`);
  }
  if (w !== undefined) {
    const keep = [...w.keys()].filter((i) => w![i] !== 0);
    t = keep.map((i) => t[i]);
    s = keep.map((i) => s[i]);
    w = Float64Array.from(keep, (i) => w![i]);
  }
  let pos = options.posLabel;
  if (pos === undefined) {
    const kept = uniqueLabels(where, t).join(',');
    if (!['0,1', '-1,1', '0', '-1', '1', ''].includes(kept) || typeof t[0] === 'string') {
      throw new RangeError(`${where}: 'yTrue' takes values ${show(uniqueLabels(where, t))} and 'posLabel' is not given: use labels in {0, 1} or {-1, 1}, or pass 'posLabel'`);
    }
    pos = 1;
  }
  // numpy: argsort(score, kind="mergesort")[::-1]; the reversed stable order fixes the summation order within ties.
  const order = [...s.keys()].sort((a, b) => s[a] - s[b]).reverse();
  const m = order.length;
  const fps: number[] = [];
  const tps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r];
    const isPos = t[i] === pos ? 1 : 0;
    const wi = w === undefined ? 1 : w[i];
    tp += isPos * wi;
    fp += (1 - isPos) * wi;
    if (r === m - 1 || s[order[r + 1]] !== s[i]) {
      tps.push(tp);
      fps.push(w === undefined ? r + 1 - tp : fp);
      thr.push(s[i]);
    }
  }
  let keepIdx = [...fps.keys()];
  if (options.dropIntermediate !== false && fps.length > 2) {
    const d2 = (a: number[], i: number): number => (a[i + 2] - a[i + 1]) - (a[i + 1] - a[i]);
    keepIdx = keepIdx.filter((i) => i === 0 || i === fps.length - 1 || d2(fps, i - 1) !== 0 || d2(tps, i - 1) !== 0);
  }
  const F = [0, ...keepIdx.map((i) => fps[i])];
  const T = [0, ...keepIdx.map((i) => tps[i])];
  const thresholds = keepIdx.map((i) => thr[i]);
  thresholds.unshift((thresholds[0] ?? 0) + 1);
  const rate = (a: number[], kind: string): number[] => {
    const last = a[a.length - 1];
    if (last <= 0) {
      options.onWarning?.(`No ${kind} samples in y_true, ${kind === 'negative' ? 'false' : 'true'} positive value should be meaningless`);
      return a.map(() => NaN);
    }
    return a.map((x) => x / last);
  };
  return { fpr: rate(F, 'negative'), tpr: rate(T, 'positive'), thresholds };
}
