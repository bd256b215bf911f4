/** Turns a tensor read from a safetensors file into a tfjs tensor. */
import { tensor, type Tensor } from '@tensorflow/tfjs-core';
import { SafetensorsError } from './safetensors-error.js';
import type { SafetensorsTensor } from './safetensors-types.js';

/**
 * A new tfjs tensor (owned by the caller) with `entry`'s shape and values: float dtypes become
 * float32 (F64 is rounded: tfjs has no float64), integer dtypes int32, BOOL bool. U32 values above
 * 2^31 − 1 cannot be held by int32 and raise an error.
 */
export function toTensor(entry: SafetensorsTensor, name = 'tensor'): Tensor {
  const { dtype, shape, data } = entry;
  switch (dtype) {
    case 'F32':
    case 'F16':
    case 'BF16':
    case 'F64':
      return tensor(data instanceof Float32Array ? data : Float32Array.from(data), shape, 'float32');
    case 'BOOL':
      return tensor(data instanceof Uint8Array ? data : Uint8Array.from(data), shape, 'bool');
    case 'U32':
      for (let i = 0; i < data.length; i++) {
        if (data[i] > 2147483647) {
          throw new SafetensorsError(`toTensor: '${name}' (U32) holds ${data[i]} at flat index ${i}, beyond the int32 range of tfjs`);
        }
      }
      return tensor(Int32Array.from(data), shape, 'int32');
    case 'I64':
    case 'I32':
    case 'I16':
    case 'I8':
    case 'U16':
    case 'U8':
      return tensor(data instanceof Int32Array ? data : Int32Array.from(data), shape, 'int32');
    default:
      throw new SafetensorsError(`toTensor: '${name}' has unsupported dtype ${JSON.stringify(dtype)}`);
  }
}
