/** Internal: checks a dense matrix argument and copies it into a row-major Float64Array. */
import type { MatrixInput } from './matrix-input.js';

/** A checked dense matrix: row-major float64 values. */
export interface Dense {
  data: Float64Array;
  rows: number;
  cols: number;
}

function show(v: unknown): string {
  if (typeof v === 'number') return String(v); // JSON.stringify would print NaN and ±Infinity as null
  if (typeof v === 'string') return JSON.stringify(v);
  return v === null ? 'null' : typeof v;
}

/**
 * Checks that `input` is a non-empty rectangular matrix of finite numbers (NaN and ±Infinity are
 * rejected, as scikit-learn's `check_array`) and returns a float64 copy.
 * @param cols when given, the number of columns the matrix must have (features seen in fit).
 */
export function readMatrix(where: string, name: string, input: MatrixInput, cols?: number): Dense {
  let out: Dense;
  if (Array.isArray(input)) {
    const rows = input.length;
    const first: unknown = input[0];
    const c = Array.isArray(first) ? first.length : 0;
    const data = new Float64Array(rows * c);
    for (let i = 0; i < rows; i++) {
      const row: unknown = input[i];
      if (!Array.isArray(row) || row.length !== c) {
        throw new RangeError(
          `${where}: '${name}' must be a rectangular number[][]; row 0 has ${c} entries but row ${i} ` +
            (Array.isArray(row) ? `has ${row.length}` : `is ${show(row)}`),
        );
      }
      for (let j = 0; j < c; j++) {
        const v: unknown = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new RangeError(`${where}: '${name}[${i}][${j}]' must be a finite number (no NaN or Infinity); received ${show(v)}`);
        }
        data[i * c + j] = v;
      }
    }
    out = { data, rows, cols: c };
  } else if (typeof input === 'object' && input !== null && 'indptr' in input) {
    throw new TypeError(`${where}: '${name}' must be a dense matrix (number[][] or {data, shape}); received a CsrMatrix, which this estimator does not take`);
  } else if (typeof input === 'object' && input !== null && 'data' in input && 'shape' in input) {
    const { data, shape } = input;
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new TypeError(`${where}: '${name}.data' must be a Float32Array or Float64Array; received ${show(data)}`);
    }
    const [rows, c] = shape;
    if (shape.length !== 2 || !Number.isInteger(rows) || !Number.isInteger(c) || rows < 0 || c < 0 || rows * c !== data.length) {
      throw new RangeError(`${where}: '${name}.shape' must be [rows, cols] with rows·cols = data.length (${data.length}); received [${shape.join(', ')}]`);
    }
    const copy = new Float64Array(data); // bulk copy: Float64Array.from(typedArray) goes element by element
    for (let k = 0; k < copy.length; k++) {
      if (!Number.isFinite(copy[k])) {
        throw new RangeError(`${where}: '${name}' must hold finite numbers (no NaN or Infinity); received ${copy[k]} at row ${Math.floor(k / c)}, column ${k % c}`);
      }
    }
    out = { data: copy, rows, cols: c };
  } else {
    throw new TypeError(`${where}: '${name}' must be number[][] or {data: Float32Array | Float64Array, shape: [rows, cols]} (read a Tensor2D with toMatrix first); received ${show(input)}`);
  }
  if (out.rows === 0 || out.cols === 0) {
    throw new RangeError(`${where}: '${name}' must have at least one row and one column; received shape [${out.rows}, ${out.cols}]`);
  }
  if (cols !== undefined && out.cols !== cols) {
    throw new RangeError(`${where}: '${name}' must have ${cols} features (columns), as in fit; received ${out.cols}`);
  }
  return out;
}
