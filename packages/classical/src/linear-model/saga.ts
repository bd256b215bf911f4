/**
 * Internal: SAGA for L1 / L2 / elastic-net penalised logistic regression.
 *
 * Reference: A. Defazio, F. Bach and S. Lacoste-Julien, "SAGA: A fast incremental gradient method
 * with support for non-strongly convex composite objectives", NIPS 2014. Objective and step size as
 * scikit-learn 1.2's `sag_solver(is_saga=True)`:
 *   (1/n) Σ_i s_i loss_i + α/(2n) ‖W‖² + β/n ‖W‖₁,   step = 1 / (2L + min(2α, L)),
 *   L = (¼ binary, ½ multinomial) · (max_i ‖x_i‖² + fitIntercept) · max_i s_i + α/n,
 * samples drawn uniformly with replacement, stopped when max|ΔW| / max|W| ≤ tol over an epoch.
 * Differences: the draws come from this package's `Rng` (not numpy's), and every step updates all
 * coefficients (no just-in-time lazy updates), so a step costs O(K·d) even for sparse rows.
 */
import type { Rng } from '@ml/core';
import { lossAndDerivative, type LogisticProblem } from './logistic-loss.js';

export interface SagaResult {
  w: Float64Array;
  nIter: number;
  converged: boolean;
}

/** Minimises the SAGA objective above with α = `alpha`, β = `beta` (both before the 1/n scaling). */
export function saga(p: LogisticProblem, alpha: number, beta: number, maxIter: number, tol: number, rng: Rng): SagaResult {
  const { x, y, sw, K, fitIntercept } = p;
  const n = x.rows;
  const d = x.cols;
  const nCoef = K * d;
  const alphaS = alpha / n;
  const betaS = beta / n;
  let maxSq = 0;
  let maxSw = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    if (x.kind === 'dense') for (let j = 0; j < d; j++) s += x.m.data[i * d + j] ** 2;
    else for (let q = x.m.indptr[i]; q < x.m.indptr[i + 1]; q++) s += x.m.data[q] ** 2;
    maxSq = Math.max(maxSq, s);
    maxSw = Math.max(maxSw, sw[i]);
  }
  const L = (K === 1 ? 0.25 : 0.5) * (maxSq + (fitIntercept ? 1 : 0)) * maxSw + alphaS;
  const step = 1 / (2 * L + Math.min(2 * n * alphaS, L));
  const thresh = step * betaS;

  const w = new Float64Array(nCoef + (fitIntercept ? K : 0));
  const prev = new Float64Array(nCoef);
  const memory = new Float64Array(n * K);
  const sumGrad = new Float64Array(w.length);
  const seen = new Uint8Array(n);
  let nSeen = 0;
  const z = new Float64Array(K);
  const r = new Float64Array(K);
  const corr = new Float64Array(K);
  for (let epoch = 1; epoch <= maxIter; epoch++) {
    prev.set(w.subarray(0, nCoef));
    for (let t = 0; t < n; t++) {
      const i = rng.int(n);
      if (seen[i] === 0) {
        seen[i] = 1;
        nSeen++;
      }
      // z = x_i · W + b
      for (let k = 0; k < K; k++) z[k] = fitIntercept ? w[nCoef + k] : 0;
      if (x.kind === 'dense') {
        const data = x.m.data;
        for (let k = 0; k < K; k++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += data[i * d + j] * w[k * d + j];
          z[k] += s;
        }
      } else {
        const { indptr, indices, data } = x.m;
        for (let k = 0; k < K; k++) for (let q = indptr[i]; q < indptr[i + 1]; q++) z[k] += data[q] * w[k * d + indices[q]];
      }
      lossAndDerivative(z, 0, K, y[i], r);
      for (let k = 0; k < K; k++) {
        const gk = r[k] * sw[i];
        corr[k] = gk - memory[i * K + k];
        memory[i * K + k] = gk;
      }
      // sumGrad += corr ⊗ x_i, and the step's own correction term
      if (x.kind === 'dense') {
        const data = x.m.data;
        for (let k = 0; k < K; k++) {
          const c = corr[k];
          if (c === 0) continue;
          for (let j = 0; j < d; j++) sumGrad[k * d + j] += c * data[i * d + j];
        }
      } else {
        const { indptr, indices, data } = x.m;
        for (let k = 0; k < K; k++) {
          const c = corr[k];
          if (c === 0) continue;
          for (let q = indptr[i]; q < indptr[i + 1]; q++) sumGrad[k * d + indices[q]] += c * data[q];
        }
      }
      // W ← prox(W − step (corr ⊗ x_i + sumGrad / nSeen + α/n W)); the corr term is added sparsely first.
      if (x.kind === 'dense') {
        const data = x.m.data;
        for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) w[k * d + j] -= step * corr[k] * data[i * d + j];
      } else {
        const { indptr, indices, data } = x.m;
        for (let k = 0; k < K; k++) for (let q = indptr[i]; q < indptr[i + 1]; q++) w[k * d + indices[q]] -= step * corr[k] * data[q];
      }
      const inv = 1 / nSeen;
      for (let j = 0; j < nCoef; j++) {
        let v = w[j] - step * (sumGrad[j] * inv + alphaS * w[j]);
        if (thresh > 0) v = v > thresh ? v - thresh : v < -thresh ? v + thresh : 0;
        w[j] = v;
      }
      if (fitIntercept) {
        for (let k = 0; k < K; k++) {
          sumGrad[nCoef + k] += corr[k];
          w[nCoef + k] -= step * (corr[k] + sumGrad[nCoef + k] * inv);
        }
      }
    }
    let maxChange = 0;
    let maxWeight = 0;
    for (let j = 0; j < nCoef; j++) {
      maxChange = Math.max(maxChange, Math.abs(w[j] - prev[j]));
      maxWeight = Math.max(maxWeight, Math.abs(w[j]));
    }
    if ((maxWeight !== 0 && maxChange / maxWeight <= tol) || (maxWeight === 0 && maxChange === 0)) return { w, nIter: epoch, converged: true };
  }
  return { w, nIter: maxIter, converged: false };
}
