/**
 * Reads a time series given as one number per step (univariate, `[T]`) or one row of features per
 * step (multivariate, `[T, F]`) into a row-major Float64Array. Internal to `timeseries`.
 */

/** A series: one number per time step, or one row of `F` features per time step (oldest first). */
export type SeriesInput = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

export interface Series {
  /** Row-major `[T, F]` values. */
  data: Float64Array;
  /** Time steps. */
  length: number;
  /** Features per step (1 for a univariate series). */
  features: number;
  /** Whether the input was given as rows (`[T, F]`). */
  multivariate: boolean;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length > 8 ? `an array of length ${value.length}` : `[${value.map(show).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return ArrayBuffer.isView(value) ? `a ${value.constructor.name}` : 'an object';
  return String(value);
}

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInt(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${show(value)}`);
  }
  return value;
}

/** Reads `input` (at least `minLength` steps) and checks every value is finite. */
export function readSeries(where: string, name: string, input: unknown, minLength = 1): Series {
  if (input === null || typeof input !== 'object' || typeof (input as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${where}: '${name}' must be an array of numbers ([T]) or of rows ([T, F]); received ${show(input)}`);
  }
  const rows = input as ArrayLike<unknown>;
  const length = rows.length;
  if (length < minLength) {
    throw new RangeError(`${where}: '${name}' must hold at least ${minLength} time steps; received ${length}`);
  }
  const multivariate = length > 0 && typeof rows[0] === 'object' && rows[0] !== null;
  const features = multivariate ? (rows[0] as ArrayLike<unknown>).length : 1;
  if (multivariate && (typeof features !== 'number' || features < 1)) {
    throw new RangeError(`${where}: '${name}[0]' must hold at least one feature; received ${show(rows[0])}`);
  }
  const data = new Float64Array(length * features);
  for (let t = 0; t < length; t++) {
    const v = rows[t];
    if (multivariate) {
      if (v === null || typeof v !== 'object' || (v as ArrayLike<unknown>).length !== features) {
        throw new RangeError(`${where}: '${name}[${t}]' must be a row of ${features} features (as '${name}[0]'); received ${show(v)}`);
      }
      for (let f = 0; f < features; f++) data[t * features + f] = finite(where, `${name}[${t}][${f}]`, (v as ArrayLike<unknown>)[f]);
    } else {
      data[t] = finite(where, `${name}[${t}]`, v);
    }
  }
  return { data, length, features, multivariate };
}

function finite(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    const what = typeof v === 'number' ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : show(v);
    throw new RangeError(`${where}: '${name}' must be a finite number; received ${what}`);
  }
  return v;
}

/** Rows `[start, end)` of a series, in the form it was given (numbers or rows). */
export function sliceRows(s: Series, start: number, end: number): number[] | number[][] {
  if (!s.multivariate) return Array.from(s.data.subarray(start, end));
  const out: number[][] = [];
  for (let t = start; t < end; t++) out.push(Array.from(s.data.subarray(t * s.features, (t + 1) * s.features)));
  return out;
}

/** One feature column of a series. */
export function column(s: Series, f: number): Float64Array {
  const out = new Float64Array(s.length);
  for (let t = 0; t < s.length; t++) out[t] = s.data[t * s.features + f];
  return out;
}
