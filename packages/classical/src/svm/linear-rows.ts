/** Internal: dense and CSR row access for the linear solver, with liblinear's bias feature. */
import type { CsrMatrix } from '@ml/core';
import type { Rows } from './dual-coordinate-descent.js';

/** Rows of a row-major dense n × d matrix, restricted to `take` (row indices). */
export function denseRows(x: Float64Array, d: number, take: Int32Array, bias: number): Rows {
  const b = bias > 0 ? bias : 0;
  return {
    n: take.length,
    d,
    bias,
    dot(i, w) {
      const o = take[i] * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[o + t] * w[t];
      return b > 0 ? s + b * w[d] : s;
    },
    axpy(i, a, w) {
      const o = take[i] * d;
      for (let t = 0; t < d; t++) w[t] += a * x[o + t];
      if (b > 0) w[d] += a * b;
    },
    squaredNorm(i) {
      const o = take[i] * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[o + t] * x[o + t];
      return s + b * b;
    },
  };
}

/** Rows of a CSR matrix, restricted to `take` (row indices). */
export function csrRows(m: CsrMatrix, take: Int32Array, bias: number): Rows {
  const { indptr, indices, data } = m;
  const d = m.shape[1];
  const b = bias > 0 ? bias : 0;
  return {
    n: take.length,
    d,
    bias,
    dot(i, w) {
      const r = take[i];
      let s = 0;
      for (let p = indptr[r], e = indptr[r + 1]; p < e; p++) s += data[p] * w[indices[p]];
      return b > 0 ? s + b * w[d] : s;
    },
    axpy(i, a, w) {
      const r = take[i];
      for (let p = indptr[r], e = indptr[r + 1]; p < e; p++) w[indices[p]] += a * data[p];
      if (b > 0) w[d] += a * b;
    },
    squaredNorm(i) {
      const r = take[i];
      let s = 0;
      for (let p = indptr[r], e = indptr[r + 1]; p < e; p++) s += data[p] * data[p];
      return s + b * b;
    },
  };
}
