/**
 * Compressed sparse row (CSR) matrices on typed arrays, after scipy.sparse's `csr_matrix`
 * (https://docs.scipy.org/doc/scipy/reference/generated/scipy.sparse.csr_matrix.html; Saad,
 * "Iterative Methods for Sparse Linear Systems", 2nd ed., §3.4). Values are float32 or float64,
 * indices int32. Every operation returns new arrays; none mutates the matrix it is called on.
 */
import { Tensor, tensor2d, type Tensor2D } from '@tensorflow/tfjs-core';
import { check } from './check-args.js';
import { cooToCsr } from './coo-to-csr.js';
import { denseToCsr } from './dense-to-csr.js';
import { dropZeros } from './drop-zeros.js';
import { csrJson } from './csr-json.js';
import { csrMatmulDense } from './csr-matmul-dense.js';
import { mergeDuplicates } from './merge-duplicates.js';
import { pickCsrRows } from './pick-csr-rows.js';
import { readDense } from './read-dense.js';
import { transposeCsr } from './transpose-csr.js';
import { validateCsr } from './validate-csr.js';
import type { CsrMatrixJSON, CsrParts, DenseMatrix, DenseMatrixInput, FloatArray, SparseDtype } from './csr-types.js';

/** Options of `CsrMatrix.fromTriplets`. */
export interface CsrFromTripletsOptions {
  /** Storage type of the values. @default 'float64' when `values` is a Float64Array, else 'float32' */
  dtype?: SparseDtype;
  /** Sum entries that share a position, as scipy's `coo_matrix.tocsr()` does; when false they stay separate entries. @default true */
  sumDuplicates?: boolean;
}

/** Options of `CsrMatrix.fromDense`. */
export interface CsrFromDenseOptions {
  /** Storage type of the values. @default 'float64' when the input data is a Float64Array, else 'float32' */
  dtype?: SparseDtype;
}

function resolveDtype(where: string, dtype: unknown, values: unknown): SparseDtype {
  if (dtype === undefined) return values instanceof Float64Array ? 'float64' : 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(`${where}: 'dtype' must be 'float32' or 'float64'; received ${check.show(dtype)}`);
  }
  return dtype;
}

function alloc(dtype: SparseDtype, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

export class CsrMatrix implements CsrParts {
  /** Row pointers, length rows + 1: row i's entries sit at `indptr[i] .. indptr[i + 1] - 1`. */
  readonly indptr: Int32Array;
  /** Column index of each stored entry, length nnz. */
  readonly indices: Int32Array;
  /** Value of each stored entry, length nnz. */
  readonly data: FloatArray;
  /** `[rows, cols]`. */
  readonly shape: readonly [number, number];

  /**
   * Wraps existing CSR arrays (not copied: the matrix takes ownership) after checking their
   * structure. Column indices need not be sorted and may repeat, as in scipy.
   */
  constructor(parts: CsrParts) {
    const shape = validateCsr('CsrMatrix', parts);
    this.indptr = parts.indptr;
    this.indices = parts.indices;
    this.data = parts.data;
    this.shape = Object.freeze(shape);
  }

  /** Builds from arrays known to be well formed, skipping the O(nnz) checks. */
  private static wrap(parts: CsrParts): CsrMatrix {
    const m = Object.create(CsrMatrix.prototype) as CsrMatrix;
    const shape = Object.freeze([parts.shape[0], parts.shape[1]] as [number, number]);
    return Object.assign(m, { indptr: parts.indptr, indices: parts.indices, data: parts.data, shape });
  }

  /**
   * Builds a matrix from coordinate triplets `(rows[k], cols[k], values[k])` in any order, like
   * `scipy.sparse.coo_matrix((values, (rows, cols)), shape).tocsr()`: column indices come out sorted
   * within each row and duplicates are summed (explicit zeros are kept).
   */
  static fromTriplets(
    rows: ArrayLike<number>,
    cols: ArrayLike<number>,
    values: ArrayLike<number>,
    shape: readonly [number, number],
    options: CsrFromTripletsOptions = {},
  ): CsrMatrix {
    const where = 'CsrMatrix.fromTriplets';
    const s = check.shape2d(where, 'shape', shape);
    const n = check.arrayLike(where, 'values', values);
    if (n > check.INT32_MAX) throw new RangeError(`${where}: at most 2^31 - 1 entries fit int32 indices; received ${n}`);
    check.length(where, 'rows', rows, n, 'one per value');
    check.length(where, 'cols', cols, n, 'one per value');
    check.indexArray(where, 'rows', rows, s[0]);
    check.indexArray(where, 'cols', cols, s[1]);
    check.noNaN(where, 'values', values);
    const dtype = resolveDtype(where, options.dtype, values);
    const sumDuplicates = options.sumDuplicates ?? true;
    if (typeof sumDuplicates !== 'boolean') {
      throw new TypeError(`${where}: 'sumDuplicates' must be a boolean; received ${check.show(sumDuplicates)}`);
    }
    return CsrMatrix.wrap(cooToCsr(rows, cols, values, s, dtype, sumDuplicates));
  }

  /** Builds a matrix holding the nonzero entries of a dense matrix (zeros, including -0, are not stored). */
  static fromDense(dense: DenseMatrixInput, options: CsrFromDenseOptions = {}): CsrMatrix {
    const where = 'CsrMatrix.fromDense';
    const { data, rows, cols } = readDense(where, 'dense', dense);
    const dtype = resolveDtype(where, options.dtype, Array.isArray(dense) ? undefined : (dense as DenseMatrix).data);
    return CsrMatrix.wrap(denseToCsr(where, data, rows, cols, dtype));
  }

  /** Reads the form written by `toJSON()` (this format version or older), checking everything. */
  static fromJSON(json: unknown): CsrMatrix {
    const where = 'CsrMatrix.fromJSON';
    const parts = csrJson.read(where, json);
    validateCsr(where, parts);
    return CsrMatrix.wrap(parts);
  }

  /** Number of stored entries (explicit zeros and duplicates included). */
  get nnz(): number {
    return this.indptr[this.shape[0]];
  }

  /** Storage type of the values. */
  get dtype(): SparseDtype {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  /** True when every row's column indices are non-decreasing (duplicates allowed), as scipy's `has_sorted_indices`. */
  hasSortedIndices(): boolean {
    return this.rowsIncrease(false);
  }

  /** True when every row's column indices strictly increase: sorted and free of duplicates. */
  hasCanonicalFormat(): boolean {
    return this.rowsIncrease(true);
  }

  private rowsIncrease(strict: boolean): boolean {
    const { indptr, indices } = this;
    for (let i = 0; i < this.shape[0]; i++) {
      for (let p = indptr[i] + 1, end = indptr[i + 1]; p < end; p++) {
        if (indices[p] < indices[p - 1] || (strict && indices[p] === indices[p - 1])) return false;
      }
    }
    return true;
  }

  /** The dense matrix, row-major in the matrix's dtype; duplicate entries are summed. */
  toDense(): DenseMatrix {
    const [rows, cols] = this.shape;
    const out = alloc(this.dtype, rows * cols);
    const { indptr, indices, data } = this;
    for (let i = 0; i < rows; i++) {
      for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) out[i * cols + indices[p]] += data[p];
    }
    return { data: out, shape: [rows, cols] };
  }

  /** The dense matrix as nested arrays. */
  toArray(): number[][] {
    const { data } = this.toDense();
    const [rows, cols] = this.shape;
    const out: number[][] = [];
    for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
    return out;
  }

  /** Row `i` as views into this matrix's arrays (no copy: copy them before modifying). */
  getRow(i: number): { indices: Int32Array; data: FloatArray } {
    check.indexArray('CsrMatrix.getRow', 'i', [i], this.shape[0]);
    const start = this.indptr[i];
    const end = this.indptr[i + 1];
    return { indices: this.indices.subarray(start, end), data: this.data.subarray(start, end) };
  }

  /** Rows `start .. end - 1` (like `A[start:end, :]`), or the listed rows in order, repeats allowed (like `A[[2, 0, 2], :]`). */
  sliceRows(start: number, end: number): CsrMatrix;
  sliceRows(rows: ArrayLike<number>): CsrMatrix;
  sliceRows(startOrRows: number | ArrayLike<number>, end?: number): CsrMatrix {
    const where = 'CsrMatrix.sliceRows';
    const nRows = this.shape[0];
    if (typeof startOrRows === 'number') {
      if (!Number.isInteger(startOrRows) || startOrRows < 0 || startOrRows > nRows) {
        throw new RangeError(`${where}: 'start' must be an integer in [0, ${nRows}]; received ${check.show(startOrRows)}`);
      }
      if (typeof end !== 'number' || !Number.isInteger(end) || end < startOrRows || end > nRows) {
        throw new RangeError(`${where}: 'end' must be an integer in [start = ${startOrRows}, ${nRows}]; received ${check.show(end)}`);
      }
      const base = this.indptr[startOrRows];
      const top = this.indptr[end];
      const indptr = this.indptr.slice(startOrRows, end + 1);
      for (let i = 0; i < indptr.length; i++) indptr[i] -= base;
      const parts = { indptr, indices: this.indices.slice(base, top), data: this.data.slice(base, top) };
      return CsrMatrix.wrap({ ...parts, shape: [end - startOrRows, this.shape[1]] });
    }
    check.arrayLike(where, 'rows', startOrRows);
    check.indexArray(where, 'rows', startOrRows, nRows);
    return CsrMatrix.wrap(pickCsrRows(where, this, startOrRows));
  }

  /** The transpose in O(nnz + rows + cols); its column indices come out sorted. */
  transpose(): CsrMatrix {
    return CsrMatrix.wrap(transposeCsr(this));
  }

  /** The dense product A·B, row-major `[rows, k]` in the matrix's dtype (accumulated in float64). */
  matmulDense(b: DenseMatrixInput): DenseMatrix {
    return this.product('CsrMatrix.matmulDense', b);
  }

  /**
   * The product A·B as a new float32 `Tensor2D` owned by the caller. A tensor `b` is read with
   * `await b.data()` (so this works on WebGPU) and must be float32 `[cols, k]`; the product runs on
   * typed arrays and is not differentiable.
   */
  async matmulTensor(b: Tensor2D | DenseMatrixInput): Promise<Tensor2D> {
    const where = 'CsrMatrix.matmulTensor';
    let input: DenseMatrixInput;
    if (b instanceof Tensor) {
      if (b.rank !== 2 || b.dtype !== 'float32') {
        throw new TypeError(`${where}: 'b' must be a float32 Tensor2D; received a ${b.dtype} tensor of shape [${b.shape.join(', ')}]`);
      }
      input = { data: (await b.data()) as Float32Array, shape: [b.shape[0], b.shape[1]] };
    } else {
      input = b;
    }
    const { data, shape } = this.product(where, input);
    return tensor2d(data instanceof Float32Array ? data : Float32Array.from(data), [shape[0], shape[1]]);
  }

  private product(where: string, b: DenseMatrixInput): DenseMatrix {
    const dense = readDense(where, 'b', b);
    const [rows, cols] = this.shape;
    if (dense.rows !== cols) {
      throw new RangeError(`${where}: 'b' must have ${cols} rows to multiply a [${rows}, ${cols}] matrix; received shape [${dense.rows}, ${dense.cols}]`);
    }
    const out = csrMatmulDense(this, dense.data, dense.cols, alloc(this.dtype, rows * dense.cols));
    return { data: out, shape: [rows, dense.cols] };
  }

  /** y = A·x. Writes into `out` when given (length rows), else into a new array of the matrix's dtype. */
  matvec(x: ArrayLike<number>, out?: FloatArray): FloatArray {
    const where = 'CsrMatrix.matvec';
    const [rows, cols] = this.shape;
    check.length(where, 'x', x, cols, 'one per column');
    check.noNaN(where, 'x', x);
    if (out !== undefined) {
      if (!(out instanceof Float32Array || out instanceof Float64Array)) {
        throw new TypeError(`${where}: 'out' must be a Float32Array or Float64Array; received ${Object.prototype.toString.call(out)}`);
      }
      check.length(where, 'out', out, rows, 'one per row');
    }
    const y = out ?? alloc(this.dtype, rows);
    const { indptr, indices, data } = this;
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let p = indptr[i], end = indptr[i + 1]; p < end; p++) acc += data[p] * x[indices[p]];
      y[i] = acc;
    }
    return y;
  }

  /** Sum of each row, length rows. */
  rowSums(): FloatArray {
    const y = alloc(this.dtype, this.shape[0]);
    for (let i = 0; i < this.shape[0]; i++) {
      let acc = 0;
      for (let p = this.indptr[i], end = this.indptr[i + 1]; p < end; p++) acc += this.data[p];
      y[i] = acc;
    }
    return y;
  }

  /** Sum of each column, length cols. */
  colSums(): FloatArray {
    const acc = new Float64Array(this.shape[1]);
    for (let p = 0, n = this.nnz; p < n; p++) acc[this.indices[p]] += this.data[p];
    return this.dtype === 'float64' ? acc : Float32Array.from(acc);
  }

  /** A copy with row i multiplied by `factors[i]` (scipy: `diags(factors) @ A`). */
  scaleRows(factors: ArrayLike<number>): CsrMatrix {
    const where = 'CsrMatrix.scaleRows';
    check.length(where, 'factors', factors, this.shape[0], 'one per row');
    check.noNaN(where, 'factors', factors);
    const out = this.clone();
    for (let i = 0; i < this.shape[0]; i++) {
      const f = factors[i];
      for (let p = out.indptr[i], end = out.indptr[i + 1]; p < end; p++) out.data[p] *= f;
    }
    return out;
  }

  /** A copy with column j multiplied by `factors[j]` (scipy: `A @ diags(factors)`). */
  scaleColumns(factors: ArrayLike<number>): CsrMatrix {
    const where = 'CsrMatrix.scaleColumns';
    check.length(where, 'factors', factors, this.shape[1], 'one per column');
    check.noNaN(where, 'factors', factors);
    const out = this.clone();
    for (let p = 0, n = out.nnz; p < n; p++) out.data[p] *= factors[out.indices[p]];
    return out;
  }

  /** A copy without explicitly stored zeros (scipy's `eliminate_zeros`). */
  eliminateZeros(): CsrMatrix {
    return CsrMatrix.wrap(dropZeros(this));
  }

  /** A copy whose column indices are sorted within each row (stable: duplicates keep their order). */
  sortIndices(): CsrMatrix {
    if (this.hasSortedIndices()) return this.clone();
    return CsrMatrix.wrap(transposeCsr(transposeCsr(this)));
  }

  /** A copy in canonical form: sorted column indices, entries sharing a position summed (scipy's `sum_duplicates`). */
  sumDuplicates(): CsrMatrix {
    return CsrMatrix.wrap(mergeDuplicates(this.sortIndices()));
  }

  /** A deep copy. */
  clone(): CsrMatrix {
    const { indptr, indices, data, shape } = this;
    return CsrMatrix.wrap({ indptr: indptr.slice(), indices: indices.slice(), data: data.slice(), shape });
  }

  /** A copy with values stored as `dtype` (float64 → float32 rounds to nearest). */
  asType(dtype: SparseDtype): CsrMatrix {
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new TypeError(`CsrMatrix.asType: 'dtype' must be 'float32' or 'float64'; received ${check.show(dtype)}`);
    }
    const d = dtype;
    const data = d === 'float64' ? Float64Array.from(this.data) : Float32Array.from(this.data);
    return CsrMatrix.wrap({ indptr: this.indptr.slice(), indices: this.indices.slice(), data, shape: this.shape });
  }

  /** The versioned JSON form, read back by `CsrMatrix.fromJSON`. */
  toJSON(): CsrMatrixJSON {
    return csrJson.write(this);
  }
}
