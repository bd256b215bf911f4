/**
 * The shared computation behind precision, recall, F-beta and support: scikit-learn 1.2's
 * `precision_recall_fscore_support` (sklearn/metrics/_classification.py), for binary and multiclass
 * targets. scikit-learn's `zero_division="warn"` is replaced by a value (`zeroDivision`, 0 or 1) plus an
 * optional `onWarning` callback that receives scikit-learn's `UndefinedMetricWarning` text.
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
  type WarningHandler,
} from './label-utils.js';

/** How per-class scores are combined; `null` returns one score per class. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;

export interface PrfOptions {
  /**
   * `'binary'`: scores of `posLabel` only (the target must have at most two classes); `'micro'`: from
   * the total true positives, false positives and false negatives; `'macro'`: unweighted mean over
   * classes; `'weighted'`: mean weighted by support; `null`: per class, in `labels` order.
   */
  average?: Average;
  /** The positive class when `average` is `'binary'`. @default 1 */
  posLabel?: Label;
  /**
   * The classes to score and their order (per-class results follow it; `'micro'`/`'macro'`/`'weighted'`
   * use only these). Ignored for `'binary'`. @default undefined (the sorted labels present in `yTrue` or `yPred`)
   */
  labels?: readonly Label[];
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /**
   * The value a score takes when its denominator is zero (no predicted samples for precision, no true
   * samples for recall), as scikit-learn's `zero_division`; its default `"warn"` behaves as 0.
   * @default 0
   */
  zeroDivision?: 0 | 1;
  /**
   * Called with scikit-learn's warning text whenever a score is ill-defined and set to `zeroDivision`
   * (scikit-learn's `UndefinedMetricWarning`). @default undefined (silent)
   */
  onWarning?: WarningHandler;
}

export type PrfMetric = 'precision' | 'recall' | 'f-score';

export interface PrfRaw {
  precision: number | number[];
  recall: number | number[];
  fscore: number | number[];
  /** Per-class weighted count of true samples; `undefined` when averaged. */
  support: number[] | undefined;
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', null];

function warnPrf(onWarning: WarningHandler | undefined, value: number, modifier: string, msgStart: string, size: number): void {
  if (onWarning === undefined) return;
  const where = size === 1 ? 'due to' : 'in labels with';
  onWarning(`${msgStart} ill-defined and being set to ${value.toFixed(1)} ${where} no ${modifier} samples. Use \`zeroDivision\` to control this value.`);
}

function divide(
  num: number[], den: number[], metric: PrfMetric, modifier: string, warnFor: readonly PrfMetric[], zd: number, onWarning?: WarningHandler,
): number[] {
  let any = false;
  const out = num.map((x, i) => {
    if (den[i] === 0) {
      any = true;
      return zd;
    }
    return x / den[i];
  });
  if (any && warnFor.includes(metric)) {
    const title = metric[0].toUpperCase() + metric.slice(1);
    const start = warnFor.includes('f-score') ? `${title} and F-score are` : `${title} is`;
    warnPrf(onWarning, zd, modifier, start, out.length);
  }
  return out;
}

function average(values: number[], weights: number[] | undefined): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    const wi = weights === undefined ? 1 : weights[i];
    s += values[i] * wi;
    w += wi;
  }
  return s / w;
}

export function prfCore(
  where: string, yTrue: LabelArray, yPred: LabelArray, beta: number, options: PrfOptions, warnFor: readonly PrfMetric[],
): PrfRaw {
  const avg = options.average === undefined ? null : options.average;
  if (!AVERAGES.includes(avg)) {
    throw new RangeError(`${where}: 'average' must be one of 'binary', 'micro', 'macro', 'weighted', null; received ${show(avg)}`);
  }
  if (!(beta >= 0)) throw new RangeError(`${where}: 'beta' must be >= 0; received ${show(beta)}`);
  const zd = options.zeroDivision ?? 0;
  if (zd !== 0 && zd !== 1) throw new RangeError(`${where}: 'zeroDivision' must be 0 or 1; received ${show(zd)}`);
  const t = checkLabels(where, 'yTrue', yTrue);
  const p = checkLabels(where, 'yPred', yPred);
  const n = checkSameLength(where, { yTrue: t, yPred: p, sampleWeight: options.sampleWeight });
  checkNotEmpty(where, 'yTrue', n);
  const w = checkSampleWeight(where, options.sampleWeight, n);
  const present = uniqueLabels(where, t, p);

  let selected: Label[];
  if (avg === 'binary') {
    if (present.length > 2) {
      throw new RangeError(
        `${where}: the target is multiclass (${present.length} labels) but 'average' is 'binary'; choose one of 'micro', 'macro', 'weighted', null`,
      );
    }
    const pos = options.posLabel ?? 1;
    if (!present.includes(pos) && present.length >= 2) {
      throw new RangeError(`${where}: 'posLabel' must be one of ${show(present)}; received ${show(pos)}`);
    }
    selected = [pos];
  } else {
    selected = options.labels !== undefined ? [...options.labels] : present;
    if (selected.length === 0) throw new RangeError(`${where}: 'labels' must hold at least one label; received []`);
  }
  const index = labelIndex(where, selected);
  const k = selected.length;
  let tp = new Array<number>(k).fill(0);
  let predSum = new Array<number>(k).fill(0);
  let trueSum = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const ti = index.get(t[i]);
    const pi = index.get(p[i]);
    if (ti !== undefined) trueSum[ti] += w[i];
    if (pi !== undefined) predSum[pi] += w[i];
    if (ti !== undefined && t[i] === p[i]) tp[ti] += w[i];
  }
  if (avg === 'micro') {
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
    tp = [sum(tp)];
    predSum = [sum(predSum)];
    trueSum = [sum(trueSum)];
  }
  const precision = divide(tp, predSum, 'precision', 'predicted', warnFor, zd, options.onWarning);
  const recall = divide(tp, trueSum, 'recall', 'true', warnFor, zd, options.onWarning);
  if (warnFor.length === 1 && warnFor[0] === 'f-score' && trueSum.some((ts, i) => ts === 0 && predSum[i] === 0)) {
    warnPrf(options.onWarning, zd, 'true nor predicted', 'F-score is', trueSum.length);
  }
  const beta2 = beta * beta;
  const fscore = precision.map((pr, i) => {
    if (beta === Infinity) return recall[i];
    const denom = beta2 * pr + recall[i];
    return ((1 + beta2) * pr * recall[i]) / (denom === 0 ? 1 : denom);
  });
  if (avg === null) return { precision, recall, fscore, support: trueSum };
  let weights: number[] | undefined;
  if (avg === 'weighted') {
    weights = trueSum;
    if (trueSum.reduce((a, b) => a + b, 0) === 0) {
      // No true samples in any scored class: scikit-learn returns zeroDivision (or 0) directly.
      if (predSum.reduce((a, b) => a + b, 0) === 0) return { precision: zd, recall: zd, fscore: zd, support: undefined };
      return { precision: 0, recall: zd, fscore: 0, support: undefined };
    }
  }
  return { precision: average(precision, weights), recall: average(recall, weights), fscore: average(fscore, weights), support: undefined };
}
