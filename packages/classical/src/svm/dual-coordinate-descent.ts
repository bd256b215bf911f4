/**
 * Internal: liblinear's dual coordinate descent for L2-regularised hinge (L1-loss) and squared-hinge
 * (L2-loss) SVMs, `solve_l2r_l1l2_svc` in linear.cpp — C.-J. Hsieh, K.-W. Chang, C.-J. Lin,
 * S. S. Keerthi and S. Sundararajan, "A dual coordinate descent method for large-scale linear SVM",
 * ICML 2008 — with its random order per outer iteration and shrinking of variables at a bound.
 *
 * Rows are read through {@link Rows} so dense and CSR inputs share the solver. The bias (intercept)
 * is liblinear's extra feature of constant value `bias` (its weight is regularised like the others).
 */
import type { Rng } from '@ml/core';

/** Row access for the solver: dense or CSR, with an optional constant bias feature appended. */
export interface Rows {
  n: number;
  /** Features, not counting the bias feature. */
  d: number;
  /** Value of the appended bias feature; ≤ 0: none. */
  bias: number;
  /** ⟨x_i, w⟩ (bias feature included when bias > 0; w has d + 1 entries then). */
  dot(i: number, w: Float64Array): number;
  /** w += a · x_i (bias feature included). */
  axpy(i: number, a: number, w: Float64Array): void;
  /** ‖x_i‖² (bias feature included). */
  squaredNorm(i: number): number;
}

export interface DualCdOptions {
  loss: 'hinge' | 'squared_hinge';
  eps: number;
  maxIter: number;
  rng: Rng;
}

/**
 * Solves one binary problem with labels y_i = ±1 and per-row C_i; returns w (d or d + 1 entries)
 * and the outer iterations used.
 */
export function dualCoordinateDescent(rows: Rows, y: Int8Array, C: Float64Array, opts: DualCdOptions): { w: Float64Array; nIter: number } {
  const l = rows.n;
  const wSize = rows.bias > 0 ? rows.d + 1 : rows.d;
  const w = new Float64Array(wSize);
  const alpha = new Float64Array(l);
  const QD = new Float64Array(l);
  const diag = new Float64Array(l);
  const upper = new Float64Array(l);
  const index = new Int32Array(l);
  const hinge = opts.loss === 'hinge';
  for (let i = 0; i < l; i++) {
    // squared hinge: D_ii = 1 / (2 C_i), no upper bound; hinge: D_ii = 0, α_i ≤ C_i
    diag[i] = hinge ? 0 : 0.5 / C[i];
    upper[i] = hinge ? C[i] : Infinity;
    QD[i] = diag[i] + rows.squaredNorm(i);
    index[i] = i;
  }
  let activeSize = l;
  let PGmaxOld = Infinity;
  let PGminOld = -Infinity;
  let iter = 0;
  while (iter < opts.maxIter) {
    let PGmaxNew = -Infinity;
    let PGminNew = Infinity;
    for (let i = 0; i < activeSize; i++) {
      const j = i + opts.rng.int(activeSize - i);
      const t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const yi = y[i];
      let G = yi * rows.dot(i, w) - 1;
      const Ci = upper[i];
      G += alpha[i] * diag[i];
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        } else if (G < 0) PG = G;
      } else if (alpha[i] === Ci) {
        if (G < PGminOld) {
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        } else if (G > 0) PG = G;
      } else {
        PG = G;
      }
      PGmaxNew = Math.max(PGmaxNew, PG);
      PGminNew = Math.min(PGminNew, PG);
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(alpha[i] - G / QD[i], 0), Ci);
        const delta = (alpha[i] - old) * yi;
        rows.axpy(i, delta, w);
      }
    }
    iter++;
    if (PGmaxNew - PGminNew <= opts.eps) {
      if (activeSize === l) break;
      // converged on the active set: check every variable again
      activeSize = l;
      PGmaxOld = Infinity;
      PGminOld = -Infinity;
      continue;
    }
    PGmaxOld = PGmaxNew;
    PGminOld = PGminNew;
    if (PGmaxOld <= 0) PGmaxOld = Infinity;
    if (PGminOld >= 0) PGminOld = -Infinity;
  }
  return { w, nIter: iter };
}
