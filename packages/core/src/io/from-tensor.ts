/** Reads a tfjs tensor into an entry that `writeSafetensors` accepts. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { SafetensorsDtype } from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';
import type { SafetensorsInput } from './safetensors-types.js';

/** Options of `fromTensor`. */
export interface FromTensorOptions {
  /**
   * The dtype to store. Float tensors: F32, F16, BF16 or F64; int32 tensors: any integer dtype
   * (values are range-checked when written) or a float dtype; bool tensors: BOOL or U8.
   * @default 'F32' for float32, 'I32' for int32, 'BOOL' for bool tensors
   */
  dtype?: SafetensorsDtype;
}

const ALLOWED: Record<string, readonly SafetensorsDtype[]> = {
  float32: ['F32', 'F16', 'BF16', 'F64'],
  int32: ['I32', 'I64', 'I16', 'I8', 'U8', 'U16', 'U32', 'F32', 'F64'],
  bool: ['BOOL', 'U8'],
};

/**
 * The values of `t` (read with `await t.data()`, so it works on every backend, WebGPU included),
 * its shape and the dtype to store. `t` is not disposed.
 */
export async function fromTensor(t: Tensor, options: FromTensorOptions = {}): Promise<SafetensorsInput> {
  const allowed = ALLOWED[t.dtype];
  if (allowed === undefined) {
    throw new SafetensorsError(`fromTensor: tensors of dtype '${t.dtype}' cannot be stored; expected float32, int32 or bool`);
  }
  const dtype = options.dtype ?? allowed[0];
  if (!allowed.includes(dtype)) {
    throw new SafetensorsError(`fromTensor: a ${t.dtype} tensor can be stored as ${allowed.join(', ')}; received 'dtype' ${JSON.stringify(dtype)}`);
  }
  const data = (await t.data()) as Float32Array | Int32Array | Uint8Array;
  return { dtype, shape: t.shape.slice(), data };
}
