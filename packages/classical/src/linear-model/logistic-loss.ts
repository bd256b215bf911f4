/**
 * Internal: the logistic objectives scikit-learn 1.2 minimises (`HalfBinomialLoss`,
 * `HalfMultinomialLoss` in `LinearModelLoss`), on dense or CSR features.
 *
 * Parameters are packed as K score columns (K = 1: binary, K = C: multinomial): `w[k·d + j]` is the
 * coefficient of feature j for column k, `w[K·d + k]` its intercept when fitted.
 *   binary:      loss_i = log(1 + e^{z_i}) − y_i z_i,            y_i ∈ {0, 1}
 *   multinomial: loss_i = log Σ_k e^{z_ik} − z_{i,y_i}
 *   f(w) = Σ_i s_i loss_i + l2/2 · ‖W‖²   (intercepts not penalised)
 */
import type { Features } from '../naive-bayes/read-features.js';

export interface LogisticProblem {
  x: Features;
  /** Binary: 0/1 targets; multinomial: class indices. */
  y: Int32Array;
  /** Sample weights, class weights included. */
  sw: Float64Array;
  /** Score columns: 1 (binary) or the number of classes. */
  K: number;
  fitIntercept: boolean;
}

/** z[i·K + k] = x_i · W_k + b_k (n × K). */
export function linearScores(x: Features, w: Float64Array, K: number, fitIntercept: boolean, out = new Float64Array(x.rows * K)): Float64Array {
  const d = x.cols;
  if (x.kind === 'dense') {
    const data = x.m.data;
    for (let i = 0; i < x.rows; i++) {
      const row = i * d;
      for (let k = 0; k < K; k++) {
        const wk = k * d;
        let s = fitIntercept ? w[K * d + k] : 0;
        for (let j = 0; j < d; j++) s += data[row + j] * w[wk + j];
        out[i * K + k] = s;
      }
    }
  } else {
    const { indptr, indices, data } = x.m;
    for (let i = 0; i < x.rows; i++) {
      for (let k = 0; k < K; k++) {
        const wk = k * d;
        let s = fitIntercept ? w[K * d + k] : 0;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) s += data[p] * w[wk + indices[p]];
        out[i * K + k] = s;
      }
    }
  }
  return out;
}

/** log(1 + e^z) without overflow. */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The logistic function 1 / (1 + e^{−z}) without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Per-sample loss and ∂loss/∂z (unweighted) for one row of scores `z[off … off+K)`: the loss is
 * returned, the derivative written to `r[off … off+K)`.
 */
export function lossAndDerivative(z: Float64Array, off: number, K: number, y: number, r: Float64Array): number {
  if (K === 1) {
    const zi = z[off];
    r[off] = sigmoid(zi) - y;
    return log1pExp(zi) - y * zi;
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, z[off + k]);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(z[off + k] - max);
    r[off + k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) r[off + k] /= sum;
  r[off + y] -= 1;
  return max + Math.log(sum) - z[off + y];
}

/** Adds Σ_i r[i·K + k] · x_i to g[k·d …] (and Σ_i r[i·K + k] to the intercepts). */
function addGradient(x: Features, r: Float64Array, K: number, fitIntercept: boolean, g: Float64Array): void {
  const d = x.cols;
  if (x.kind === 'dense') {
    const data = x.m.data;
    for (let i = 0; i < x.rows; i++) {
      const row = i * d;
      for (let k = 0; k < K; k++) {
        const rk = r[i * K + k];
        if (rk === 0) continue;
        const gk = k * d;
        for (let j = 0; j < d; j++) g[gk + j] += rk * data[row + j];
      }
    }
  } else {
    const { indptr, indices, data } = x.m;
    for (let i = 0; i < x.rows; i++) {
      for (let k = 0; k < K; k++) {
        const rk = r[i * K + k];
        if (rk === 0) continue;
        const gk = k * d;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) g[gk + indices[p]] += rk * data[p];
      }
    }
  }
  if (fitIntercept) {
    for (let i = 0; i < x.rows; i++) for (let k = 0; k < K; k++) g[K * d + k] += r[i * K + k];
  }
}

/** The objective f(w) with its gradient, for `lbfgs`. */
export function logisticObjective(p: LogisticProblem, l2: number): (w: Float64Array, g: Float64Array) => number {
  const { x, y, sw, K, fitIntercept } = p;
  const n = x.rows;
  const z = new Float64Array(n * K);
  const r = new Float64Array(n * K);
  const nCoef = K * x.cols;
  return (w, g) => {
    linearScores(x, w, K, fitIntercept, z);
    let f = 0;
    for (let i = 0; i < n; i++) {
      const s = sw[i];
      f += s * lossAndDerivative(z, i * K, K, y[i], r);
      for (let k = 0; k < K; k++) r[i * K + k] *= s;
    }
    g.fill(0);
    addGradient(x, r, K, fitIntercept, g);
    let pen = 0;
    for (let j = 0; j < nCoef; j++) {
      pen += w[j] * w[j];
      g[j] += l2 * w[j];
    }
    return f + 0.5 * l2 * pen;
  };
}
