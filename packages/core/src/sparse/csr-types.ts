/** Types shared by the CSR sparse-matrix code. */

/** The element type a `CsrMatrix` stores its values in. */
export type SparseDtype = 'float32' | 'float64';

/** A typed array of float values: what a `CsrMatrix` stores and returns. */
export type FloatArray = Float32Array | Float64Array;

/** The raw arrays of a CSR matrix (scipy's `indptr`, `indices`, `data`, `shape`). */
export interface CsrParts {
  /** Row pointers, length `rows + 1`: row `i` occupies `indptr[i] .. indptr[i + 1] - 1`. */
  indptr: Int32Array;
  /** Column index of each stored value, length `nnz`. */
  indices: Int32Array;
  /** The stored values, length `nnz`. */
  data: FloatArray;
  /** `[rows, cols]`. */
  shape: readonly [number, number];
}

/** A dense row-major matrix held in a typed array. */
export interface DenseMatrix {
  /** Row-major values, length `rows * cols`. */
  data: FloatArray;
  /** `[rows, cols]`. */
  shape: readonly [number, number];
}

/** Dense matrices accepted as input: nested arrays or a row-major typed array with its shape. */
export type DenseMatrixInput = readonly (readonly number[])[] | DenseMatrix;

/** The versioned JSON form written by `CsrMatrix.toJSON()`. */
export interface CsrMatrixJSON {
  format: 'csr-matrix';
  version: number;
  dtype: SparseDtype;
  shape: [number, number];
  indptr: number[];
  indices: number[];
  /** Stored values; ±Infinity, which JSON cannot hold as numbers, are written as strings. */
  data: (number | 'Infinity' | '-Infinity')[];
}
