/**
 * Internal: the shared part of the discrete naive Bayes models (sklearn 1.2's `_BaseDiscreteNB`):
 * per-class feature counts (`Y.T @ X`), additive (Laplace/Lidstone) smoothing `alpha`, class priors,
 * `fit`/`partialFit`, versioned JSON. Subclasses give the feature log-probabilities and the joint
 * log-likelihood.
 */
import { checkFormat, checkNumber } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixOrSparse } from '../base/matrix-input.js';
import { BaseNB } from './base-nb.js';
import { addFeatureCounts, readFeatures, type Features } from './read-features.js';

/** Options every discrete naive Bayes model takes. */
export interface DiscreteNBParams {
  /** Additive smoothing (sklearn `alpha`); values below 1e-10 become 1e-10 unless `forceAlpha`. @default 1 */
  alpha?: number;
  /** Keep `alpha` even when below 1e-10 (sklearn `force_alpha`; 1.2's default 'warn' acts as false). @default false */
  forceAlpha?: boolean;
  /** Learn class priors from the data; false: uniform (sklearn `fit_prior`). @default true */
  fitPrior?: boolean;
  /** Fixed class priors in sorted-class order (sklearn `class_prior`); null: see `fitPrior`. @default null */
  classPrior?: readonly number[] | null;
}

/** Fitted state of a discrete naive Bayes model. */
export interface DiscreteState {
  classes: Label[];
  nFeatures: number;
  classCount: Float64Array; // [C]
  featureCount: Float64Array; // [C, d]
  classLogPrior: Float64Array; // [C]
  featureLogProb: Float64Array; // [C, d]
}

/** The JSON written by the discrete models' `toJSON()`. */
export interface DiscreteNBJSON {
  format: string;
  version: number;
  params: Record<string, unknown>;
  fitted: { classes: Label[]; nFeatures: number; classCount: number[]; featureCount: number[] } | null;
}

const VERSION = 1;

export abstract class DiscreteNB<P extends DiscreteNBParams> extends BaseNB {
  readonly params: Readonly<Required<P>>;
  protected state: DiscreteState | undefined;
  protected abstract readonly format: string;

  constructor(params: Required<P>) {
    super();
    this.params = params;
  }

  /** Checks and, if needed, transforms a batch (binarize, non-negative counts). */
  protected abstract prepare(where: string, x: Features): Features;
  /** Sets `featureLogProb` from the counts. */
  protected abstract updateFeatureLogProb(st: DiscreteState, alpha: number): void;
  /** Joint log-likelihood of a prepared batch, n × C. */
  protected abstract scores(x: Features, st: DiscreteState): Float64Array;

  /** Fits from scratch; returns `this`. */
  fit(X: MatrixOrSparse, y: readonly Label[]): this {
    this.state = undefined;
    checkLabels(`${this.estimatorName}.fit`, y);
    return this.update(`${this.estimatorName}.fit`, X, y, uniqueLabels(y));
  }

  /** Adds one batch; the first call needs `classes`, later calls reject labels outside them. */
  partialFit(X: MatrixOrSparse, y: readonly Label[], classes?: readonly Label[]): this {
    return this.update(`${this.estimatorName}.partialFit`, X, y, classes);
  }

  private update(where: string, X: MatrixOrSparse, y: readonly Label[], classes: readonly Label[] | undefined): this {
    const alpha = this.checkAlpha(where);
    const x = this.prepare(where, readFeatures(where, X, this.state?.nFeatures));
    checkLabels(where, y, x.rows);
    let st = this.state;
    if (st === undefined) {
      if (classes === undefined) throw new RangeError(`${where}: 'classes' must be given on the first call to partialFit; received undefined`);
      checkLabels(where, classes);
      const cls = uniqueLabels(classes);
      if (cls.length !== classes.length) throw new RangeError(`${where}: 'classes' must not repeat labels; received ${JSON.stringify(classes)}`);
      const C = cls.length;
      const d = x.cols;
      st = { classes: cls, nFeatures: d, classCount: new Float64Array(C), featureCount: new Float64Array(C * d), classLogPrior: new Float64Array(C), featureLogProb: new Float64Array(C * d) };
    }
    const yi = encodeLabels(where, y, st.classes);
    for (let i = 0; i < yi.length; i++) st.classCount[yi[i]] += 1;
    addFeatureCounts(x, yi, st.featureCount);
    this.updateFeatureLogProb(st, alpha);
    this.updateClassLogPrior(where, st);
    this.state = st;
    return this;
  }

  private checkAlpha(where: string): number {
    const { alpha, forceAlpha } = this.params as Required<DiscreteNBParams>;
    checkNumber(where, 'alpha', alpha, 0);
    return alpha < 1e-10 && !forceAlpha ? 1e-10 : alpha;
  }

  private updateClassLogPrior(where: string, st: DiscreteState): void {
    const C = st.classes.length;
    const { classPrior: prior, fitPrior } = this.params as Required<DiscreteNBParams>;
    if (prior !== null) {
      if (prior.length !== C) throw new RangeError(`${where}: 'classPrior' must have one entry per class (${C}); received ${prior.length}`);
      for (let c = 0; c < C; c++) st.classLogPrior[c] = Math.log(prior[c]);
    } else if (fitPrior) {
      const total = st.classCount.reduce((a, b) => a + b, 0);
      for (let c = 0; c < C; c++) st.classLogPrior[c] = Math.log(st.classCount[c]) - Math.log(total);
    } else {
      st.classLogPrior.fill(-Math.log(C));
    }
  }

  protected fittedClasses(): readonly Label[] | undefined {
    return this.state?.classes;
  }

  protected jointLogLikelihood(where: string, X: MatrixOrSparse): { jll: Float64Array; rows: number } {
    const st = this.fitted(where);
    const x = this.prepare(where, readFeatures(where, X, st.nFeatures));
    return { jll: this.scores(x, st), rows: x.rows };
  }

  protected fitted(what: string): DiscreteState {
    this.classesOrThrow(what);
    return this.state as DiscreteState;
  }

  private matrix(a: Float64Array, st: DiscreteState): number[][] {
    const d = st.nFeatures;
    return st.classes.map((_, c) => Array.from(a.subarray(c * d, (c + 1) * d)));
  }

  /** Rows seen per class (sklearn `class_count_`). */
  get classCount(): number[] {
    return Array.from(this.fitted('classCount').classCount);
  }

  /** Summed feature values per class, C × d (sklearn `feature_count_`). */
  get featureCount(): number[][] {
    const st = this.fitted('featureCount');
    return this.matrix(st.featureCount, st);
  }

  /** log P(c) (sklearn `class_log_prior_`). */
  get classLogPrior(): number[] {
    return Array.from(this.fitted('classLogPrior').classLogPrior);
  }

  /** Smoothed per-class feature log-probabilities (or weights), C × d (sklearn `feature_log_prob_`). */
  get featureLogProb(): number[][] {
    const st = this.fitted('featureLogProb');
    return this.matrix(st.featureLogProb, st);
  }

  /** Versioned JSON: params and counts (the log-probabilities are recomputed on load). */
  toJSON(): DiscreteNBJSON {
    const st = this.state;
    return {
      format: this.format,
      version: VERSION,
      params: { ...this.params, classPrior: this.params.classPrior === null ? null : [...this.params.classPrior] },
      fitted: st === undefined ? null : { classes: st.classes, nFeatures: st.nFeatures, classCount: Array.from(st.classCount), featureCount: Array.from(st.featureCount) },
    };
  }

  /** Restores counts written by `toJSON()` into this (unfitted) model; used by the subclasses' `fromJSON`. */
  protected restore(json: unknown): this {
    const o = checkFormat(`${this.estimatorName}.fromJSON`, json, this.format, VERSION) as unknown as DiscreteNBJSON;
    const f = o.fitted;
    if (f === null) return this;
    const C = f.classes.length;
    if (f.classCount.length !== C || f.featureCount.length !== C * f.nFeatures) {
      throw new RangeError(`${this.estimatorName}.fromJSON: 'fitted' arrays must match ${C} classes × ${f.nFeatures} features`);
    }
    const st: DiscreteState = {
      classes: f.classes, nFeatures: f.nFeatures, classCount: Float64Array.from(f.classCount), featureCount: Float64Array.from(f.featureCount),
      classLogPrior: new Float64Array(C), featureLogProb: new Float64Array(C * f.nFeatures),
    };
    const where = `${this.estimatorName}.fromJSON`;
    this.updateFeatureLogProb(st, this.checkAlpha(where));
    this.updateClassLogPrior(where, st);
    this.state = st;
    return this;
  }

  /** The `params` of a `toJSON()` payload, for the subclasses' `fromJSON`. */
  protected static paramsOf(json: unknown): Record<string, unknown> {
    const o = json as { params?: unknown };
    return typeof o === 'object' && o !== null && typeof o.params === 'object' && o.params !== null ? (o.params as Record<string, unknown>) : {};
  }
}
