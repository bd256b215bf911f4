/** Internal: the number of samples of an `X` or `y` argument, and the samples at given indices. */
import { CsrMatrix } from '@ml/core';

/** Rows of `X`: `number[][]` (or any array), `{data, shape}` or a `CsrMatrix`. */
export function numSamples(where: string, name: string, X: unknown): number {
  if (X instanceof CsrMatrix) return X.shape[0];
  if (Array.isArray(X) || ArrayBuffer.isView(X)) return (X as { length: number }).length;
  if (typeof X === 'object' && X !== null && 'shape' in X && 'data' in X) return (X as { shape: readonly number[] }).shape[0];
  throw new TypeError(`${where}: '${name}' must be an array, {data, shape} or a CsrMatrix; received ${X === null ? 'null' : typeof X}`);
}

/** The samples of `X` at `idx`, as the same kind of value. */
export function takeSamples<T>(X: T, idx: Int32Array): T {
  if (X instanceof CsrMatrix) return X.sliceRows(idx) as T;
  if (Array.isArray(X)) return Array.from(idx, (i) => X[i] as unknown) as T;
  if (ArrayBuffer.isView(X)) {
    const src = X as unknown as Float64Array;
    const out = new (src.constructor as new (n: number) => Float64Array)(idx.length);
    idx.forEach((i, j) => (out[j] = src[i]));
    return out as T;
  }
  const { data, shape } = X as unknown as { data: Float32Array | Float64Array; shape: readonly number[] };
  const row = shape.slice(1).reduce((a, b) => a * b, 1);
  const out = new (data.constructor as new (n: number) => Float32Array | Float64Array)(idx.length * row);
  idx.forEach((i, j) => out.set(data.subarray(i * row, (i + 1) * row), j * row));
  return { data: out, shape: [idx.length, ...shape.slice(1)] } as T;
}
