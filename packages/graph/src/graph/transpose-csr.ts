import type { CsrArrays } from './csr-arrays.js';

/**
 * The transpose of a square CSR adjacency in O(n + nnz) by a counting sort over columns. Walking
 * rows in ascending order keeps every output row sorted.
 */
export function transposeCsr(n: number, csr: CsrArrays): CsrArrays {
  const { indptr, indices, weights } = csr;
  const nnz = indices.length;
  const outPtr = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) outPtr[indices[k] + 1]++;
  for (let v = 0; v < n; v++) outPtr[v + 1] += outPtr[v];
  const cursor = outPtr.slice(0, n);
  const outIndices = new Int32Array(nnz);
  const outWeights = weights ? new Float64Array(nnz) : null;
  for (let u = 0; u < n; u++) {
    for (let k = indptr[u], end = indptr[u + 1]; k < end; k++) {
      const p = cursor[indices[k]]++;
      outIndices[p] = u;
      if (outWeights) outWeights[p] = weights![k];
    }
  }
  return { indptr: outPtr, indices: outIndices, weights: outWeights };
}
