/** Argument checks shared by the sparse code: each throws an error naming what was wrong. */

const INT32_MAX = 2147483647;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

/** Checks `shape` is `[rows, cols]` of integers in [0, 2^31 − 1] and returns it as a fresh tuple. */
function shape2d(where: string, name: string, shape: unknown): [number, number] {
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= INT32_MAX)
  ) {
    throw new RangeError(`${where}: '${name}' must be [rows, cols] of integers in [0, 2^31 - 1]; received ${show(shape)}`);
  }
  return [shape[0] as number, shape[1] as number];
}

/** Checks every element is an integer in [0, bound). */
function indexArray(where: string, name: string, values: ArrayLike<number>, bound: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw new RangeError(`${where}: '${name}[${i}]' must be an integer in [0, ${bound}); received ${show(v)}`);
    }
  }
}

/** Checks every element is a number and not NaN (±Infinity is allowed). */
function noNaN(where: string, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new RangeError(`${where}: '${name}[${i}]' must be a number that is not NaN; received ${show(v)}`);
    }
  }
}

/** Checks `value` is array-like (an array or typed array) and returns its length. */
function arrayLike(where: string, name: string, value: unknown): number {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return (value as ArrayLike<number>).length;
  }
  throw new TypeError(`${where}: '${name}' must be an array or typed array; received ${value === null ? 'null' : typeof value}`);
}

/** Checks an array-like has exactly `expected` elements. */
function length(where: string, name: string, value: unknown, expected: number, what: string): void {
  const n = arrayLike(where, name, value);
  if (n !== expected) {
    throw new RangeError(`${where}: '${name}' must have ${expected} elements (${what}); received ${n}`);
  }
}

/** The argument checks used across `src/sparse`. */
export const check = { shape2d, indexArray, noNaN, arrayLike, length, show, INT32_MAX };
