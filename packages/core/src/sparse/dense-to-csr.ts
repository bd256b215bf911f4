/** Dense → CSR: two passes over the values, the first to count nonzeros so nothing is reallocated. */
import type { CsrParts, SparseDtype } from './csr-types.js';

/** The nonzero entries (0 and -0 are skipped) of a row-major `[rows, cols]` array. */
export function denseToCsr(where: string, values: ArrayLike<number>, rows: number, cols: number, dtype: SparseDtype): CsrParts {
  let nnz = 0;
  for (let k = 0; k < values.length; k++) if (values[k] !== 0) nnz++;
  if (nnz > 2147483647) throw new RangeError(`${where}: ${nnz} nonzeros do not fit int32 indices (at most 2^31 - 1)`);
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const data = dtype === 'float64' ? new Float64Array(nnz) : new Float32Array(nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0, base = i * cols; j < cols; j++) {
      const v = values[base + j];
      if (v !== 0) {
        indices[p] = j;
        data[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return { indptr, indices, data, shape: [rows, cols] };
}
