/**
 * CSR transpose in O(nnz + rows + cols): a counting sort of the entries by column (scipy's
 * `csr_tocsc`, sparsetools/csr.h). Rows are visited in order, so every row of the result has sorted
 * column indices; duplicates are kept.
 */
import type { CsrParts } from './csr-types.js';

export function transposeCsr(a: CsrParts): CsrParts {
  const [rows, cols] = a.shape;
  const { indptr, indices, data } = a;
  const nnz = indptr[rows];
  const tIndptr = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) tIndptr[indices[p] + 1]++;
  for (let j = 0; j < cols; j++) tIndptr[j + 1] += tIndptr[j];
  const next = tIndptr.slice(0, cols);
  const tIndices = new Int32Array(nnz);
  const tData = data instanceof Float64Array ? new Float64Array(nnz) : new Float32Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) {
      const dest = next[indices[p]]++;
      tIndices[dest] = i;
      tData[dest] = data[p];
    }
  }
  return { indptr: tIndptr, indices: tIndices, data: tData, shape: [cols, rows] };
}
