/**
 * The coefficient of determination R², as scikit-learn 1.2's `sklearn.metrics.r2_score`:
 * 1 − Σw(y − ŷ)² / Σw(y − ȳ)² per output, with `force_finite` handling of constant targets.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.r2_score.html
 */
import { show, type WarningHandler } from './label-utils.js';
import { checkRegression, combineOutputs, weightedMean, type MultiOutput, type RegressionTargets } from './regression-utils.js';

export interface R2ScoreOptions {
  /** One non-negative weight per sample. @default undefined (all ones) */
  sampleWeight?: ArrayLike<number>;
  /**
   * How outputs combine: as in the other regression metrics, or `'variance_weighted'` (weights are each
   * output's weighted variance of `yTrue`). @default 'uniform_average'
   */
  multioutput?: MultiOutput | 'variance_weighted';
  /**
   * For a constant `yTrue` output, return 1 (perfect prediction) or 0 (imperfect) instead of NaN / −∞.
   * @default true
   */
  forceFinite?: boolean;
  /** Called when fewer than two samples make R² undefined (the result is then NaN). @default undefined (silent) */
  onWarning?: WarningHandler;
}

/**
 * R² of `yPred` against `yTrue` (best 1; can be negative). Targets are one number per sample or one
 * row of outputs per sample.
 * @throws {RangeError} on length or output-count mismatch, empty input, non-finite values, or a bad `multioutput`.
 */
export function r2Score(yTrue: RegressionTargets, yPred: RegressionTargets, options: R2ScoreOptions & { multioutput: 'raw_values' }): number[];
export function r2Score(yTrue: RegressionTargets, yPred: RegressionTargets, options?: R2ScoreOptions): number;
export function r2Score(yTrue: RegressionTargets, yPred: RegressionTargets, options: R2ScoreOptions = {}): number | number[] {
  const where = 'r2Score';
  const multioutput = options.multioutput ?? 'uniform_average';
  const x = checkRegression(where, yTrue, yPred, options.sampleWeight, multioutput, ['raw_values', 'uniform_average', 'variance_weighted']);
  if (x.n < 2) {
    options.onWarning?.('R^2 score is not well-defined with less than two samples.');
    return NaN;
  }
  if (x.w !== undefined && x.w.every((v) => v === 0)) throw new RangeError(`${where}: 'sampleWeight' must not sum to zero; received all zeros`);
  const wt = (i: number): number => (x.w === undefined ? 1 : x.w[i]);
  const num: number[] = [];
  const den: number[] = [];
  for (let j = 0; j < x.k; j++) {
    const col = x.t.map((row) => row[j]);
    const mean = weightedMean(col, x.w);
    let a = 0;
    let b = 0;
    for (let i = 0; i < x.n; i++) {
      a += wt(i) * (col[i] - x.p[i][j]) ** 2;
      b += wt(i) * (col[i] - mean) ** 2;
    }
    num.push(a);
    den.push(b);
  }
  const forceFinite = options.forceFinite ?? true;
  if (typeof forceFinite !== 'boolean') throw new TypeError(`${where}: 'forceFinite' must be a boolean; received ${show(forceFinite)}`);
  const scores = num.map((a, j) => {
    const b = den[j];
    if (!forceFinite) return 1 - a / b;
    if (b !== 0 && a !== 0) return 1 - a / b;
    return a !== 0 ? 0 : 1;
  });
  if (multioutput === 'variance_weighted') {
    // scikit-learn falls back to a uniform mean when every output is constant.
    return den.every((b) => b === 0) ? weightedMean(scores) : weightedMean(scores, den);
  }
  return combineOutputs(scores, multioutput);
}
