/** Removal of explicitly stored zeros, as scipy's `csr_eliminate_zeros` (sparsetools/csr.h). */
import type { CsrParts } from './csr-types.js';

/** A copy of `a` without entries whose value is 0 (or -0). */
export function dropZeros(a: CsrParts): CsrParts {
  const rows = a.shape[0];
  const nnz = a.indptr[rows];
  let kept = 0;
  for (let p = 0; p < nnz; p++) if (a.data[p] !== 0) kept++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(kept);
  const data = a.data instanceof Float64Array ? new Float64Array(kept) : new Float32Array(kept);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    for (let p = a.indptr[i], end = a.indptr[i + 1]; p < end; p++) {
      if (a.data[p] !== 0) {
        indices[q] = a.indices[p];
        data[q++] = a.data[p];
      }
    }
    indptr[i + 1] = q;
  }
  return { indptr, indices, data, shape: a.shape };
}
