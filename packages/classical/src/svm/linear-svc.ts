/**
 * Linear support vector classification with scikit-learn 1.2's semantics (`sklearn.svm.LinearSVC`,
 * the dual solvers of liblinear it wraps): L2 regularisation, hinge or squared-hinge loss, dual
 * coordinate descent (C.-J. Hsieh et al., "A dual coordinate descent method for large-scale linear
 * SVM", ICML 2008; R.-E. Fan et al., "LIBLINEAR: a library for large linear classification",
 * JMLR 9, 2008). One-vs-rest for more than two classes. Dense or `CsrMatrix` input, so TF-IDF
 * matrices from `@ml/text` go in as they are.
 *
 * The intercept is liblinear's: a constant feature of value `interceptScaling` whose weight is
 * regularised like the others; `intercept = interceptScaling · w_bias`.
 */
import { Rng, type SeedLike } from '@ml/core';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixOrSparse } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readFeatures, type Features } from '../naive-bayes/read-features.js';
import { classWeights, type ClassWeight } from './class-weight.js';
import { dualCoordinateDescent, type Rows } from './dual-coordinate-descent.js';
import { csrRows, denseRows } from './linear-rows.js';

export interface LinearSVCParams {
  /** Inverse regularisation strength (sklearn `C`). @default 1 */
  C?: number;
  /** 'squared_hinge' (liblinear L2R_L2LOSS_SVC_DUAL) or 'hinge' (L2R_L1LOSS_SVC_DUAL) (sklearn `loss`). @default 'squared_hinge' */
  loss?: 'hinge' | 'squared_hinge';
  /** Stopping tolerance on the projected-gradient gap (sklearn `tol`). @default 1e-4 */
  tol?: number;
  /** Most outer passes over the data per binary problem (sklearn `max_iter`). @default 1000 */
  maxIter?: number;
  /** Fit an intercept (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** Value of liblinear's constant bias feature (sklearn `intercept_scaling`). @default 1 */
  interceptScaling?: number;
  /** Per-class multipliers of C for the positive side of each binary problem (sklearn `class_weight`). @default null */
  classWeight?: ClassWeight;
  /** Seed (or Rng) of the coordinate order (sklearn `random_state`). @default 0 */
  randomState?: SeedLike;
}

export const LINEAR_SVC_DEFAULTS = {
  C: 1, loss: 'squared_hinge', tol: 1e-4, maxIter: 1000, fitIntercept: true, interceptScaling: 1, classWeight: null, randomState: 0,
} as const satisfies Required<LinearSVCParams>;

const FORMAT = 'ml-classical/linear-svc';
const VERSION = 1;

interface State {
  classes: Label[];
  nFeatures: number;
  /** rows × nFeatures, one row for two classes. */
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
}

/** The JSON written by `LinearSVC.toJSON()`. */
export interface LinearSVCJSON {
  format: string;
  version: number;
  params: Omit<Required<LinearSVCParams>, 'randomState'> & { randomState: number };
  fitted: { classes: Label[]; nFeatures: number; coef: number[]; intercept: number[]; nIter: number } | null;
}

export class LinearSVC {
  readonly params: Readonly<Required<LinearSVCParams>>;
  private state: State | undefined;

  constructor(params: LinearSVCParams = {}) {
    this.params = { ...LINEAR_SVC_DEFAULTS, ...params };
  }

  /**
   * Fits one binary problem (two classes) or one per class (one-vs-rest); returns `this`.
   * @param sampleWeight per-row multipliers of C (≥ 0).
   */
  fit(X: MatrixOrSparse, y: readonly Label[], sampleWeight?: readonly number[]): this {
    const where = 'LinearSVC.fit';
    const p = this.params;
    checkNumber(where, 'C', p.C, 0, false);
    checkOneOf(where, 'loss', p.loss, ['hinge', 'squared_hinge']);
    checkNumber(where, 'tol', p.tol, 0, false);
    checkInt(where, 'maxIter', p.maxIter, 1);
    checkNumber(where, 'interceptScaling', p.interceptScaling, 0, false);
    const x = readFeatures(where, X);
    const n = x.rows;
    checkLabels(where, y, n);
    const classes = uniqueLabels(y);
    if (classes.length < 2) throw new RangeError(`${where}: 'y' must hold at least 2 classes; received ${classes.length} (${JSON.stringify(classes)})`);
    const yi = encodeLabels(where, y, classes);
    const weight = new Float64Array(n).fill(1);
    if (sampleWeight !== undefined) {
      if (!Array.isArray(sampleWeight) || sampleWeight.length !== n) {
        throw new RangeError(`${where}: 'sampleWeight' must have one weight per row of 'X' (${n}); received ${Array.isArray(sampleWeight) ? sampleWeight.length : typeof sampleWeight}`);
      }
      sampleWeight.forEach((w, i) => {
        if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`${where}: 'sampleWeight[${i}]' must be a finite number >= 0; received ${String(w)}`);
        weight[i] = w;
      });
    }
    const cw = classWeights(where, p.classWeight, classes, yi);
    const bias = p.fitIntercept ? p.interceptScaling : -1;
    // liblinear drops rows of weight 0 (they would get C_i = 0)
    const take = Int32Array.from({ length: n }, (_, i) => i).filter((i) => weight[i] > 0);
    const rows = makeRows(x, take, bias);
    const rng = Rng.from(p.randomState).fork();
    const k = classes.length;
    const models = k === 2 ? 1 : k;
    const d = x.cols;
    const coef = new Float64Array(models * d);
    const intercept = new Float64Array(models);
    let nIter = 0;
    for (let c = 0; c < models; c++) {
      // two classes: classes[1] is +1 with C·w[1], classes[0] is −1 with C·w[0] (sklearn's fork);
      // one-vs-rest: class c is +1 with C·w[c], the rest −1 with plain C (liblinear)
      const positive = k === 2 ? 1 : c;
      const Cp = p.C * cw[positive];
      const Cn = k === 2 ? p.C * cw[0] : p.C;
      const sign = new Int8Array(take.length);
      const bound = new Float64Array(take.length);
      take.forEach((row, a) => {
        sign[a] = yi[row] === positive ? 1 : -1;
        bound[a] = weight[row] * (sign[a] > 0 ? Cp : Cn);
      });
      const r = dualCoordinateDescent(rows, sign, bound, { loss: p.loss, eps: p.tol, maxIter: p.maxIter, rng });
      coef.set(r.w.subarray(0, d), c * d);
      intercept[c] = bias > 0 ? bias * r.w[d] : 0;
      nIter = Math.max(nIter, r.nIter);
    }
    this.state = { classes, nFeatures: d, coef, intercept, nIter };
    return this;
  }

  private fitted(what: string): State {
    if (this.state === undefined) throw new NotFittedError('LinearSVC', what);
    return this.state;
  }

  private scores(where: string, X: MatrixOrSparse): { s: Float64Array; rows: number; cols: number; st: State } {
    const st = this.fitted(where.split('.')[1]);
    const x = readFeatures(where, X, st.nFeatures);
    const m = st.intercept.length;
    const d = st.nFeatures;
    const s = new Float64Array(x.rows * m);
    const all = Int32Array.from({ length: x.rows }, (_, i) => i);
    const rows = makeRows(x, all, -1);
    const w = new Float64Array(d);
    for (let c = 0; c < m; c++) {
      w.set(st.coef.subarray(c * d, (c + 1) * d));
      for (let i = 0; i < x.rows; i++) s[i * m + c] = rows.dot(i, w) + st.intercept[c];
    }
    return { s, rows: x.rows, cols: m, st };
  }

  /** Decision values: one per row for two classes (> 0: `classes[1]`), else rows × classes. */
  decisionFunction(X: MatrixOrSparse): number[] | number[][] {
    const { s, rows, cols } = this.scores('LinearSVC.decisionFunction', X);
    if (cols === 1) return Array.from(s);
    return Array.from({ length: rows }, (_, i) => Array.from(s.subarray(i * cols, (i + 1) * cols)));
  }

  /** The class with the largest decision value (first on ties). */
  predict(X: MatrixOrSparse): Label[] {
    const { s, rows, cols, st } = this.scores('LinearSVC.predict', X);
    const out: Label[] = new Array<Label>(rows);
    for (let i = 0; i < rows; i++) {
      if (cols === 1) {
        out[i] = st.classes[s[i] > 0 ? 1 : 0];
        continue;
      }
      let best = 0;
      for (let c = 1; c < cols; c++) if (s[i * cols + c] > s[i * cols + best]) best = c;
      out[i] = st.classes[best];
    }
    return out;
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixOrSparse, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`LinearSVC.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /** Weights, 1 × d for two classes, else classes × d (sklearn `coef_`). */
  get coef(): number[][] {
    const st = this.fitted('coef');
    const d = st.nFeatures;
    return Array.from({ length: st.intercept.length }, (_, c) => Array.from(st.coef.subarray(c * d, (c + 1) * d)));
  }

  /** Intercepts, one per row of `coef` (sklearn `intercept_`). */
  get intercept(): number[] {
    return Array.from(this.fitted('intercept').intercept);
  }

  /** Most outer iterations over the binary problems (sklearn `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Versioned JSON of the params and the weights. */
  toJSON(): LinearSVCJSON {
    const st = this.state;
    const rs = this.params.randomState;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, randomState: typeof rs === 'number' ? rs : rs.seed },
      fitted: st === undefined ? null : { classes: st.classes, nFeatures: st.nFeatures, coef: Array.from(st.coef), intercept: Array.from(st.intercept), nIter: st.nIter },
    };
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): LinearSVC {
    const o = checkFormat('LinearSVC.fromJSON', json, FORMAT, VERSION) as unknown as LinearSVCJSON;
    const model = new LinearSVC(o.params);
    const f = o.fitted;
    if (f !== null) {
      const m = f.classes.length === 2 ? 1 : f.classes.length;
      if (f.intercept.length !== m || f.coef.length !== m * f.nFeatures) {
        throw new RangeError(`LinearSVC.fromJSON: 'fitted' arrays must match ${f.classes.length} classes × ${f.nFeatures} features`);
      }
      model.state = { classes: f.classes, nFeatures: f.nFeatures, coef: Float64Array.from(f.coef), intercept: Float64Array.from(f.intercept), nIter: f.nIter };
    }
    return model;
  }
}

function makeRows(x: Features, take: Int32Array, bias: number): Rows {
  return x.kind === 'csr' ? csrRows(x.m, take, bias) : denseRows(x.m.data, x.cols, take, bias);
}

