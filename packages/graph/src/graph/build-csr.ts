import type { CsrArrays } from './csr-arrays.js';

/**
 * Builds sorted, duplicate-free CSR arrays from `m` edges `src[i] → dst[i]` over `n` nodes in
 * O(n + m) with two stable counting sorts (first by target, then by source, so each row comes out
 * sorted), then merges parallel edges by summing their weights. An undirected edge {u, v} is stored
 * as u → v and v → u; a self-loop once (as networkx's adjacency matrix does).
 *
 * Indices must already be validated integers in [0, n); weights finite and ≥ 0. When an unweighted
 * edge list holds parallel edges, the result gets weights (the edge multiplicities).
 */
export function buildCsr(
  n: number,
  m: number,
  src: ArrayLike<number>,
  dst: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  directed: boolean,
): CsrArrays {
  // 1. Count stored entries per target (mirrored entries too for undirected graphs).
  const byTargetPtr = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const s = src[i];
    const d = dst[i];
    byTargetPtr[d + 1]++;
    total++;
    if (!directed && s !== d) {
      byTargetPtr[s + 1]++;
      total++;
    }
  }
  if (total > 0x7fffffff) {
    throw new RangeError(`Graph: at most 2^31 − 1 stored edges are supported; received ${total}`);
  }
  for (let v = 0; v < n; v++) byTargetPtr[v + 1] += byTargetPtr[v];

  // 2. Stable scatter by target: sources grouped by target, in input order.
  const cursor = byTargetPtr.slice(0, n);
  const srcByTarget = new Int32Array(total);
  const wByTarget = weights ? new Float64Array(total) : null;
  const outCount = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const s = src[i];
    const d = dst[i];
    let k = cursor[d]++;
    srcByTarget[k] = s;
    outCount[s + 1]++;
    if (wByTarget) wByTarget[k] = weights![i];
    if (!directed && s !== d) {
      k = cursor[s]++;
      srcByTarget[k] = d;
      outCount[d + 1]++;
      if (wByTarget) wByTarget[k] = weights![i];
    }
  }

  // 3. Stable scatter by source, walking targets in ascending order: rows come out sorted.
  for (let v = 0; v < n; v++) outCount[v + 1] += outCount[v];
  const rowPtr = outCount;
  const rowCursor = rowPtr.slice(0, n);
  let indices = new Int32Array(total);
  let data = wByTarget ? new Float64Array(total) : null;
  for (let d = 0; d < n; d++) {
    for (let k = byTargetPtr[d], end = byTargetPtr[d + 1]; k < end; k++) {
      const p = rowCursor[srcByTarget[k]]++;
      indices[p] = d;
      if (data) data[p] = wByTarget![k];
    }
  }

  // 4. Merge parallel edges (now adjacent within each row).
  let hasDuplicates = false;
  for (let u = 0; u < n && !hasDuplicates; u++) {
    for (let k = rowPtr[u] + 1, end = rowPtr[u + 1]; k < end; k++) {
      if (indices[k] === indices[k - 1]) {
        hasDuplicates = true;
        break;
      }
    }
  }
  if (!hasDuplicates) return { indptr: rowPtr, indices, weights: data };
  if (!data) data = new Float64Array(total).fill(1);
  const indptr = new Int32Array(n + 1);
  let write = 0;
  for (let u = 0; u < n; u++) {
    const start = rowPtr[u];
    const end = rowPtr[u + 1];
    const rowStart = write;
    for (let k = start; k < end; k++) {
      if (write > rowStart && indices[write - 1] === indices[k]) {
        data[write - 1] += data[k];
      } else {
        indices[write] = indices[k];
        data[write] = data[k];
        write++;
      }
    }
    indptr[u + 1] = write;
  }
  indices = indices.slice(0, write);
  data = data.slice(0, write);
  return { indptr, indices, weights: data };
}
