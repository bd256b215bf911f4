/**
 * `Slice`, `SplitV` and `Unpack` for the wasm backend, copying straight between wasm-heap regions.
 * tfjs-backend-wasm 4.22's `Slice` first reads the whole input out of the heap (`readSync`, a
 * `HEAPU8.slice` copy: measured ~2.3 ms for 1.1 MB in Node 20), and its `SplitV` and `Unpack` call
 * that `Slice` once per piece, so cutting a tensor into n pieces copied it n times (a `tf.profile` of
 * an LSTM training step gave them 25 of 167 ms of kernel time). Here each piece is copied heap to heap in
 * strided blocks of contiguous runs (runs are the innermost slice axes that are taken whole), with
 * `copyHeapRows`.
 *
 * String tensors keep tfjs's kernels (their bytes live outside the heap).
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/slice
 */
import {
  Slice,
  slice_util,
  util,
  type KernelFunc,
  type SliceAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { copyHeapRows } from './heap-copy.js';
import type { KernelReplacement } from './kernel-replacement.js';

/**
 * Allocates `[...size]` and fills it with `x[begin : begin + size]` (begin and size already parsed:
 * non-negative, within bounds, one entry per axis of `x`). Returns the new heap tensor with shape
 * `outShape` (the slice's shape unless given, e.g. without the unpacked axis).
 */
export function sliceOnHeap(
  x: TensorInfo,
  begin: readonly number[],
  size: readonly number[],
  backend: BackendWasm,
  outShape: number[] = size.slice(),
): TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  const total = util.sizeFromShape(size as number[]);
  if (total === 0) return out;
  // Views are taken after the allocation (an allocation may grow the heap and detach them).
  const xs = backend.typedArrayFromHeap(x);
  const os = backend.typedArrayFromHeap(out);
  const shape = x.shape;
  const rank = shape.length;
  if (rank === 0) {
    os[0] = xs[0] as number;
    return out;
  }
  // Axes after k are taken whole, so each step along axis k − 1 copies one contiguous run; each
  // step of the axes before it copies a block of such runs (one strided-row copy).
  let k = rank - 1;
  while (k > 0 && size[k] === shape[k]) k--;
  const strides = util.computeStrides(shape as number[]); // rank − 1 entries
  const stride = (axis: number): number => (axis === rank - 1 ? 1 : (strides[axis] as number));
  const run = (size[k] as number) * stride(k);
  const bpe = xs.BYTES_PER_ELEMENT;
  let src = 0;
  for (let axis = 0; axis <= k; axis++) src += (begin[axis] as number) * stride(axis);
  if (k === 0) {
    copyHeapRows(backend, xs.buffer, os.byteOffset, xs.byteOffset + src * bpe, 1, run * bpe, 0, 0);
    return out;
  }
  const rowAxis = k - 1;
  const rows = size[rowAxis] as number;
  const rowStride = stride(rowAxis);
  const blocks = total / (run * rows);
  const counter = new Array<number>(rowAxis).fill(0);
  for (let b = 0, dst = 0; b < blocks; b++, dst += rows * run) {
    copyHeapRows(backend, xs.buffer, os.byteOffset + dst * bpe, xs.byteOffset + src * bpe, rows, run * bpe, run * bpe, rowStride * bpe);
    // Odometer over axes k − 2 … 0 of the slice.
    for (let axis = rowAxis - 1; axis >= 0; axis--) {
      src += stride(axis);
      const c = (counter[axis] as number) + 1;
      counter[axis] = c;
      if (c < (size[axis] as number)) break;
      counter[axis] = 0;
      src -= (size[axis] as number) * stride(axis);
    }
  }
  return out;
}

interface Args {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: SliceAttrs;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs: { x }, backend, attrs } = args;
    if (x.dtype === 'string') return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    const [begin, size] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
    slice_util.assertParamsValid(x, begin, size);
    return sliceOnHeap(x, begin, size, backend);
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `Slice` (numeric dtypes) with heap-to-heap copies. */
export const sliceWasmReplacement: KernelReplacement = { kernelName: Slice, wrap };
