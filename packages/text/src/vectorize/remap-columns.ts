import type { DocumentCounts } from './count-documents.js';

/**
 * Rewrites column ids through `map` (-1 drops the entry) and sorts each row by column, giving
 * canonical CSR arrays.
 */
export function remapColumns(counts: DocumentCounts, map: Int32Array, nCols: number): DocumentCounts {
  const { indptr, indices, data } = counts;
  const rows = indptr.length - 1;
  const outPtr = new Int32Array(rows + 1);
  const outIdx = new Int32Array(indices.length);
  const outData = new Float64Array(indices.length);
  const scratch = new Float64Array(nCols);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    const start = nnz;
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const c = map[indices[p]];
      if (c < 0) continue;
      outIdx[nnz++] = c;
      scratch[c] = data[p];
    }
    const row = outIdx.subarray(start, nnz);
    row.sort();
    for (let p = start; p < nnz; p++) outData[p] = scratch[outIdx[p]];
    outPtr[r + 1] = nnz;
  }
  return { indptr: outPtr, indices: outIdx.slice(0, nnz), data: outData.slice(0, nnz) };
}
