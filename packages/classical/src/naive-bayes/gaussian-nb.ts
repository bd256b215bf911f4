/**
 * Gaussian naive Bayes with scikit-learn 1.2's semantics (`sklearn.naive_bayes.GaussianNB`).
 *
 * Reference: T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise algorithm
 * for computing sample variances", 1979 (the per-class mean/variance update behind `partialFit`).
 * Each class has per-feature means θ and variances σ² + ε, ε = varSmoothing × the largest feature
 * variance of the batch being fitted (recomputed on every `partialFit` call, as sklearn does).
 */
import { checkFormat, checkNumber } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { readDense } from './read-features.js';
import { BaseNB } from './base-nb.js';

export interface GaussianNBParams {
  /** Prior probabilities of the classes (sklearn `priors`), in sorted-class order; null: from the data. @default null */
  priors?: readonly number[] | null;
  /** Portion of the largest feature variance added to every variance (sklearn `var_smoothing`). @default 1e-9 */
  varSmoothing?: number;
}

export const GAUSSIAN_NB_DEFAULTS = { priors: null, varSmoothing: 1e-9 } as const satisfies Required<GaussianNBParams>;

const FORMAT = 'ml-classical/gaussian-nb';
const VERSION = 1;

interface State {
  classes: Label[];
  theta: Float64Array; // [C, d]
  var: Float64Array; // [C, d], epsilon included
  classCount: Float64Array; // [C]
  epsilon: number;
  nFeatures: number;
}

/** The JSON written by `GaussianNB.toJSON()`. */
export interface GaussianNBJSON {
  format: string;
  version: number;
  params: { priors: number[] | null; varSmoothing: number };
  fitted: { classes: Label[]; theta: number[]; var: number[]; classCount: number[]; epsilon: number; nFeatures: number } | null;
}

/** Per-group column means and (population) variances, two passes over the rows: groups × d. */
function columnMoments(data: Float64Array, n: number, d: number, group: Int32Array, groups: number): { count: Float64Array; mean: Float64Array; variance: Float64Array } {
  const count = new Float64Array(groups);
  const mean = new Float64Array(groups * d);
  const variance = new Float64Array(groups * d);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    count[g]++;
    const o = g * d;
    const a = i * d;
    for (let j = 0; j < d; j++) mean[o + j] += data[a + j];
  }
  for (let g = 0; g < groups; g++) for (let j = 0; j < d; j++) mean[g * d + j] /= count[g] || 1;
  for (let i = 0; i < n; i++) {
    const o = group[i] * d;
    const a = i * d;
    for (let j = 0; j < d; j++) {
      const t = data[a + j] - mean[o + j];
      variance[o + j] += t * t;
    }
  }
  for (let g = 0; g < groups; g++) for (let j = 0; j < d; j++) variance[g * d + j] /= count[g] || 1;
  return { count, mean, variance };
}

export class GaussianNB extends BaseNB {
  readonly params: Readonly<Required<GaussianNBParams>>;
  protected readonly estimatorName = 'GaussianNB';
  private state: State | undefined;

  constructor(params: GaussianNBParams = {}) {
    super();
    this.params = { ...GAUSSIAN_NB_DEFAULTS, ...params };
  }

  /** Fits from scratch; returns `this`. */
  fit(X: MatrixInput, y: readonly Label[]): this {
    this.state = undefined;
    checkLabels('GaussianNB.fit', y);
    return this.update('GaussianNB.fit', X, y, uniqueLabels(y));
  }

  /**
   * Updates the model with one more batch. The first call needs `classes` (every label that will
   * ever be seen); later calls reject labels outside them.
   */
  partialFit(X: MatrixInput, y: readonly Label[], classes?: readonly Label[]): this {
    return this.update('GaussianNB.partialFit', X, y, classes);
  }

  private update(where: string, X: MatrixInput, y: readonly Label[], classes: readonly Label[] | undefined): this {
    checkNumber(where, 'varSmoothing', this.params.varSmoothing, 0);
    const x = readDense(where, 'X', X, this.state?.nFeatures, false);
    checkLabels(where, y, x.rows);
    const { rows: n, cols: d, data } = x;
    let st = this.state;
    let cls: Label[];
    if (st === undefined) {
      if (classes === undefined) throw new RangeError(`${where}: 'classes' must be given on the first call to partialFit; received undefined`);
      checkLabels(where, classes);
      cls = uniqueLabels(classes);
      if (cls.length !== classes.length) throw new RangeError(`${where}: 'classes' must not repeat labels; received ${JSON.stringify(classes)}`);
      this.checkPriors(where, cls.length);
    } else cls = st.classes;
    const yi = encodeLabels(where, y, cls);
    const C = cls.length;
    const batch = columnMoments(data, n, d, yi, C);
    // epsilon = var_smoothing · max_j var(X[:, j]) of this batch, the variance combined from the
    // per-class moments (Chan et al.'s parallel formula: Σ n_c (σ²_c + (μ_c − μ)²) / n) instead of
    // two more passes over X; it equals np.var to rounding.
    let maxVar = 0;
    for (let j = 0; j < d; j++) {
      let mu = 0;
      for (let c = 0; c < C; c++) mu += batch.count[c] * batch.mean[c * d + j];
      mu /= n;
      let v = 0;
      for (let c = 0; c < C; c++) {
        const t = batch.mean[c * d + j] - mu;
        v += batch.count[c] * (batch.variance[c * d + j] + t * t);
      }
      maxVar = Math.max(maxVar, v / n);
    }
    const epsilon = this.params.varSmoothing * maxVar;
    if (st === undefined) {
      st = { classes: cls, theta: new Float64Array(C * d), var: new Float64Array(C * d), classCount: new Float64Array(C), epsilon, nFeatures: d };
    } else {
      // sklearn subtracts the new batch's epsilon here (it sets epsilon_ first)
      for (let k = 0; k < st.var.length; k++) st.var[k] -= epsilon;
      st.epsilon = epsilon;
    }
    for (let c = 0; c < C; c++) {
      const nNew = batch.count[c];
      if (nNew === 0) continue;
      const nPast = st.classCount[c];
      for (let j = 0; j < d; j++) {
        const k = c * d + j;
        const mu = batch.mean[k];
        const v = batch.variance[k];
        if (nPast === 0) {
          st.theta[k] = mu;
          st.var[k] = v;
        } else {
          const total = nPast + nNew;
          const oldMu = st.theta[k];
          const ssd = nPast * st.var[k] + nNew * v + ((nNew * nPast) / total) * (oldMu - mu) ** 2;
          st.theta[k] = (nNew * mu + nPast * oldMu) / total;
          st.var[k] = ssd / total;
        }
      }
      st.classCount[c] += nNew;
    }
    for (let k = 0; k < st.var.length; k++) st.var[k] += epsilon;
    this.state = st;
    return this;
  }

  private checkPriors(where: string, C: number): void {
    const p = this.params.priors;
    if (p === null) return;
    if (p.length !== C) throw new RangeError(`${where}: 'priors' must have one entry per class (${C}); received ${p.length}`);
    let sum = 0;
    for (const v of p) {
      if (!(v >= 0)) throw new RangeError(`${where}: 'priors' must be non-negative; received ${JSON.stringify(p)}`);
      sum += v;
    }
    // np.isclose(sum, 1): |sum − 1| ≤ 1e-8 + 1e-5
    if (Math.abs(sum - 1) > 1e-8 + 1e-5) throw new RangeError(`${where}: 'priors' must sum to 1; received sum ${sum}`);
  }

  /** Class priors: `priors` when given, else class frequencies (sklearn `class_prior_`). */
  get classPrior(): number[] {
    const st = this.fitted('classPrior');
    if (this.params.priors !== null) return [...this.params.priors];
    const total = st.classCount.reduce((a, b) => a + b, 0);
    return Array.from(st.classCount, (c) => c / total);
  }

  /** Per-class feature means, C × d (sklearn `theta_`). */
  get theta(): number[][] {
    const st = this.fitted('theta');
    return Array.from(st.classes, (_, c) => Array.from(st.theta.subarray(c * st.nFeatures, (c + 1) * st.nFeatures)));
  }

  /** Per-class feature variances including epsilon, C × d (sklearn `var_`). */
  get var(): number[][] {
    const st = this.fitted('var');
    return Array.from(st.classes, (_, c) => Array.from(st.var.subarray(c * st.nFeatures, (c + 1) * st.nFeatures)));
  }

  /** Training rows seen per class (sklearn `class_count_`). */
  get classCount(): number[] {
    return Array.from(this.fitted('classCount').classCount);
  }

  /** The variance added for stability (sklearn `epsilon_`). */
  get epsilon(): number {
    return this.fitted('epsilon').epsilon;
  }

  protected fittedClasses(): readonly Label[] | undefined {
    return this.state?.classes;
  }

  protected jointLogLikelihood(where: string, X: MatrixInput): { jll: Float64Array; rows: number } {
    const st = this.fitted(where);
    const x = readDense(where, 'X', X, st.nFeatures, false);
    const d = st.nFeatures;
    const C = st.classes.length;
    const prior = this.classPrior;
    const jll = new Float64Array(x.rows * C);
    const base = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let logNorm = 0;
      for (let j = 0; j < d; j++) logNorm += Math.log(2 * Math.PI * st.var[c * d + j]);
      base[c] = Math.log(prior[c]) - 0.5 * logNorm;
    }
    const { theta, var: variance } = st;
    const data = x.data;
    for (let i = 0; i < x.rows; i++) {
      const a = i * d;
      for (let c = 0; c < C; c++) {
        const o = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const t = data[a + j] - theta[o + j];
          s += (t * t) / variance[o + j];
        }
        jll[i * C + c] = base[c] - 0.5 * s;
      }
    }
    return { jll, rows: x.rows };
  }

  /** Versioned JSON of the params and fitted state. */
  toJSON(): GaussianNBJSON {
    const st = this.state;
    return {
      format: FORMAT,
      version: VERSION,
      params: { priors: this.params.priors === null ? null : [...this.params.priors], varSmoothing: this.params.varSmoothing },
      fitted: st === undefined ? null : { classes: st.classes, theta: Array.from(st.theta), var: Array.from(st.var), classCount: Array.from(st.classCount), epsilon: st.epsilon, nFeatures: st.nFeatures },
    };
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): GaussianNB {
    const o = checkFormat('GaussianNB.fromJSON', json, FORMAT, VERSION) as unknown as GaussianNBJSON;
    const model = new GaussianNB(o.params);
    const f = o.fitted;
    if (f !== null) {
      const size = f.classes.length * f.nFeatures;
      if (f.theta.length !== size || f.var.length !== size || f.classCount.length !== f.classes.length) {
        throw new RangeError(`GaussianNB.fromJSON: 'fitted' arrays must match ${f.classes.length} classes × ${f.nFeatures} features`);
      }
      model.state = { classes: f.classes, theta: Float64Array.from(f.theta), var: Float64Array.from(f.var), classCount: Float64Array.from(f.classCount), epsilon: f.epsilon, nFeatures: f.nFeatures };
    }
    return model;
  }

  private fitted(what: string): State {
    this.classesOrThrow(what);
    return this.state as State;
  }
}
