/**
 * `OneHot` for the wasm backend with a non-int32 output dtype. tfjs-backend-wasm 4.22's kernel writes
 * int32 values whatever the requested dtype, so `tf.oneHot(indices, depth, 1, 0, 'float32')` reads
 * back as 1.4e-45 (the float32 whose bits are the int32 1) instead of 1. This replacement fills
 * float32 (and bool) outputs in one pass over the wasm heap; int32 outputs keep tfjs's kernel.
 *
 *   out[..., j] = onValue if indices[...] = j else offValue,   for j in [0, depth)
 *
 * Indices outside [0, depth) (negative ones included) give a row of `offValue`, as TensorFlow does.
 */
import { OneHot, type KernelFunc, type OneHotAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';

interface Args {
  inputs: { indices: TensorInfo };
  backend: BackendWasm;
  attrs: OneHotAttrs;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs: { indices }, backend, attrs } = args;
    const { depth, onValue, offValue, dtype } = attrs;
    if (dtype === 'int32' || indices.dtype !== 'int32') return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    if (dtype !== 'float32' && dtype !== 'bool') {
      throw new Error(`${OneHot}: 'dtype' must be float32, int32 or bool; received ${String(dtype)}`);
    }
    // Allocate the output before taking heap views: an allocation can grow (and detach) the heap.
    const out = backend.makeOutput([...indices.shape, depth], dtype);
    const o = backend.typedArrayFromHeap(out) as Float32Array | Uint8Array;
    const ids = backend.typedArrayFromHeap(indices) as Int32Array;
    const on = dtype === 'bool' ? Number(onValue !== 0) : onValue;
    const off = dtype === 'bool' ? Number(offValue !== 0) : offValue;
    o.fill(off);
    for (let r = 0; r < ids.length; r++) {
      const j = ids[r]!;
      if (j >= 0 && j < depth) o[r * depth + j] = on;
    }
    return out;
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `OneHot` for float32 and bool outputs (it writes int32 bits into them). */
export const oneHotWasmReplacement: KernelReplacement = { kernelName: OneHot, wrap };
