/**
 * Logistic regression with scikit-learn 1.2's semantics (`sklearn.linear_model.LogisticRegression`).
 *
 * Minimises Σ_i s_i loss_i + (1/C)·((1 − ρ)/2 ‖W‖² + ρ ‖W‖₁) (ρ = 0 for 'l2', 1 for 'l1',
 * `l1Ratio` for 'elasticnet'; no penalty for 'none'), intercepts unpenalised, with the binomial loss
 * (binary, and each class against the rest for 'ovr') or the multinomial loss (C ≥ 3 classes under
 * 'auto'). Solvers: 'lbfgs' (L-BFGS, see `lbfgs.ts`; 'l2' or 'none') and 'saga' (Defazio et al.
 * 2014, see `saga.ts`; every penalty). Both converge to the unique optimum of a strictly convex
 * objective, so coefficients agree with scikit-learn's to the solvers' tolerance.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.LogisticRegression.html
 */
import { Rng, type SeedLike } from '@ml/core';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixOrSparse } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readFeatures } from '../naive-bayes/read-features.js';
import { lbfgs } from './lbfgs.js';
import { linearScores, logisticObjective, sigmoid, type LogisticProblem } from './logistic-loss.js';
import { saga } from './saga.js';
import { classWeights, readSampleWeight, type ClassWeight } from './weights.js';

export type LogisticPenalty = 'l2' | 'l1' | 'elasticnet' | 'none';

export interface LogisticRegressionParams {
  /** Penalty (sklearn `penalty`); null or 'none' for none (sklearn 1.2 accepts both). @default 'l2' */
  penalty?: LogisticPenalty | null;
  /** Inverse regularisation strength, > 0 (sklearn `C`). @default 1 */
  C?: number;
  /** Elastic-net mixing ρ in [0, 1], needed for 'elasticnet' (sklearn `l1_ratio`). @default null */
  l1Ratio?: number | null;
  /** 'lbfgs' ('l2', 'none') or 'saga' (all penalties) (sklearn `solver`). @default 'lbfgs' */
  solver?: 'lbfgs' | 'saga';
  /** lbfgs: largest |gradient| entry; saga: relative coefficient change per epoch (sklearn `tol`). @default 1e-4 */
  tol?: number;
  /** Iterations (lbfgs) or epochs (saga) (sklearn `max_iter`). @default 100 */
  maxIter?: number;
  /** Fit intercepts (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** Class weights (sklearn `class_weight`): 'balanced' or an object keyed by `String(label)`. @default null */
  classWeight?: ClassWeight;
  /** 'auto' (binary: one logistic; more classes: multinomial), 'ovr' or 'multinomial' (sklearn `multi_class`). @default 'auto' */
  multiClass?: 'auto' | 'ovr' | 'multinomial';
  /** Seed of saga's sample draws (sklearn `random_state`; sklearn's default is unseeded). @default 0 */
  randomState?: SeedLike;
}

export const LOGISTIC_REGRESSION_DEFAULTS = {
  penalty: 'l2',
  C: 1,
  l1Ratio: null,
  solver: 'lbfgs',
  tol: 1e-4,
  maxIter: 100,
  fitIntercept: true,
  classWeight: null,
  multiClass: 'auto',
  randomState: 0,
} as const satisfies Required<LogisticRegressionParams>;

const FORMAT = 'ml-classical/logistic-regression';
const VERSION = 1;

interface State {
  classes: Label[];
  /** Rows of `coef`: 1 for two classes, else C. */
  K: number;
  /** 'multinomial' (softmax probabilities) or 'ovr' (normalised sigmoids). */
  mode: 'ovr' | 'multinomial';
  coef: Float64Array; // [K, d]
  intercept: Float64Array; // [K]
  nIter: number[];
  nFeatures: number;
}

/** The JSON written by `LogisticRegression.toJSON()`. */
export interface LogisticRegressionJSON {
  format: string;
  version: number;
  params: Omit<Required<LogisticRegressionParams>, 'randomState'> & { randomState: number };
  fitted: { classes: Label[]; mode: 'ovr' | 'multinomial'; coef: number[]; intercept: number[]; nIter: number[]; nFeatures: number } | null;
}

export class LogisticRegression {
  readonly params: Readonly<Required<LogisticRegressionParams>>;
  private state: State | undefined;

  constructor(params: LogisticRegressionParams = {}) {
    this.params = { ...LOGISTIC_REGRESSION_DEFAULTS, ...params };
  }

  /**
   * Fits the model; returns `this`.
   * @param X dense matrix or `CsrMatrix`, n × d.
   * @param y n labels (numbers or strings), at least two classes.
   * @param sampleWeight n non-negative weights (sklearn `sample_weight`), multiplied by the class weights.
   */
  fit(X: MatrixOrSparse, y: readonly Label[], sampleWeight?: ArrayLike<number>): this {
    const where = 'LogisticRegression.fit';
    const { penalty: rawPenalty, C, l1Ratio, solver, tol, maxIter, fitIntercept, classWeight, multiClass } = this.params;
    const penalty: LogisticPenalty = rawPenalty === null ? 'none' : rawPenalty;
    checkOneOf(where, 'penalty', penalty, ['l2', 'l1', 'elasticnet', 'none']);
    checkOneOf(where, 'solver', solver, ['lbfgs', 'saga']);
    checkOneOf(where, 'multiClass', multiClass, ['auto', 'ovr', 'multinomial']);
    if (solver === 'lbfgs' && (penalty === 'l1' || penalty === 'elasticnet')) {
      throw new RangeError(`${where}: solver 'lbfgs' supports only penalty 'l2' or 'none'; received penalty '${penalty}' (use solver 'saga')`);
    }
    checkNumber(where, 'C', C, 0, false);
    checkNumber(where, 'tol', tol, 0);
    checkInt(where, 'maxIter', maxIter, 1);
    if (typeof fitIntercept !== 'boolean') throw new TypeError(`${where}: 'fitIntercept' must be a boolean; received ${JSON.stringify(fitIntercept)}`);
    let rho = penalty === 'l1' ? 1 : 0;
    if (penalty === 'elasticnet') {
      if (typeof l1Ratio !== 'number' || !(l1Ratio >= 0 && l1Ratio <= 1)) {
        throw new RangeError(`${where}: 'l1Ratio' must be a number in [0, 1] with penalty 'elasticnet'; received ${String(l1Ratio)}`);
      }
      rho = l1Ratio;
    }
    const x = readFeatures(where, X);
    checkLabels(where, y, x.rows);
    const classes = uniqueLabels(y);
    if (classes.length < 2) throw new RangeError(`${where}: 'y' must hold at least 2 classes; received only ${JSON.stringify(classes[0])}`);
    const yi = encodeLabels(where, y, classes);
    const sw = readSampleWeight(where, sampleWeight, x.rows);
    const nC = classes.length;
    const mode = multiClass === 'auto' ? (nC === 2 ? 'ovr' : 'multinomial') : multiClass;
    const strength = penalty === 'none' ? 0 : 1 / C;
    const rng = Rng.from(this.params.randomState);
    const d = x.cols;

    const solve = (p: LogisticProblem): { w: Float64Array; nIter: number } => {
      if (solver === 'lbfgs') {
        const w0 = new Float64Array(p.K * d + (fitIntercept ? p.K : 0));
        const r = lbfgs(logisticObjective(p, strength), w0, { maxIter, gtol: tol });
        return { w: r.x, nIter: r.nIter };
      }
      const r = saga(p, strength * (1 - rho), strength * rho, maxIter, tol, rng);
      return { w: r.w, nIter: r.nIter };
    };

    if (mode === 'multinomial') {
      const cw = classWeights(where, classWeight, classes, yi);
      const s = sw.map((v, i) => v * cw[yi[i]]);
      const { w, nIter } = solve({ x, y: yi, sw: s, K: nC, fitIntercept });
      const keep = nC === 2 ? 1 : 0; // sklearn keeps the second class's row for two classes
      const K = nC - keep;
      const coef = w.slice(keep * d, nC * d);
      const intercept = fitIntercept ? w.slice(nC * d + keep, nC * d + nC) : new Float64Array(K);
      this.state = { classes, K, mode, coef, intercept, nIter: [nIter], nFeatures: d };
      return this;
    }
    // One binary problem per class (only the second class when there are two).
    const targets = nC === 2 ? [1] : classes.map((_, c) => c);
    const coef = new Float64Array(targets.length * d);
    const intercept = new Float64Array(targets.length);
    const nIter: number[] = [];
    const dictWeights = classWeight === 'balanced' ? null : classWeights(where, classWeight, classes, yi);
    targets.forEach((c, k) => {
      const yb = Int32Array.from(yi, (v) => (v === c ? 1 : 0));
      const cw = dictWeights === null ? classWeights(where, 'balanced', [0, 1], yb) : null;
      const s = sw.map((v, i) => v * (cw === null ? (dictWeights as Float64Array)[yi[i]] : cw[yb[i]]));
      const r = solve({ x, y: yb, sw: s, K: 1, fitIntercept });
      coef.set(r.w.subarray(0, d), k * d);
      if (fitIntercept) intercept[k] = r.w[d];
      nIter.push(r.nIter);
    });
    this.state = { classes, K: targets.length, mode: 'ovr', coef, intercept, nIter, nFeatures: d };
    return this;
  }

  /**
   * Scores x·coefᵀ + intercept, n × K (sklearn `decision_function`). For two classes K = 1 (the
   * score of `classes[1]`; sklearn returns it as a 1-D array), else one column per class.
   */
  decisionFunction(X: MatrixOrSparse): number[][] {
    const st = this.fitted('decisionFunction');
    const z = this.scores('LogisticRegression.decisionFunction', X, st);
    return rows(z, z.length / st.K, st.K);
  }

  /** The most probable class of each row (first on ties). */
  predict(X: MatrixOrSparse): Label[] {
    const st = this.fitted('predict');
    const z = this.scores('LogisticRegression.predict', X, st);
    const n = z.length / st.K;
    const out = new Array<Label>(n);
    for (let i = 0; i < n; i++) {
      if (st.K === 1) {
        out[i] = st.classes[z[i] > 0 ? 1 : 0];
        continue;
      }
      let best = 0;
      for (let k = 1; k < st.K; k++) if (z[i * st.K + k] > z[i * st.K + best]) best = k;
      out[i] = st.classes[best];
    }
    return out;
  }

  /** Class probabilities, columns in `classes` order: softmax (multinomial) or normalised sigmoids (ovr). */
  predictProba(X: MatrixOrSparse): number[][] {
    const st = this.fitted('predictProba');
    const z = this.scores('LogisticRegression.predictProba', X, st);
    const n = z.length / st.K;
    const C = st.classes.length;
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      if (st.K === 1) {
        // binary multinomial: softmax of [−z, z] = sigmoid(2z); ovr: sigmoid(z)
        const p = sigmoid(st.mode === 'multinomial' ? 2 * z[i] : z[i]);
        out.push([1 - p, p]);
      } else if (st.mode === 'multinomial') {
        let max = -Infinity;
        for (let k = 0; k < C; k++) max = Math.max(max, z[i * C + k]);
        const e = Array.from({ length: C }, (_, k) => Math.exp(z[i * C + k] - max));
        const s = e.reduce((a, b) => a + b, 0);
        out.push(e.map((v) => v / s));
      } else {
        const e = Array.from({ length: C }, (_, k) => sigmoid(z[i * C + k]));
        const s = e.reduce((a, b) => a + b, 0);
        out.push(e.map((v) => v / s));
      }
    }
    return out;
  }

  /** Natural log of `predictProba`. */
  predictLogProba(X: MatrixOrSparse): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixOrSparse, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`LogisticRegression.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /** Coefficients, K × d (K = 1 for two classes) (sklearn `coef_`). */
  get coef(): number[][] {
    const st = this.fitted('coef');
    return rows(st.coef, st.K, st.nFeatures);
  }

  /** Intercepts, K entries (zeros without `fitIntercept`) (sklearn `intercept_`). */
  get intercept(): number[] {
    return Array.from(this.fitted('intercept').intercept);
  }

  /** Iterations (lbfgs) or epochs (saga) used: one entry for multinomial, one per binary problem for ovr (sklearn `n_iter_`). */
  get nIter(): number[] {
    return [...this.fitted('nIter').nIter];
  }

  /** Features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Versioned JSON of the params and fitted state (`LogisticRegression.fromJSON` reads it back). */
  toJSON(): LogisticRegressionJSON {
    const st = this.state;
    const rs = this.params.randomState;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, randomState: typeof rs === 'number' ? rs : rs.seed },
      fitted: st === undefined ? null : { classes: st.classes, mode: st.mode, coef: Array.from(st.coef), intercept: Array.from(st.intercept), nIter: st.nIter, nFeatures: st.nFeatures },
    };
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): LogisticRegression {
    const o = checkFormat('LogisticRegression.fromJSON', json, FORMAT, VERSION) as unknown as LogisticRegressionJSON;
    const model = new LogisticRegression(o.params);
    const f = o.fitted;
    if (f !== null) {
      const K = f.intercept.length;
      if (f.coef.length !== K * f.nFeatures || (K !== 1 && K !== f.classes.length) || !f.coef.every(Number.isFinite)) {
        throw new RangeError(`LogisticRegression.fromJSON: 'fitted.coef' must hold ${K} × ${f.nFeatures} finite numbers; received ${f.coef.length}`);
      }
      model.state = { classes: f.classes, K, mode: f.mode, coef: Float64Array.from(f.coef), intercept: Float64Array.from(f.intercept), nIter: f.nIter, nFeatures: f.nFeatures };
    }
    return model;
  }

  private scores(where: string, X: MatrixOrSparse, st: State): Float64Array {
    const x = readFeatures(where, X, st.nFeatures);
    const w = new Float64Array(st.K * (st.nFeatures + 1));
    w.set(st.coef);
    w.set(st.intercept, st.K * st.nFeatures);
    return linearScores(x, w, st.K, true);
  }

  private fitted(what: string): State {
    if (this.state === undefined) throw new NotFittedError('LogisticRegression', what);
    return this.state;
  }
}

function rows(a: Float64Array, n: number, cols: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
}
