/**
 * COO triplets → CSR in O(nnz + rows + cols), the conversion of scipy's `coo_matrix.tocsr()`
 * followed by `sum_duplicates()` (Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed.,
 * §3.4; scipy/sparse/sparsetools/coo.h `coo_tocsr`, csr.h `csr_sum_duplicates`).
 *
 * Two stable counting-sort passes (by column, then by row) leave each row's column indices sorted
 * and duplicates adjacent in input order; no comparison sort, no per-element allocation. Duplicates
 * are then summed by `mergeDuplicates`.
 * Inputs are assumed checked by the caller.
 */
import type { CsrParts, SparseDtype } from './csr-types.js';
import { mergeDuplicates } from './merge-duplicates.js';

export function cooToCsr(
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  values: ArrayLike<number>,
  shape: readonly [number, number],
  dtype: SparseDtype,
  sumDuplicates: boolean,
): CsrParts {
  const [nRows, nCols] = shape;
  const nnz = values.length;

  // Pass 1: order the entries by column (stable).
  const colStart = new Int32Array(nCols + 1);
  for (let p = 0; p < nnz; p++) colStart[cols[p] + 1]++;
  for (let j = 0; j < nCols; j++) colStart[j + 1] += colStart[j];
  const byCol = new Int32Array(nnz);
  for (let p = 0; p < nnz; p++) byCol[colStart[cols[p]]++] = p;

  // Pass 2: scatter by row in column order, so each row comes out sorted by column.
  const indptr = new Int32Array(nRows + 1);
  for (let p = 0; p < nnz; p++) indptr[rows[p] + 1]++;
  for (let i = 0; i < nRows; i++) indptr[i + 1] += indptr[i];
  const next = indptr.slice(0, nRows);
  const indices = new Int32Array(nnz);
  const data = dtype === 'float64' ? new Float64Array(nnz) : new Float32Array(nnz);
  for (let q = 0; q < nnz; q++) {
    const p = byCol[q];
    const dest = next[rows[p]]++;
    indices[dest] = cols[p];
    data[dest] = values[p];
  }
  const parts: CsrParts = { indptr, indices, data, shape: [nRows, nCols] };
  return sumDuplicates ? mergeDuplicates(parts) : parts;
}
