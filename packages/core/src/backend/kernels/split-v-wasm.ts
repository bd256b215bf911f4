/**
 * `SplitV` for the wasm backend: each piece copied heap to heap (see `slice-wasm.ts`), instead of
 * tfjs-backend-wasm 4.22's one whole-input `readSync` per piece.
 */
import { SplitV, backend_util, util, type KernelFunc, type SplitVAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';
import { sliceOnHeap } from './slice-wasm.js';

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: SplitVAttrs;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo[] => {
    const { inputs: { x }, backend, attrs } = args;
    if (x.dtype === 'string') return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo[];
    const axis = util.parseAxisParam(attrs.axis, x.shape)[0] as number;
    const sizes = backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    const size = x.shape.slice();
    return sizes.map((s) => {
      size[axis] = s;
      const piece = sliceOnHeap(x, begin, size, backend);
      begin[axis] = (begin[axis] as number) + s;
      return piece;
    });
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `SplitV` (numeric dtypes) with heap-to-heap copies. */
export const splitVWasmReplacement: KernelReplacement = { kernelName: SplitV, wrap };
