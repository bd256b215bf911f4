/** Normalises a dense-matrix argument (nested arrays or `{data, shape}`) into a checked typed array. */
import { check } from './check-args.js';
import type { DenseMatrixInput, FloatArray } from './csr-types.js';

export interface ReadDense {
  /** Row-major values; nested arrays become a Float64Array (exact). */
  data: FloatArray;
  rows: number;
  cols: number;
}

/**
 * Checks `input` is a rectangular matrix of non-NaN numbers and returns it row-major.
 * A `{data, shape}` input is returned without copying.
 */
export function readDense(where: string, name: string, input: DenseMatrixInput): ReadDense {
  if (Array.isArray(input)) {
    const rows = input.length;
    const cols = rows > 0 && Array.isArray(input[0]) ? (input[0] as readonly number[]).length : 0;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row: unknown = input[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new RangeError(
          `${where}: '${name}' must be a rectangular number[][]; row 0 has ${cols} entries but row ${i} ` +
            (Array.isArray(row) ? `has ${row.length}` : `is ${row === null ? 'null' : typeof row}`),
        );
      }
      for (let j = 0; j < cols; j++) {
        const v: unknown = row[j];
        if (typeof v !== 'number' || Number.isNaN(v)) {
          throw new RangeError(`${where}: '${name}[${i}][${j}]' must be a number that is not NaN; received ${check.show(v)}`);
        }
        data[i * cols + j] = v;
      }
    }
    return { data, rows, cols };
  }
  if (typeof input !== 'object' || input === null || !('data' in input) || !('shape' in input)) {
    throw new TypeError(`${where}: '${name}' must be number[][] or {data: Float32Array | Float64Array, shape: [rows, cols]}; received ${input === null ? 'null' : typeof input}`);
  }
  const { data } = input;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new TypeError(`${where}: '${name}.data' must be a Float32Array or Float64Array; received ${Object.prototype.toString.call(data)}`);
  }
  const [rows, cols] = check.shape2d(where, `${name}.shape`, input.shape);
  check.length(where, `${name}.data`, data, rows * cols, `rows × cols of shape [${rows}, ${cols}]`);
  check.noNaN(where, `${name}.data`, data);
  return { data, rows, cols };
}
