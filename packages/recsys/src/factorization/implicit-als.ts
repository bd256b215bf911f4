/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky, "Collaborative filtering for implicit feedback
 * datasets", ICDM 2008) with the conjugate-gradient solver of Takács, Pilászy and Tikk (RecSys 2011)
 * as the `implicit` library's `least_squares_cg`: preference p_ui = 1 for stored entries, confidence
 * c_ui = 1 + alpha·r_ui, loss Σ c_ui (p_ui − x_u·y_i)² + λ(|X|² + |Y|²). Each iteration solves all
 * users with items fixed, then all items with users fixed, each row by `cgSteps` CG steps warm-
 * started from its current factors, without forming YᵀC_uY: A·v = (YᵀY + λI)v + Σ_i (c_ui − 1)(y_i·v) y_i.
 * Factors start uniform in [0, 0.01) (users, then items) from the seeded `Rng`. Single-threaded, so
 * the result depends only on the seed.
 */
import { Rng } from '@ml/core';
import { checkInt, checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import { solveSpd } from '../common/solve-spd.js';
import type { RawId } from '../data/id-map.js';
import type { InteractionMatrix } from '../data/interaction-matrix.js';
import { FactorModel } from '../serving/factor-model.js';

/** Options of `ImplicitAls` (the implicit library's names in camelCase). */
export interface ImplicitAlsOptions {
  /** @default 100 */
  factors?: number;
  /** λ. @default 0.01 */
  regularization?: number;
  /** Confidence weight: c = 1 + alpha·r. @default 1 */
  alpha?: number;
  /** @default 15 */
  iterations?: number;
  /** CG steps per row and half-iteration. @default 3 */
  cgSteps?: number;
  /** @default 0 */
  seed?: number;
}

export const IMPLICIT_ALS_DEFAULTS = { factors: 100, regularization: 0.01, alpha: 1, iterations: 15, cgSteps: 3, seed: 0 } as const satisfies Required<ImplicitAlsOptions>;

export class ImplicitAls extends FactorModel {
  protected readonly modelName = 'ImplicitAls';
  protected readonly clip = false;
  private get lambda(): number {
    return this.foldInParams.reg ?? IMPLICIT_ALS_DEFAULTS.regularization;
  }
  private get alphaValue(): number {
    return this.foldInParams.alpha ?? IMPLICIT_ALS_DEFAULTS.alpha;
  }

  constructor(readonly options: ImplicitAlsOptions = {}) {
    super();
  }

  fit(train: InteractionMatrix): this {
    const where = 'ImplicitAls.fit';
    const o = this.options;
    checkKnownKeys(where, o, Object.keys(IMPLICIT_ALS_DEFAULTS));
    const f = checkInt(where, 'factors', o.factors ?? IMPLICIT_ALS_DEFAULTS.factors, 1);
    const lambda = checkNumber(where, 'regularization', o.regularization ?? IMPLICIT_ALS_DEFAULTS.regularization, 0);
    const alpha = checkNumber(where, 'alpha', o.alpha ?? IMPLICIT_ALS_DEFAULTS.alpha, 0);
    const iterations = checkInt(where, 'iterations', o.iterations ?? IMPLICIT_ALS_DEFAULTS.iterations, 0);
    const cgSteps = checkInt(where, 'cgSteps', o.cgSteps ?? IMPLICIT_ALS_DEFAULTS.cgSteps, 1);
    for (let e = 0; e < train.nnz; e++) {
      if (train.values[e] < 0) throw new RangeError(`${where}: 'train' values must be >= 0 (counts); received ${train.values[e]} at entry ${e}`);
    }
    const rng = new Rng(checkSeed(where, o.seed ?? IMPLICIT_ALS_DEFAULTS.seed));
    this.fittedOn = undefined;
    const x = rng.fillUniform(new Float64Array(train.nUsers * f), 0, 0.01); // [nUsers, f]
    const y = rng.fillUniform(new Float64Array(train.nItems * f), 0, 0.01); // [nItems, f]
    const csc = train.csc();
    for (let it = 0; it < iterations; it++) {
      solveRows(train.indptr, train.indices, train.values, x, y, f, lambda, alpha, cgSteps);
      solveRows(csc.indptr, csc.indices, csc.values, y, x, f, lambda, alpha, cgSteps);
    }
    this.foldInParams = { reg: lambda, alpha };
    this.setFactors(train, { nFactors: f, globalMean: 0, userFactors: x, itemFactors: y, userBias: new Float64Array(train.nUsers), itemBias: new Float64Array(train.nItems), biased: false });
    return this;
  }

  /** Runs one more ALS iteration (users, then items) on the fitted factors; for benchmarks and warm restarts. */
  step(cgSteps = this.options.cgSteps ?? IMPLICIT_ALS_DEFAULTS.cgSteps): this {
    const s = this.factors;
    const train = this.trainData;
    const csc = train.csc();
    solveRows(train.indptr, train.indices, train.values, s.userFactors, s.itemFactors, s.nFactors, this.lambda, this.alphaValue, cgSteps);
    solveRows(csc.indptr, csc.indices, csc.values, s.itemFactors, s.userFactors, s.nFactors, this.lambda, this.alphaValue, cgSteps);
    return this;
  }

  /** Exact closed-form fold-in: (YᵀY + λI + Σ (c_i − 1) y_i y_iᵀ) x = Σ c_i y_i. */
  override foldInUser(interactions: Iterable<{ item: RawId; value?: number }>): { factors: Float64Array; bias: number } {
    const { items, values } = this.resolveInteractions(interactions);
    const s = this.factors;
    const f = s.nFactors;
    const a = gram(s.itemFactors, f, this.lambda);
    const b = new Float64Array(f);
    for (let t = 0; t < items.length; t++) {
      const off = items[t] * f;
      const c = 1 + this.alphaValue * values[t];
      for (let p = 0; p < f; p++) {
        b[p] += c * s.itemFactors[off + p];
        for (let q = 0; q < f; q++) a[p * f + q] += (c - 1) * s.itemFactors[off + p] * s.itemFactors[off + q];
      }
    }
    return { factors: solveSpd(a, b, f), bias: 0 };
  }
}

/** YᵀY + λI, [f, f]. */
function gram(y: Float64Array, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  const n = y.length / f;
  for (let i = 0; i < n; i++) {
    const off = i * f;
    for (let p = 0; p < f; p++) {
      const yp = y[off + p];
      for (let q = p; q < f; q++) g[p * f + q] += yp * y[off + q];
    }
  }
  for (let p = 0; p < f; p++) {
    g[p * f + p] += lambda;
    for (let q = 0; q < p; q++) g[p * f + q] = g[q * f + p];
  }
  return g;
}

/** Updates every row of `x` ([rows, f]) by CG against fixed `y`, rows given as CSR (indptr, indices, values). */
function solveRows(indptr: Int32Array, indices: Int32Array, values: Float64Array, x: Float64Array, y: Float64Array, f: number, lambda: number, alpha: number, cgSteps: number): void {
  const yty = gram(y, f, lambda);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const rows = indptr.length - 1;
  for (let u = 0; u < rows; u++) {
    const xo = u * f;
    // r = Σ c·y_i − (YᵀY + λI)x − Σ (c − 1)(y_i·x) y_i
    for (let a = 0; a < f; a++) {
      let s = 0;
      for (let b = 0; b < f; b++) s -= yty[a * f + b] * x[xo + b];
      r[a] = s;
    }
    for (let e = indptr[u]; e < indptr[u + 1]; e++) {
      const yo = indices[e] * f;
      const c = 1 + alpha * values[e];
      let d = 0;
      for (let a = 0; a < f; a++) d += y[yo + a] * x[xo + a];
      const w = c - (c - 1) * d;
      for (let a = 0; a < f; a++) r[a] += w * y[yo + a];
    }
    p.set(r);
    let rsOld = 0;
    for (let a = 0; a < f; a++) rsOld += r[a] * r[a];
    if (rsOld < 1e-20) continue;
    for (let step = 0; step < cgSteps; step++) {
      for (let a = 0; a < f; a++) {
        let s = 0;
        for (let b = 0; b < f; b++) s += yty[a * f + b] * p[b];
        ap[a] = s;
      }
      for (let e = indptr[u]; e < indptr[u + 1]; e++) {
        const yo = indices[e] * f;
        const cm1 = alpha * values[e];
        let d = 0;
        for (let a = 0; a < f; a++) d += y[yo + a] * p[a];
        const w = cm1 * d;
        for (let a = 0; a < f; a++) ap[a] += w * y[yo + a];
      }
      let pAp = 0;
      for (let a = 0; a < f; a++) pAp += p[a] * ap[a];
      const stepSize = rsOld / pAp;
      let rsNew = 0;
      for (let a = 0; a < f; a++) {
        x[xo + a] += stepSize * p[a];
        r[a] -= stepSize * ap[a];
        rsNew += r[a] * r[a];
      }
      if (rsNew < 1e-20) break;
      const beta = rsNew / rsOld;
      for (let a = 0; a < f; a++) p[a] = r[a] + beta * p[a];
      rsOld = rsNew;
    }
  }
}
