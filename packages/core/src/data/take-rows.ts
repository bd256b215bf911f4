/** Selects samples (rows along the first axis) of the inputs that `trainTestSplit` accepts. */
import * as tf from '@tensorflow/tfjs-core';
import type { ArrayData } from './tensor-dataset.js';

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array | Uint32Array | Int16Array | Uint16Array | Int8Array;

/** What `trainTestSplit` can split: tensors, typed arrays (1-D), `{ data, shape }` and plain arrays of any samples. */
export type Splittable = tf.Tensor | Typed | ArrayData | readonly unknown[];

/** The number of samples of `a`. */
export function numSamples(where: string, name: string, a: Splittable): number {
  if (a instanceof tf.Tensor) {
    if (a.rank === 0) throw new RangeError(`${where}: '${name}' must have a sample dimension; received a scalar tensor`);
    return a.shape[0];
  }
  if (Array.isArray(a) || ArrayBuffer.isView(a)) return (a as { length: number }).length;
  if (typeof a === 'object' && a !== null && 'shape' in a && 'data' in a && a.shape.length > 0) return a.shape[0];
  throw new TypeError(`${where}: '${name}' must be a Tensor, a typed array, { data, shape } or an array; received ${String(a)}`);
}

/** The rows of `a` at `indices`, in that order, as the same kind of value (a new tensor for tensors: the caller owns it). */
export function takeRows<T extends Splittable>(a: T, indices: Int32Array): T {
  if (a instanceof tf.Tensor) return tf.tidy(() => tf.gather(a, tf.tensor1d(indices, 'int32'))) as T; // [k, ...]
  if (Array.isArray(a)) return Array.from(indices, (i) => a[i]) as unknown as T;
  if (ArrayBuffer.isView(a)) {
    const src = a as Typed;
    const out = new (src.constructor as new (n: number) => Typed)(indices.length);
    indices.forEach((idx, j) => (out[j] = src[idx]));
    return out as T;
  }
  const { data, shape } = a as ArrayData;
  const row = shape.slice(1).reduce((x, y) => x * y, 1);
  const out = new (data.constructor as new (n: number) => ArrayData['data'])(indices.length * row);
  indices.forEach((idx, j) => out.set(data.subarray(idx * row, (idx + 1) * row), j * row));
  return { data: out, shape: [indices.length, ...shape.slice(1)] } as unknown as T;
}
