/** Types of the safetensors reader and writer. */
import type { SafetensorsDtype } from './safetensors-dtype.js';

/** The typed arrays tensors are read into. */
export type SafetensorsData = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * One tensor read from a file. `dtype` is the type stored in the file; `data` holds the values,
 * row-major: F32, F16 and BF16 as Float32Array; F64 as Float64Array (Float32Array with
 * `narrowFloat64`); I64 and I32 as Int32Array; BOOL and U8 as Uint8Array; I8, I16, U16, U32 as
 * Int8Array, Int16Array, Uint16Array, Uint32Array.
 */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsData;
}

/** What `readSafetensors` returns. */
export interface SafetensorsFile {
  /** Tensors by name, in the order of their data in the file. */
  tensors: Map<string, SafetensorsTensor>;
  /** The header's `__metadata__` string map (empty when absent). */
  metadata: Record<string, string>;
}

/**
 * One tensor to write. `data` holds `shape`'s product of values, row-major; `dtype` is the type to
 * store, inferred from a typed array when omitted (Float32Array → F32, Float64Array → F64,
 * Int32Array → I32, Uint8Array → U8, …; `boolean[]` → BOOL). Integer dtypes need integer values in
 * range, BOOL needs 0/1 or booleans, F16/BF16 round float32 values to nearest even.
 */
export interface SafetensorsInput {
  dtype?: SafetensorsDtype;
  shape: readonly number[];
  data: SafetensorsData | readonly number[] | readonly boolean[];
}

/** Tensors to write, by name. */
export type SafetensorsInputs = Record<string, SafetensorsInput> | Map<string, SafetensorsInput>;
