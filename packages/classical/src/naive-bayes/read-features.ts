/** Internal: naive Bayes inputs, dense or CSR, with the two products the discrete models need. */
import { CsrMatrix } from '@ml/core';
import type { MatrixInput, MatrixOrSparse } from '../base/matrix-input.js';
import { readMatrix, type Dense } from '../base/read-matrix.js';

/** A checked feature matrix: dense float64, or CSR as given. */
export type Features = { kind: 'dense'; m: Dense; rows: number; cols: number } | { kind: 'csr'; m: CsrMatrix; rows: number; cols: number };

/**
 * `readMatrix` with a fast path for typed `{data, shape}` input: one bulk copy (`new Float64Array`)
 * and a finiteness scan instead of `Float64Array.from` (which walks the iterator, ~10× slower).
 * Anything unusual (bad shape, non-finite values, arrays, wrong column count) goes to `readMatrix`,
 * so the checks and error messages are exactly its own. Used by the naive Bayes, k-means and
 * neighbour models. (The same one-line change inside `readMatrix` would make this unnecessary.)
 * @param copy false: a Float64Array input is returned as it is (no copy), for callers that only
 *   read it during the call.
 */
export function readDense(where: string, name: string, input: MatrixInput, cols?: number, copy = true): Dense {
  if (typeof input === 'object' && input !== null && !Array.isArray(input) && !('indptr' in input) && 'data' in input && 'shape' in input) {
    const { data, shape } = input;
    if ((data instanceof Float64Array || data instanceof Float32Array) && shape.length === 2) {
      const [rows, c] = shape;
      if (Number.isInteger(rows) && Number.isInteger(c) && rows > 0 && c > 0 && rows * c === data.length && (cols === undefined || c === cols)) {
        const out = !copy && data instanceof Float64Array ? data : new Float64Array(data);
        let ok = true;
        for (let k = 0; k < out.length; k++) {
          const v = out[k];
          if (v - v !== 0) {
            ok = false;
            break;
          }
        }
        if (ok) return { data: out, rows, cols: c };
      }
    }
  }
  return readMatrix(where, name, input, cols);
}

/** Checks `X` (dense or `CsrMatrix`): finite values, at least one row, `cols` features when given. */
export function readFeatures(where: string, X: MatrixOrSparse, cols?: number): Features {
  if (X instanceof CsrMatrix) {
    const [rows, c] = X.shape;
    if (rows === 0 || c === 0) throw new RangeError(`${where}: 'X' must have at least one row and one column; received shape [${rows}, ${c}]`);
    if (cols !== undefined && c !== cols) throw new RangeError(`${where}: 'X' must have ${cols} features (columns), as in fit; received ${c}`);
    for (let k = 0; k < X.data.length; k++) {
      if (!Number.isFinite(X.data[k])) throw new RangeError(`${where}: 'X' must hold finite numbers (no NaN or Infinity); received ${X.data[k]} at stored entry ${k}`);
    }
    return { kind: 'csr', m: X, rows, cols: c };
  }
  const m = readDense(where, 'X', X, cols);
  return { kind: 'dense', m, rows: m.rows, cols: m.cols };
}

/** Applies `fn` to every stored value (a copy: the caller's matrix is left alone). */
export function mapValues(x: Features, fn: (v: number) => number): Features {
  if (x.kind === 'dense') return { ...x, m: { ...x.m, data: x.m.data.map(fn) } };
  const data = Float64Array.from(x.m.data, fn);
  return { ...x, m: new CsrMatrix({ indptr: x.m.indptr, indices: x.m.indices, data, shape: x.m.shape }) };
}

/** The smallest stored value (0 counts for a CSR matrix with implicit zeros). */
export function minValue(x: Features): number {
  let min = Infinity;
  const data = x.m.data;
  for (let k = 0; k < data.length; k++) if (data[k] < min) min = data[k];
  if (x.kind === 'csr' && x.m.nnz < x.rows * x.cols) min = Math.min(min, 0);
  return min;
}

/** counts[c·d + j] += Σ_{i: y_i = c} X[i, j] (sklearn `Y.T @ X`). */
export function addFeatureCounts(x: Features, y: Int32Array, counts: Float64Array): void {
  const d = x.cols;
  if (x.kind === 'dense') {
    const { data } = x.m;
    for (let i = 0; i < x.rows; i++) {
      const base = y[i] * d;
      for (let j = 0; j < d; j++) counts[base + j] += data[i * d + j];
    }
    return;
  }
  const { indptr, indices, data } = x.m;
  for (let i = 0; i < x.rows; i++) {
    const base = y[i] * d;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) counts[base + indices[p]] += data[p];
  }
}

/** out[i·C + c] = Σ_j X[i, j] · W[c·d + j] (sklearn `X @ W.T`), n × C. */
export function linearScores(x: Features, W: Float64Array, C: number): Float64Array {
  const d = x.cols;
  const out = new Float64Array(x.rows * C);
  if (x.kind === 'dense') {
    const { data } = x.m;
    for (let i = 0; i < x.rows; i++) {
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += data[i * d + j] * W[c * d + j];
        out[i * C + c] = s;
      }
    }
    return out;
  }
  const { indptr, indices, data } = x.m;
  for (let i = 0; i < x.rows; i++) {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) s += data[p] * W[c * d + indices[p]];
      out[i * C + c] = s;
    }
  }
  return out;
}
