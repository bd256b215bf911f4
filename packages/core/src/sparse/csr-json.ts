/** The versioned JSON form of a CSR matrix: writing and checked reading. */
import type { CsrMatrixJSON, CsrParts } from './csr-types.js';

/** The format version `toJSON` writes; `fromJSON` reads this and every older version. */
const CSR_JSON_VERSION = 1;

function encodeValue(v: number): number | 'Infinity' | '-Infinity' {
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

/** Helpers to convert CSR arrays to and from `CsrMatrixJSON`. */
export const csrJson = {
  version: CSR_JSON_VERSION,

  write(a: CsrParts): CsrMatrixJSON {
    return {
      format: 'csr-matrix',
      version: CSR_JSON_VERSION,
      dtype: a.data instanceof Float64Array ? 'float64' : 'float32',
      shape: [a.shape[0], a.shape[1]],
      indptr: Array.from(a.indptr),
      indices: Array.from(a.indices),
      data: Array.from(a.data, encodeValue),
    };
  },

  /** Converts a parsed JSON value to CSR arrays; structure is checked later by the constructor. */
  read(where: string, json: unknown): CsrParts {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new TypeError(`${where}: expected a CsrMatrixJSON object; received ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);
    }
    const j = json as Partial<Record<keyof CsrMatrixJSON, unknown>>;
    if (j.format !== 'csr-matrix') {
      throw new TypeError(`${where}: 'format' must be "csr-matrix"; received ${JSON.stringify(j.format)}`);
    }
    if (typeof j.version !== 'number' || !Number.isInteger(j.version) || j.version < 1 || j.version > CSR_JSON_VERSION) {
      throw new RangeError(`${where}: 'version' must be an integer in [1, ${CSR_JSON_VERSION}] (a newer file needs a newer @ml/core); received ${JSON.stringify(j.version)}`);
    }
    if (j.dtype !== 'float32' && j.dtype !== 'float64') {
      throw new TypeError(`${where}: 'dtype' must be "float32" or "float64"; received ${JSON.stringify(j.dtype)}`);
    }
    for (const key of ['indptr', 'indices', 'data', 'shape'] as const) {
      if (!Array.isArray(j[key])) throw new TypeError(`${where}: '${key}' must be an array; received ${typeof j[key]}`);
    }
    const ints = (key: 'indptr' | 'indices'): Int32Array => {
      const list = j[key] as unknown[];
      const out = new Int32Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2147483647) {
          throw new RangeError(`${where}: '${key}[${i}]' must be an integer in [0, 2^31 - 1]; received ${JSON.stringify(v)}`);
        }
        out[i] = v;
      }
      return out;
    };
    const rawData = j.data as unknown[];
    const data = j.dtype === 'float64' ? new Float64Array(rawData.length) : new Float32Array(rawData.length);
    for (let i = 0; i < rawData.length; i++) {
      const v = rawData[i];
      if (v === 'Infinity') data[i] = Infinity;
      else if (v === '-Infinity') data[i] = -Infinity;
      else if (typeof v === 'number') data[i] = v;
      else throw new TypeError(`${where}: 'data[${i}]' must be a number, "Infinity" or "-Infinity"; received ${JSON.stringify(v)}`);
    }
    return { indptr: ints('indptr'), indices: ints('indices'), data, shape: j.shape as [number, number] };
  },
};
