/**
 * Linear classifiers by stochastic gradient descent, with scikit-learn 1.2's semantics
 * (`sklearn.linear_model.SGDClassifier`, a port of `plain_sgd` in `_sgd_fast.pyx`).
 *
 * References: L. Bottou, "Stochastic gradient descent tricks", 2012 (the 'optimal' schedule
 * η_t = 1 / (α (t₀ + t − 1)) with t₀ from the loss's slope at −√(1/√α), and the scaled weight
 * vector w = s·v that makes the L2 shrink O(1)); Y. Tsuruoka, J. Tsujii and S. Ananiadou,
 * "Stochastic gradient descent training for L1-regularized log-linear models with cumulative
 * penalty", ACL 2009 (the L1 part). Multiclass is one-vs-all, as sklearn. Each epoch visits the
 * samples in a seeded shuffled order; training stops once the epoch's summed loss has not improved
 * by tol·n for `nIterNoChange` epochs in a row. The shuffles come from this package's `Rng`, not
 * numpy's, so results differ from sklearn's run by run while matching it in distribution.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.SGDClassifier.html
 */
import { Rng, type SeedLike } from '@ml/core';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixOrSparse } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readFeatures, type Features } from '../naive-bayes/read-features.js';
import { linearScores, sigmoid } from './logistic-loss.js';
import { classWeights, readSampleWeight, type ClassWeight } from './weights.js';

export type SGDLoss = 'hinge' | 'log_loss' | 'modified_huber';

export interface SGDClassifierParams {
  /** 'hinge' (linear SVM), 'log_loss' (logistic regression) or 'modified_huber' (sklearn `loss`). @default 'hinge' */
  loss?: SGDLoss;
  /** 'l2', 'l1', 'elasticnet' or 'none' (sklearn `penalty`; null works too). @default 'l2' */
  penalty?: 'l2' | 'l1' | 'elasticnet' | 'none' | null;
  /** Regularisation strength, also sets the 'optimal' learning rate (sklearn `alpha`). @default 0.0001 */
  alpha?: number;
  /** Elastic-net mixing, used with 'elasticnet' (sklearn `l1_ratio`). @default 0.15 */
  l1Ratio?: number;
  /** Fit intercepts (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** Most epochs (sklearn `max_iter`). @default 1000 */
  maxIter?: number;
  /** Stop when an epoch's summed loss improves by less than tol·n, `nIterNoChange` times in a row; null never stops early (sklearn `tol`). @default 0.001 */
  tol?: number | null;
  /** Epochs without improvement before stopping (sklearn `n_iter_no_change`). @default 5 */
  nIterNoChange?: number;
  /** Shuffle the samples every epoch (sklearn `shuffle`). @default true */
  shuffle?: boolean;
  /** Seed of the shuffles (sklearn `random_state`; sklearn's default is unseeded). @default 0 */
  randomState?: SeedLike;
  /** Class weights (sklearn `class_weight`): 'balanced' or an object keyed by `String(label)`. @default null */
  classWeight?: ClassWeight;
}

export const SGD_CLASSIFIER_DEFAULTS = {
  loss: 'hinge',
  penalty: 'l2',
  alpha: 0.0001,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 0.001,
  nIterNoChange: 5,
  shuffle: true,
  randomState: 0,
  classWeight: null,
} as const satisfies Required<SGDClassifierParams>;

const FORMAT = 'ml-classical/sgd-classifier';
const VERSION = 1;
const MAX_DLOSS = 1e12;

interface State {
  classes: Label[];
  K: number;
  coef: Float64Array; // [K, d]
  intercept: Float64Array; // [K]
  nIter: number;
  nFeatures: number;
}

/** The JSON written by `SGDClassifier.toJSON()`. */
export interface SGDClassifierJSON {
  format: string;
  version: number;
  params: Omit<Required<SGDClassifierParams>, 'randomState'> & { randomState: number };
  fitted: { classes: Label[]; coef: number[]; intercept: number[]; nIter: number; nFeatures: number } | null;
}

/** loss(p, y) and its derivative in p, y ∈ {−1, +1} (sklearn's `Hinge(1)`, `Log`, `ModifiedHuber`). */
const LOSSES: Record<SGDLoss, { loss(p: number, y: number): number; dloss(p: number, y: number): number }> = {
  hinge: {
    loss: (p, y) => Math.max(0, 1 - p * y),
    dloss: (p, y) => (p * y <= 1 ? -y : 0),
  },
  log_loss: {
    loss: (p, y) => {
      const z = p * y;
      return z > 18 ? Math.exp(-z) : z < -18 ? -z : Math.log1p(Math.exp(-z));
    },
    dloss: (p, y) => {
      const z = p * y;
      return z > 18 ? -y * Math.exp(-z) : z < -18 ? -y : -y / (Math.exp(z) + 1);
    },
  },
  modified_huber: {
    loss: (p, y) => {
      const z = p * y;
      return z >= 1 ? 0 : z >= -1 ? (1 - z) * (1 - z) : -4 * z;
    },
    dloss: (p, y) => {
      const z = p * y;
      return z >= 1 ? 0 : z >= -1 ? -2 * (1 - z) * y : -4 * y;
    },
  },
};

interface BinaryOptions {
  loss: SGDLoss;
  penalty: 'l2' | 'l1' | 'elasticnet' | 'none';
  alpha: number;
  l1Ratio: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number | null;
  nIterNoChange: number;
  shuffle: boolean;
}

/** One binary problem (targets ±1): sklearn's `plain_sgd` with the 'optimal' schedule. */
function plainSgd(x: Features, y: Float64Array, sw: Float64Array, o: BinaryOptions, rng: Rng): { w: Float64Array; b: number; nIter: number } {
  const n = x.rows;
  const d = x.cols;
  const { loss, dloss } = LOSSES[o.loss];
  const l1Ratio = o.penalty === 'l1' ? 1 : o.penalty === 'l2' || o.penalty === 'none' ? 0 : o.l1Ratio;
  const alpha = o.alpha;
  const w = new Float64Array(d); // true weights are wscale · w
  let wscale = 1;
  let b = 0;
  const q = o.penalty === 'l1' || o.penalty === 'elasticnet' ? new Float64Array(d) : undefined;
  let u = 0;
  const decay = x.kind === 'csr' ? 0.01 : 1;
  const typw = Math.sqrt(1 / Math.sqrt(alpha));
  const eta0 = typw / Math.max(1, dloss(-typw, 1));
  const optimalInit = 1 / (eta0 * alpha);
  let t = 1;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let bestLoss = Infinity;
  let noImprovement = 0;
  let epoch = 0;
  const dense = x.kind === 'dense' ? x.m.data : undefined;
  const csr = x.kind === 'csr' ? x.m : undefined;
  for (; epoch < o.maxIter; epoch++) {
    if (o.shuffle) rng.shuffle(order);
    let sumLoss = 0;
    for (let s = 0; s < n; s++) {
      const i = order[s];
      const eta = 1 / (alpha * (optimalInit + t - 1));
      let dot = 0;
      if (dense) for (let j = 0; j < d; j++) dot += dense[i * d + j] * w[j];
      else for (let p = csr!.indptr[i]; p < csr!.indptr[i + 1]; p++) dot += csr!.data[p] * w[csr!.indices[p]];
      const pred = dot * wscale + b;
      sumLoss += loss(pred, y[i]);
      const g = Math.min(MAX_DLOSS, Math.max(-MAX_DLOSS, dloss(pred, y[i])));
      const update = -eta * g * sw[i];
      if (o.penalty === 'l2' || o.penalty === 'elasticnet') {
        wscale *= Math.max(0, 1 - (1 - l1Ratio) * eta * alpha);
        if (wscale < 1e-9) {
          for (let j = 0; j < d; j++) w[j] *= wscale;
          wscale = 1;
        }
      }
      if (update !== 0) {
        const c = update / wscale;
        if (dense) for (let j = 0; j < d; j++) w[j] += dense[i * d + j] * c;
        else for (let p = csr!.indptr[i]; p < csr!.indptr[i + 1]; p++) w[csr!.indices[p]] += csr!.data[p] * c;
        if (o.fitIntercept) b += update * decay;
      }
      if (q !== undefined) {
        u += l1Ratio * eta * alpha;
        const visit = (j: number): void => {
          const z = w[j];
          if (wscale * z > 0) w[j] = Math.max(0, w[j] - (u + q[j]) / wscale);
          else if (wscale * z < 0) w[j] = Math.min(0, w[j] + (u - q[j]) / wscale);
          q[j] += wscale * (w[j] - z);
        };
        if (dense) for (let j = 0; j < d; j++) visit(j);
        else for (let p = csr!.indptr[i]; p < csr!.indptr[i + 1]; p++) visit(csr!.indices[p]);
      }
      t++;
    }
    if (!Number.isFinite(b) || !w.every(Number.isFinite)) {
      throw new RangeError(`SGDClassifier.fit: the weights overflowed in epoch ${epoch + 1}; scale the features (e.g. StandardScaler) or raise 'alpha'`);
    }
    if (o.tol !== null) {
      if (sumLoss > bestLoss - o.tol * n) noImprovement++;
      else noImprovement = 0;
      if (sumLoss < bestLoss) bestLoss = sumLoss;
      if (noImprovement >= o.nIterNoChange) {
        epoch++;
        break;
      }
    }
  }
  for (let j = 0; j < d; j++) w[j] *= wscale;
  return { w, b, nIter: Math.min(epoch, o.maxIter) };
}

export class SGDClassifier {
  readonly params: Readonly<Required<SGDClassifierParams>>;
  private state: State | undefined;

  constructor(params: SGDClassifierParams = {}) {
    this.params = { ...SGD_CLASSIFIER_DEFAULTS, ...params };
  }

  /** Fits one-vs-all linear classifiers by SGD; returns `this`. */
  fit(X: MatrixOrSparse, y: readonly Label[], sampleWeight?: ArrayLike<number>): this {
    const where = 'SGDClassifier.fit';
    const p = this.params;
    const penalty = p.penalty === null ? 'none' : p.penalty;
    checkOneOf(where, 'loss', p.loss, ['hinge', 'log_loss', 'modified_huber']);
    checkOneOf(where, 'penalty', penalty, ['l2', 'l1', 'elasticnet', 'none']);
    checkNumber(where, 'alpha', p.alpha, 0, false);
    checkNumber(where, 'l1Ratio', p.l1Ratio, 0);
    if (p.l1Ratio > 1) throw new RangeError(`${where}: 'l1Ratio' must be a number in [0, 1]; received ${p.l1Ratio}`);
    checkInt(where, 'maxIter', p.maxIter, 1);
    checkInt(where, 'nIterNoChange', p.nIterNoChange, 1);
    if (p.tol !== null) checkNumber(where, 'tol', p.tol, -Infinity);
    const x = readFeatures(where, X);
    checkLabels(where, y, x.rows);
    const classes = uniqueLabels(y);
    if (classes.length < 2) throw new RangeError(`${where}: 'y' must hold at least 2 classes; received only ${JSON.stringify(classes[0])}`);
    const yi = encodeLabels(where, y, classes);
    const sw = readSampleWeight(where, sampleWeight, x.rows);
    const cw = classWeights(where, p.classWeight, classes, yi);
    const rng = Rng.from(p.randomState);
    const opts: BinaryOptions = { ...p, penalty };
    const targets = classes.length === 2 ? [1] : classes.map((_, c) => c);
    const d = x.cols;
    const coef = new Float64Array(targets.length * d);
    const intercept = new Float64Array(targets.length);
    let nIter = 0;
    targets.forEach((c, k) => {
      const yb = Float64Array.from(yi, (v) => (v === c ? 1 : -1));
      // sklearn: binary uses (weight of classes[1], weight of classes[0]); one-vs-all uses (weight of c, 1)
      const neg = classes.length === 2 ? cw[0] : 1;
      const s = sw.map((v, i) => v * (yb[i] > 0 ? cw[c] : neg));
      const r = plainSgd(x, yb, s, opts, rng.fork());
      coef.set(r.w, k * d);
      intercept[k] = r.b;
      nIter = Math.max(nIter, r.nIter);
    });
    this.state = { classes, K: targets.length, coef, intercept, nIter, nFeatures: d };
    return this;
  }

  /** Scores x·coefᵀ + intercept, n × K (K = 1 for two classes: the score of `classes[1]`). */
  decisionFunction(X: MatrixOrSparse): number[][] {
    const st = this.fitted('decisionFunction');
    const z = this.scores('SGDClassifier.decisionFunction', X, st);
    return Array.from({ length: z.length / st.K }, (_, i) => Array.from(z.subarray(i * st.K, (i + 1) * st.K)));
  }

  /** The class with the largest score (first on ties). */
  predict(X: MatrixOrSparse): Label[] {
    const st = this.fitted('predict');
    const z = this.scores('SGDClassifier.predict', X, st);
    const n = z.length / st.K;
    return Array.from({ length: n }, (_, i) => {
      if (st.K === 1) return st.classes[z[i] > 0 ? 1 : 0];
      let best = 0;
      for (let k = 1; k < st.K; k++) if (z[i * st.K + k] > z[i * st.K + best]) best = k;
      return st.classes[best];
    });
  }

  /**
   * Class probabilities, for 'log_loss' (sigmoids, normalised across classes one-vs-all) and
   * 'modified_huber' ((clip(score, −1, 1) + 1) / 2, normalised; all-zero rows uniform), as sklearn.
   */
  predictProba(X: MatrixOrSparse): number[][] {
    const st = this.fitted('predictProba');
    const loss = this.params.loss;
    if (loss === 'hinge') throw new TypeError(`SGDClassifier.predictProba: needs loss 'log_loss' or 'modified_huber'; received loss 'hinge'`);
    const z = this.scores('SGDClassifier.predictProba', X, st);
    const n = z.length / st.K;
    const C = st.classes.length;
    const f = loss === 'log_loss' ? sigmoid : (v: number) => (Math.min(1, Math.max(-1, v)) + 1) / 2;
    return Array.from({ length: n }, (_, i) => {
      if (st.K === 1) {
        const p = f(z[i]);
        return [1 - p, p];
      }
      const row = Array.from({ length: C }, (_, k) => f(z[i * C + k]));
      const s = row.reduce((a, b) => a + b, 0);
      return s === 0 ? row.map(() => 1 / C) : row.map((v) => v / s);
    });
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixOrSparse, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`SGDClassifier.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    return pred.filter((v, i) => v === y[i]).length / pred.length;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /** Coefficients, K × d (K = 1 for two classes) (sklearn `coef_`). */
  get coef(): number[][] {
    const st = this.fitted('coef');
    return Array.from({ length: st.K }, (_, k) => Array.from(st.coef.subarray(k * st.nFeatures, (k + 1) * st.nFeatures)));
  }

  /** Intercepts, K entries (sklearn `intercept_`). */
  get intercept(): number[] {
    return Array.from(this.fitted('intercept').intercept);
  }

  /** Epochs run, the most over the one-vs-all problems (sklearn `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  /** Versioned JSON of the params and fitted state (`SGDClassifier.fromJSON` reads it back). */
  toJSON(): SGDClassifierJSON {
    const st = this.state;
    const rs = this.params.randomState;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, randomState: typeof rs === 'number' ? rs : rs.seed },
      fitted: st === undefined ? null : { classes: st.classes, coef: Array.from(st.coef), intercept: Array.from(st.intercept), nIter: st.nIter, nFeatures: st.nFeatures },
    };
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): SGDClassifier {
    const o = checkFormat('SGDClassifier.fromJSON', json, FORMAT, VERSION) as unknown as SGDClassifierJSON;
    const model = new SGDClassifier(o.params);
    const f = o.fitted;
    if (f !== null) {
      const K = f.intercept.length;
      if (f.coef.length !== K * f.nFeatures || (K !== 1 && K !== f.classes.length) || !f.coef.every(Number.isFinite)) {
        throw new RangeError(`SGDClassifier.fromJSON: 'fitted.coef' must hold ${K} × ${f.nFeatures} finite numbers; received ${f.coef.length}`);
      }
      model.state = { classes: f.classes, K, coef: Float64Array.from(f.coef), intercept: Float64Array.from(f.intercept), nIter: f.nIter, nFeatures: f.nFeatures };
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
    if (this.state === undefined) throw new NotFittedError('SGDClassifier', what);
    return this.state;
  }
}
