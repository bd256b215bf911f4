/**
 * C-support vector classification with scikit-learn 1.2's semantics (`sklearn.svm.SVC`), a
 * TypeScript port of the libsvm solver scikit-learn wraps.
 *
 * References: C.-C. Chang and C.-J. Lin, "LIBSVM: a library for support vector machines", ACM TIST
 * 2(3), 2011; R.-E. Fan, P.-H. Chen and C.-J. Lin, "Working set selection using second order
 * information for training SVM", JMLR 6, 2005 (WSS3); J. Platt, "Probabilistic outputs for SVMs",
 * 1999, with Lin, Lin and Weng's 2007 note; Wu, Lin and Weng, JMLR 5, 2004 (pairwise coupling).
 * Multiclass is one-vs-one; `decisionFunction` gives scikit-learn's 'ovr' transform or the raw 'ovo'
 * values. Binary models use scikit-learn's signs: a positive decision value means `classes[1]`.
 */
import { Rng, type SeedLike } from '@ml/core';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix } from '../base/read-matrix.js';
import type { KernelName, KernelSpec } from './kernel.js';
import { libsvmTrain } from './libsvm-train.js';
import { ovrDecision, pairDecisions, probabilities, voteClasses, type PredictModel } from './libsvm-predict.js';
import { classWeights, type ClassWeight } from './class-weight.js';

export interface SVCParams {
  /** Regularisation: the upper bound of the dual variables (sklearn `C`). @default 1 */
  C?: number;
  /** 'linear', 'poly', 'rbf', 'sigmoid' or 'precomputed' (X is then the n × n kernel matrix; at predict, m × n). @default 'rbf' */
  kernel?: KernelName;
  /** Degree of the 'poly' kernel (sklearn `degree`). @default 3 */
  degree?: number;
  /** Kernel coefficient: 'scale' 1 / (d · Var(X)), 'auto' 1 / d, or a number > 0 (sklearn `gamma`). @default 'scale' */
  gamma?: 'scale' | 'auto' | number;
  /** Constant term of 'poly' and 'sigmoid' (sklearn `coef0`). @default 0 */
  coef0?: number;
  /** Whether libsvm's shrinking heuristic is used (sklearn `shrinking`). @default true */
  shrinking?: boolean;
  /** Fit Platt scaling by 5-fold cross-validation for `predictProba` (sklearn `probability`). @default false */
  probability?: boolean;
  /** Stopping tolerance on the maximal KKT violation (sklearn `tol`). @default 1e-3 */
  tol?: number;
  /** Kernel cache size in MB (sklearn `cache_size`). @default 200 */
  cacheSize?: number;
  /** Per-class multipliers of C: null, 'balanced' (n / (k · count)), or `{label: weight}` (sklearn `class_weight`). @default null */
  classWeight?: ClassWeight;
  /** Most SMO iterations per class pair; −1: no limit (sklearn `max_iter`). @default -1 */
  maxIter?: number;
  /** 'ovr' (n × k, sklearn's vote + confidence transform) or 'ovo' (n × k(k−1)/2) (sklearn `decision_function_shape`). @default 'ovr' */
  decisionFunctionShape?: 'ovr' | 'ovo';
  /** With 'ovr' and more than two classes, predict the argmax of `decisionFunction` (sklearn `break_ties`). @default false */
  breakTies?: boolean;
  /** Seed (or Rng) of the cross-validation shuffle behind `probability` (sklearn `random_state`). @default 0 */
  randomState?: SeedLike;
}

export const SVC_DEFAULTS = {
  C: 1, kernel: 'rbf', degree: 3, gamma: 'scale', coef0: 0, shrinking: true, probability: false, tol: 1e-3,
  cacheSize: 200, classWeight: null, maxIter: -1, decisionFunctionShape: 'ovr', breakTies: false, randomState: 0,
} as const satisfies Required<SVCParams>;

const FORMAT = 'ml-classical/svc';
const VERSION = 1;

interface State extends PredictModel {
  classes: Label[];
  nFeatures: number;
  probA: Float64Array;
  probB: Float64Array;
  nIter: Int32Array;
}

/** The JSON written by `SVC.toJSON()`. */
export interface SVCJSON {
  format: string;
  version: number;
  params: Omit<Required<SVCParams>, 'randomState'> & { randomState: number };
  fitted: {
    classes: Label[]; nFeatures: number; gamma: number; sv: number[]; support: number[]; nSupport: number[];
    svCoef: number[]; rho: number[]; probA: number[]; probB: number[]; nIter: number[];
  } | null;
}

export class SVC {
  readonly params: Readonly<Required<SVCParams>>;
  private state: State | undefined;

  constructor(params: SVCParams = {}) {
    this.params = { ...SVC_DEFAULTS, ...params };
  }

  private checkParams(where: string): void {
    const p = this.params;
    checkNumber(where, 'C', p.C, 0, false);
    checkOneOf(where, 'kernel', p.kernel, ['linear', 'poly', 'rbf', 'sigmoid', 'precomputed']);
    checkInt(where, 'degree', p.degree, 0);
    if (typeof p.gamma === 'number') checkNumber(where, 'gamma', p.gamma, 0, false);
    else checkOneOf(where, 'gamma', p.gamma, ['scale', 'auto']);
    checkNumber(where, 'coef0', p.coef0, -Infinity);
    checkNumber(where, 'tol', p.tol, 0, false);
    checkNumber(where, 'cacheSize', p.cacheSize, 0, false);
    if (!(p.maxIter === -1 || (Number.isInteger(p.maxIter) && p.maxIter > 0))) {
      throw new RangeError(`${where}: 'maxIter' must be -1 (no limit) or an integer >= 1; received ${String(p.maxIter)}`);
    }
    checkOneOf(where, 'decisionFunctionShape', p.decisionFunctionShape, ['ovr', 'ovo']);
    if (p.breakTies && p.decisionFunctionShape === 'ovo') {
      throw new RangeError(`${where}: 'breakTies' needs decisionFunctionShape 'ovr'; received 'ovo'`);
    }
  }

  /**
   * Fits the one-vs-one SMO problems; returns `this`.
   * @param sampleWeight per-row multipliers of C (≥ 0; rows with weight 0 are left out, as libsvm).
   */
  fit(X: MatrixInput, y: readonly Label[], sampleWeight?: readonly number[]): this {
    const where = 'SVC.fit';
    this.checkParams(where);
    const p = this.params;
    const x = readMatrix(where, 'X', X);
    const { rows: n, cols: d } = x;
    if (p.kernel === 'precomputed' && n !== d) {
      throw new RangeError(`${where}: with kernel 'precomputed', 'X' must be the square n × n kernel matrix; received ${n} × ${d}`);
    }
    checkLabels(where, y, n);
    const classes = uniqueLabels(y);
    if (classes.length < 2) throw new RangeError(`${where}: 'y' must hold at least 2 classes; received ${classes.length} (${JSON.stringify(classes)})`);
    const yi = encodeLabels(where, y, classes);
    const weight = new Float64Array(n).fill(1);
    if (sampleWeight !== undefined) {
      if (!Array.isArray(sampleWeight) || sampleWeight.length !== n) {
        throw new RangeError(`${where}: 'sampleWeight' must have one weight per row of 'X' (${n}); received ${Array.isArray(sampleWeight) ? sampleWeight.length : typeof sampleWeight}`);
      }
      for (let i = 0; i < n; i++) {
        const w = sampleWeight[i];
        if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`${where}: 'sampleWeight[${i}]' must be a finite number >= 0; received ${String(w)}`);
        weight[i] = w;
      }
      const present = new Uint8Array(classes.length);
      for (let i = 0; i < n; i++) if (weight[i] > 0) present[yi[i]] = 1;
      const missing = classes.filter((_, c) => present[c] === 0);
      if (missing.length > 0) throw new RangeError(`${where}: every class needs a row with positive 'sampleWeight'; classes ${JSON.stringify(missing)} have none`);
    }
    const cw = classWeights(where, p.classWeight, classes, yi);
    const weightedC = cw.map((w) => w * p.C);
    const kernel: KernelSpec = { kernel: p.kernel, gamma: resolveGamma(p.gamma, x.data, d), coef0: p.coef0, degree: p.degree };
    const m = libsvmTrain({
      x: x.data, n, d, y: yi, nClasses: classes.length, weightedC, sampleWeight: weight, kernel,
      solver: { eps: p.tol, shrinking: p.shrinking, maxIter: p.maxIter }, cacheBytes: p.cacheSize * 2 ** 20,
      probability: p.probability, rng: Rng.from(p.randomState).fork(),
    });
    const nSV = m.support.length;
    const sv = new Float64Array(p.kernel === 'precomputed' ? 0 : nSV * d);
    if (p.kernel !== 'precomputed') {
      const xd = x.data;
      for (let s = 0, o = 0; s < nSV; s++) for (let t = m.support[s] * d, e = t + d; t < e; t++) sv[o++] = xd[t];
    }
    this.state = {
      classes, nFeatures: d, kernel, nClasses: classes.length, sv, support: m.support, nSupport: m.nSupport,
      svCoef: m.svCoef, rho: m.rho, probA: m.probA, probB: m.probB, nIter: m.nIter,
    };
    return this;
  }

  private fitted(what: string): State {
    if (this.state === undefined) throw new NotFittedError('SVC', what);
    return this.state;
  }

  private pairs(where: string, X: MatrixInput): { dec: Float64Array; rows: number; st: State } {
    const st = this.fitted(where.split('.')[1]);
    const x = readMatrix(where, 'X', X);
    if (x.cols !== st.nFeatures) {
      const what = st.kernel.kernel === 'precomputed' ? `columns (one per training row, kernel 'precomputed')` : 'features (columns), as in fit';
      throw new RangeError(`${where}: 'X' must have ${st.nFeatures} ${what}; received ${x.cols}`);
    }
    return { dec: pairDecisions(st, x.data, x.rows, x.cols), rows: x.rows, st };
  }

  /**
   * Decision values. Two classes: one value per row, > 0 for `classes[1]`. More: 'ovr' gives
   * n × k (votes + confidences), 'ovo' n × k(k−1)/2 in pair order (0,1), (0,2), …, (1,2), …
   */
  decisionFunction(X: MatrixInput): number[] | number[][] {
    const { dec, rows, st } = this.pairs('SVC.decisionFunction', X);
    const k = st.nClasses;
    if (k === 2) return Array.from(dec, (v) => -v);
    if (this.params.decisionFunctionShape === 'ovo') return toRows(dec, rows, (k * (k - 1)) / 2);
    return toRows(ovrDecision(dec, rows, k), rows, k);
  }

  /** The class of each row by one-vs-one voting (ties: the lower class), as libsvm. */
  predict(X: MatrixInput): Label[] {
    const { dec, rows, st } = this.pairs('SVC.predict', X);
    const k = st.nClasses;
    let idx: Int32Array;
    if (this.params.breakTies && k > 2) {
      const ovr = ovrDecision(dec, rows, k);
      idx = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (ovr[r * k + c] > ovr[r * k + best]) best = c;
        idx[r] = best;
      }
    } else {
      idx = voteClasses(dec, rows, k);
    }
    return Array.from(idx, (c) => st.classes[c]);
  }

  /** Class probabilities (needs `probability: true`), columns in `classes` order. */
  predictProba(X: MatrixInput): number[][] {
    const st = this.fitted('predictProba');
    if (st.probA.length === 0) throw new RangeError("SVC.predictProba: needs a model fitted with 'probability: true'; received probability false");
    const { dec, rows } = this.pairs('SVC.predictProba', X);
    return toRows(probabilities(dec, rows, st.nClasses, st.probA, st.probB), rows, st.nClasses);
  }

  /** log of `predictProba`. */
  predictLogProba(X: MatrixInput): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixInput, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`SVC.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /** Training-row indices of the support vectors, grouped by class (sklearn `support_`). */
  get support(): number[] {
    return Array.from(this.fitted('support').support);
  }

  /** The support vectors, nSV × d; empty for kernel 'precomputed' (sklearn `support_vectors_`). */
  get supportVectors(): number[][] {
    const st = this.fitted('supportVectors');
    if (st.kernel.kernel === 'precomputed') return [];
    return toRows(st.sv, st.support.length, st.nFeatures);
  }

  /** Support vectors per class (sklearn `n_support_`). */
  get nSupport(): number[] {
    return Array.from(this.fitted('nSupport').nSupport);
  }

  /** Signed dual coefficients, (k − 1) × nSV; sign flipped for two classes, as sklearn (sklearn `dual_coef_`). */
  get dualCoef(): number[][] {
    const st = this.fitted('dualCoef');
    const nSV = st.support.length;
    const rows = toRows(st.svCoef, st.nClasses - 1, nSV);
    return st.nClasses === 2 ? rows.map((r) => r.map((v) => -v)) : rows;
  }

  /** Per-pair intercepts: −ρ, or ρ for two classes, as sklearn (sklearn `intercept_`). */
  get intercept(): number[] {
    const st = this.fitted('intercept');
    return Array.from(st.rho, (r) => (st.nClasses === 2 ? r : -r) + 0);
  }

  /** Platt scaling parameters per pair (sklearn `probA_`, `probB_`); empty without `probability`. */
  get probA(): number[] {
    return Array.from(this.fitted('probA').probA);
  }

  get probB(): number[] {
    return Array.from(this.fitted('probB').probB);
  }

  /** SMO iterations per pair (sklearn `n_iter_`). */
  get nIter(): number[] {
    return Array.from(this.fitted('nIter').nIter);
  }

  /** The kernel coefficient used (sklearn `_gamma`). */
  get gamma(): number {
    return this.fitted('gamma').kernel.gamma;
  }

  /** Number of features (columns) seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Versioned JSON of the params and the fitted model (support vectors, coefficients, intercepts). */
  toJSON(): SVCJSON {
    const st = this.state;
    const rs = this.params.randomState;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, randomState: typeof rs === 'number' ? rs : rs.seed },
      fitted: st === undefined ? null : {
        classes: st.classes, nFeatures: st.nFeatures, gamma: st.kernel.gamma, sv: Array.from(st.sv), support: Array.from(st.support),
        nSupport: Array.from(st.nSupport), svCoef: Array.from(st.svCoef), rho: Array.from(st.rho), probA: Array.from(st.probA),
        probB: Array.from(st.probB), nIter: Array.from(st.nIter),
      },
    };
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): SVC {
    const o = checkFormat('SVC.fromJSON', json, FORMAT, VERSION) as unknown as SVCJSON;
    const model = new SVC(o.params);
    const f = o.fitted;
    if (f !== null) {
      const k = f.classes.length;
      const nSV = f.support.length;
      const pre = o.params.kernel === 'precomputed';
      if (f.nSupport.length !== k || f.svCoef.length !== (k - 1) * nSV || f.rho.length !== (k * (k - 1)) / 2 || f.sv.length !== (pre ? 0 : nSV * f.nFeatures)) {
        throw new RangeError(`SVC.fromJSON: 'fitted' arrays must match ${k} classes, ${nSV} support vectors and ${f.nFeatures} features`);
      }
      model.state = {
        classes: f.classes, nFeatures: f.nFeatures, nClasses: k,
        kernel: { kernel: o.params.kernel, gamma: f.gamma, coef0: o.params.coef0, degree: o.params.degree },
        sv: Float64Array.from(f.sv), support: Int32Array.from(f.support), nSupport: Int32Array.from(f.nSupport),
        svCoef: Float64Array.from(f.svCoef), rho: Float64Array.from(f.rho), probA: Float64Array.from(f.probA),
        probB: Float64Array.from(f.probB), nIter: Int32Array.from(f.nIter),
      };
    }
    return model;
  }
}

/** sklearn's gamma: 'scale' → 1 / (d · Var(X)) (1 when Var(X) = 0), 'auto' → 1 / d. */
function resolveGamma(gamma: 'scale' | 'auto' | number, x: Float64Array, d: number): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / d;
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  v /= x.length;
  return v !== 0 ? 1 / (d * v) : 1;
}

function toRows(a: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
}
