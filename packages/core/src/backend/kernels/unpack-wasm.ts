/**
 * `Unpack` (`tf.unstack`) for the wasm backend: each piece copied heap to heap (see `slice-wasm.ts`),
 * instead of tfjs-backend-wasm 4.22's one whole-input `readSync` per piece.
 */
import { Unpack, type KernelFunc, type TensorInfo, type UnpackAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';
import { sliceOnHeap } from './slice-wasm.js';

interface Args {
  inputs: { value: TensorInfo };
  backend: BackendWasm;
  attrs: UnpackAttrs;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo[] => {
    const { inputs: { value }, backend, attrs } = args;
    const rank = value.shape.length;
    const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
    if (value.dtype === 'string' || axis < 0 || axis >= rank) return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo[];
    const outShape = value.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = value.shape.slice();
    size[axis] = 1;
    const n = value.shape[axis] as number;
    const outs: TensorInfo[] = [];
    for (let i = 0; i < n; i++) {
      begin[axis] = i;
      outs.push(sliceOnHeap(value, begin, size, backend, outShape.slice()));
    }
    return outs;
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `Unpack` (numeric dtypes) with heap-to-heap copies. */
export const unpackWasmReplacement: KernelReplacement = { kernelName: Unpack, wrap };
