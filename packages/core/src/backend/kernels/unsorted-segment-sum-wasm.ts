/**
 * `UnsortedSegmentSum` for the wasm backend: the gradient of `gather` (so of every embedding), as one
 * pass over the tensors' wasm-heap memory with typed arrays.
 *
 *   out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...]      for s in [0, numSegments)
 *
 * `segmentIds` covers a leading prefix of `x`'s dimensions (any rank); ids that are negative or not
 * below `numSegments` are dropped, as TensorFlow does. Sums accumulate in the output's dtype, as
 * TensorFlow's CPU kernel does. Cost O(x.size), against O(numSegments · x.size) for tfjs-backend-cpu's
 * one-mask-per-segment kernel.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/math/unsorted_segment_sum
 */
import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  const kernel = UnsortedSegmentSum;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`${kernel}: 'x' must be float32 or int32; received ${x.dtype}`);
  }
  if (segmentIds.dtype !== 'int32') {
    throw new Error(`${kernel}: 'segmentIds' must be int32; received ${segmentIds.dtype}`);
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`${kernel}: 'numSegments' must be a non-negative integer; received ${String(numSegments)}`);
  }
  const idRank = segmentIds.shape.length;
  if (idRank > x.shape.length || segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(
      `${kernel}: 'segmentIds' shape must be a prefix of x's shape [${x.shape.join(', ')}]; ` +
        `received [${segmentIds.shape.join(', ')}]`,
    );
  }
  const innerShape = x.shape.slice(idRank);
  const inner = innerShape.reduce((a, b) => a * b, 1);

  // Allocate the output before taking heap views: an allocation can grow (and detach) the heap.
  const out = backend.makeOutput([numSegments, ...innerShape], x.dtype);
  const o = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const xs = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const ids = backend.typedArrayFromHeap(segmentIds) as Int32Array;
  o.fill(0);
  const rows = ids.length;
  // An Int32Array store wraps modulo 2^32, as int32 arithmetic does in TensorFlow.
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue;
    const oOff = s * inner;
    const xOff = r * inner;
    for (let k = 0; k < inner; k++) o[oOff + k] += xs[xOff + k];
  }
  return out;
}

/** The wasm `UnsortedSegmentSum` kernel (float32 or int32 data, int32 ids of any rank). */
export const unsortedSegmentSumWasmConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
