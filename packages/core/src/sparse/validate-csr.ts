/** Structural checks of raw CSR arrays, run by the `CsrMatrix` constructor. */
import { check } from './check-args.js';
import type { CsrParts } from './csr-types.js';

/**
 * Throws unless `parts` is a well-formed CSR matrix: `indptr` is an Int32Array of length rows + 1
 * that starts at 0, never decreases and ends at nnz; `indices` is an Int32Array of column indices in
 * [0, cols); `data` is a Float32Array/Float64Array of nnz values, none NaN.
 * Unsorted column indices and duplicates are allowed (as in scipy).
 */
export function validateCsr(where: string, parts: CsrParts): [number, number] {
  if (typeof parts !== 'object' || parts === null) {
    throw new TypeError(`${where}: expected {indptr, indices, data, shape}; received ${parts === null ? 'null' : typeof parts}`);
  }
  const { indptr, indices, data } = parts;
  const [rows, cols] = check.shape2d(where, 'shape', parts.shape);
  if (!(indptr instanceof Int32Array)) {
    throw new TypeError(`${where}: 'indptr' must be an Int32Array; received ${Object.prototype.toString.call(indptr)}`);
  }
  if (!(indices instanceof Int32Array)) {
    throw new TypeError(`${where}: 'indices' must be an Int32Array; received ${Object.prototype.toString.call(indices)}`);
  }
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new TypeError(`${where}: 'data' must be a Float32Array or Float64Array; received ${Object.prototype.toString.call(data)}`);
  }
  if (indptr.length !== rows + 1) {
    throw new RangeError(`${where}: 'indptr' must have rows + 1 = ${rows + 1} elements; received ${indptr.length}`);
  }
  if (indptr[0] !== 0) throw new RangeError(`${where}: 'indptr[0]' must be 0; received ${indptr[0]}`);
  for (let i = 0; i < rows; i++) {
    if (indptr[i + 1] < indptr[i]) {
      throw new RangeError(
        `${where}: 'indptr' must be non-decreasing; received indptr[${i}] = ${indptr[i]} > indptr[${i + 1}] = ${indptr[i + 1]}`,
      );
    }
  }
  const nnz = indptr[rows];
  if (indices.length !== nnz) {
    throw new RangeError(`${where}: 'indices' must have indptr[rows] = ${nnz} elements; received ${indices.length}`);
  }
  if (data.length !== nnz) {
    throw new RangeError(`${where}: 'data' must have indptr[rows] = ${nnz} elements; received ${data.length}`);
  }
  check.indexArray(where, 'indices', indices, cols);
  check.noNaN(where, 'data', data);
  return [rows, cols];
}
