/**
 * Sparse × dense product C = A·B with A in CSR (scipy's `csr_matvecs`, sparsetools/csr.h): for
 * each row i, C[i, :] = Σ_p data[p] · B[indices[p], :]. Each output row accumulates in a float64
 * scratch row and is rounded once into `out`; the inner loop walks B's row contiguously.
 */
import type { CsrParts, FloatArray } from './csr-types.js';

/** Writes A·B into `out` (row-major [rows, k]) and returns it. Shapes are assumed checked. */
export function csrMatmulDense(a: CsrParts, b: ArrayLike<number>, k: number, out: FloatArray): FloatArray {
  const rows = a.shape[0];
  const { indptr, indices, data } = a;
  const acc = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    acc.fill(0);
    for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) {
      const v = data[p];
      const base = indices[p] * k;
      for (let j = 0; j < k; j++) acc[j] += v * b[base + j];
    }
    out.set(acc, i * k);
  }
  return out;
}
