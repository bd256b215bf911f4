/**
 * A dataset of features [N, ...] and optional targets [N, ...], as PyTorch's
 * `torch.utils.data.TensorDataset`. Tensors are batched on their backend with `gather`; typed arrays
 * and nested number arrays are batched by copying rows on the CPU and uploading only the batch.
 * @see https://pytorch.org/docs/1.13/data.html#torch.utils.data.TensorDataset
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from './dataset.js';

/** A row-major typed array with its shape (`shape[0]` is the number of samples). */
export interface ArrayData {
  data: Float32Array | Int32Array | Uint8Array | Float64Array;
  shape: readonly number[];
}

/**
 * Features or targets: a tensor; `ArrayData`; a 1-D typed array ([N]); or nested number arrays
 * (`number[]` is [N], `number[][]` is [N, D], …). Typed arrays keep their dtype (Float64Array becomes
 * float32, Uint8Array int32, as tfjs does); plain number arrays become float32.
 */
export type DatasetInput = tf.Tensor | ArrayData | Float32Array | Int32Array | Uint8Array | Float64Array | NestedNumbers;
/** A number array of any depth. */
export interface NestedNumbers extends ReadonlyArray<number | NestedNumbers> {}

/** One batch: the caller owns both tensors. */
export interface TensorBatch {
  /** [B, ...] */
  features: tf.Tensor;
  /** [B, ...]; absent when the dataset has no targets. */
  targets?: tf.Tensor;
}

type Stored =
  | { kind: 'tensor'; tensor: tf.Tensor; n: number }
  | { kind: 'array'; data: Float32Array | Int32Array; shape: number[]; dtype: 'float32' | 'int32'; n: number };

function flatten(where: string, name: string, value: NestedNumbers): { data: Float32Array; shape: number[] } {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  let k = 0;
  const walk = (x: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof x !== 'number' || Number.isNaN(x)) throw new TypeError(`${where}: '${name}${path}' must be a number; received ${String(x)}`);
      out[k++] = x;
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new RangeError(`${where}: '${name}${path}' must be an array of length ${shape[depth]} (ragged input); received ${Array.isArray(x) ? `length ${x.length}` : String(x)}`);
    }
    x.forEach((y, i) => walk(y, depth + 1, `${path}[${i}]`));
  };
  walk(value, 0, '');
  return { data: out, shape };
}

function store(where: string, name: string, input: DatasetInput): Stored {
  if (input instanceof tf.Tensor) {
    if (input.rank === 0) throw new RangeError(`${where}: '${name}' must have a sample dimension (rank >= 1); received a scalar`);
    return { kind: 'tensor', tensor: tf.clone(input), n: input.shape[0] };
  }
  let data: Float32Array | Int32Array | Uint8Array | Float64Array;
  let shape: number[];
  if (ArrayBuffer.isView(input)) {
    data = input;
    shape = [input.length];
  } else if (Array.isArray(input)) {
    ({ data, shape } = flatten(where, name, input));
  } else if (typeof input === 'object' && input !== null && 'data' in input && 'shape' in input) {
    data = input.data;
    shape = [...input.shape];
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 0) || size !== data.length) {
      throw new RangeError(`${where}: '${name}.shape' must be non-negative integers of rank >= 1 whose product is data.length (${data.length}); received [${shape.join(', ')}]`);
    }
  } else {
    throw new TypeError(`${where}: '${name}' must be a Tensor, { data, shape }, a typed array or a number array; received ${String(input)}`);
  }
  if (data instanceof Float64Array) data = Float32Array.from(data);
  if (data instanceof Uint8Array) data = Int32Array.from(data);
  const dtype = data instanceof Int32Array ? 'int32' : 'float32';
  return { kind: 'array', data: data as Float32Array | Int32Array, shape, dtype, n: shape[0] };
}

function batchOf(s: Stored, indices: Int32Array): tf.Tensor {
  if (s.kind === 'tensor') return tf.tidy(() => tf.gather(s.tensor, tf.tensor1d(indices, 'int32'))); // [B, ...]
  const row = s.shape.slice(1).reduce((a, b) => a * b, 1);
  const out = s.dtype === 'int32' ? new Int32Array(indices.length * row) : new Float32Array(indices.length * row);
  indices.forEach((idx, b) => out.set(s.data.subarray(idx * row, (idx + 1) * row), b * row));
  return tf.tensor(out, [indices.length, ...s.shape.slice(1)], s.dtype); // [B, ...]
}

/**
 * Holds features and optional targets with the same number of samples. Tensors passed in are cloned
 * (cheap: the data is shared), so the caller may dispose its own; call `dispose()` when done.
 */
export class TensorDataset implements Dataset<TensorBatch> {
  private readonly features: Stored;
  private readonly targets: Stored | undefined;
  private disposed = false;

  constructor(features: DatasetInput, targets?: DatasetInput) {
    const where = 'TensorDataset';
    const f = store(where, 'features', features);
    let t: Stored | undefined;
    try {
      t = targets === undefined ? undefined : store(where, 'targets', targets);
      if (t !== undefined && t.n !== f.n) {
        throw new RangeError(`${where}: 'targets' must have as many samples as 'features' (${f.n}); received ${t.n}`);
      }
    } catch (e) {
      if (f.kind === 'tensor') f.tensor.dispose();
      if (t?.kind === 'tensor') t.tensor.dispose();
      throw e;
    }
    this.features = f;
    this.targets = t;
  }

  get length(): number {
    return this.features.n;
  }

  /** Whether the dataset has targets. */
  get hasTargets(): boolean {
    return this.targets !== undefined;
  }

  /** The samples at `indices` as `{ features: [B, ...], targets?: [B, ...] }`; the caller owns the tensors. */
  getBatch(indices: Int32Array): TensorBatch {
    if (this.disposed) throw new Error('TensorDataset.getBatch: the dataset has been disposed');
    for (let i = 0; i < indices.length; i++) {
      const v = indices[i];
      if (v < 0 || v >= this.length) {
        throw new RangeError(`TensorDataset.getBatch: 'indices[${i}]' must be in [0, ${this.length}); received ${v}`);
      }
    }
    const features = batchOf(this.features, indices);
    if (this.targets === undefined) return { features };
    return { features, targets: batchOf(this.targets, indices) };
  }

  /** Releases the tensors this dataset holds (none when it was built from arrays). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.features.kind === 'tensor') this.features.tensor.dispose();
    if (this.targets?.kind === 'tensor') this.targets.tensor.dispose();
  }
}
