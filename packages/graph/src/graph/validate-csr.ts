import { describe } from '../internal/describe.js';
import type { CsrArrays } from './csr-arrays.js';
import { transposeCsr } from './transpose-csr.js';

/**
 * Checks that `csr` is a valid adjacency over `n` nodes: monotone row pointers, sorted distinct
 * in-range columns per row, finite non-negative weights, and symmetry when `directed` is false.
 * `what` prefixes the error messages.
 */
export function validateCsr(n: number, csr: CsrArrays, directed: boolean, what: string): void {
  const { indptr, indices, weights } = csr;
  if (!(indptr instanceof Int32Array) || indptr.length !== n + 1) {
    throw new RangeError(`${what}: 'indptr' must be an Int32Array of length ${n + 1}; received ${describe(indptr)} of length ${indptr?.length}`);
  }
  if (!(indices instanceof Int32Array)) {
    throw new TypeError(`${what}: 'indices' must be an Int32Array; received ${describe(indices)}`);
  }
  if (indptr[0] !== 0 || indptr[n] !== indices.length) {
    throw new RangeError(`${what}: 'indptr' must start at 0 and end at indices.length = ${indices.length}; received ${indptr[0]} … ${indptr[n]}`);
  }
  for (let u = 0; u < n; u++) {
    const start = indptr[u];
    const end = indptr[u + 1];
    if (end < start) throw new RangeError(`${what}: 'indptr' must be non-decreasing; received indptr[${u}] = ${start} > indptr[${u + 1}] = ${end}`);
    for (let k = start; k < end; k++) {
      const c = indices[k];
      if (c < 0 || c >= n) throw new RangeError(`${what}: 'indices[${k}]' must be in [0, ${n}); received ${c}`);
      if (k > start && c <= indices[k - 1]) {
        throw new RangeError(`${what}: row ${u} must have strictly increasing column indices; received ${indices[k - 1]} then ${c}`);
      }
    }
  }
  if (weights !== null) {
    if (!(weights instanceof Float64Array) || weights.length !== indices.length) {
      throw new RangeError(`${what}: 'weights' must be null or a Float64Array of length ${indices.length}; received ${describe(weights)}`);
    }
    for (let k = 0; k < weights.length; k++) {
      const w = weights[k];
      if (!(w >= 0) || w === Infinity) throw new RangeError(`${what}: 'weights[${k}]' must be finite and >= 0; received ${w}`);
    }
  }
  if (!directed) {
    const t = transposeCsr(n, csr);
    for (let u = 0; u <= n; u++) {
      if (t.indptr[u] !== indptr[u]) {
        throw new RangeError(`${what}: an undirected graph needs a symmetric adjacency; row ${u} differs from column ${u}`);
      }
    }
    for (let k = 0; k < indices.length; k++) {
      if (t.indices[k] !== indices[k] || (weights !== null && t.weights![k] !== weights[k])) {
        throw new RangeError(`${what}: an undirected graph needs a symmetric adjacency; entry ${k} differs from its transpose`);
      }
    }
  }
}
