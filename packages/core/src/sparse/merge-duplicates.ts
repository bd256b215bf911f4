/**
 * Sums entries that share a position in a CSR matrix whose rows are sorted by column, as scipy's
 * `csr_sum_duplicates` (sparsetools/csr.h). Works in place on `parts` and returns the trimmed
 * result; sums run in float64 and are rounded once to the storage type.
 */
import type { CsrParts } from './csr-types.js';

export function mergeDuplicates(parts: CsrParts): CsrParts {
  const { indptr, indices, data } = parts;
  const rows = parts.shape[0];
  const nnz = indptr[rows];
  let out = 0;
  let start = 0;
  for (let i = 0; i < rows; i++) {
    const end = indptr[i + 1];
    let p = start;
    while (p < end) {
      const col = indices[p];
      let sum = data[p];
      let q = p + 1;
      while (q < end && indices[q] === col) sum += data[q++];
      indices[out] = col;
      data[out] = sum;
      out++;
      p = q;
    }
    start = end;
    indptr[i + 1] = out;
  }
  if (out === nnz) return parts;
  return { indptr, indices: indices.slice(0, out), data: data.slice(0, out), shape: parts.shape };
}
