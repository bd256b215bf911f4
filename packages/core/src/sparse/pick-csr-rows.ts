/** Row selection `A[rows, :]` (scipy's `csr_row_index`): each picked row is copied with one `set`. */
import type { CsrParts } from './csr-types.js';

/** The listed rows of `a`, in order, repeats allowed. Row indices are assumed checked. */
export function pickCsrRows(where: string, a: CsrParts, rows: ArrayLike<number>): CsrParts {
  const indptr = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) {
    const total = indptr[k] + a.indptr[rows[k] + 1] - a.indptr[rows[k]];
    if (total > 2147483647) throw new RangeError(`${where}: the result would exceed 2^31 - 1 entries (int32 indices)`);
    indptr[k + 1] = total;
  }
  const nnz = indptr[rows.length];
  const indices = new Int32Array(nnz);
  const data = a.data instanceof Float64Array ? new Float64Array(nnz) : new Float32Array(nnz);
  for (let k = 0; k < rows.length; k++) {
    const from = a.indptr[rows[k]];
    const to = a.indptr[rows[k] + 1];
    indices.set(a.indices.subarray(from, to), indptr[k]);
    data.set(a.data.subarray(from, to), indptr[k]);
  }
  return { indptr, indices, data, shape: [rows.length, a.shape[1]] };
}
