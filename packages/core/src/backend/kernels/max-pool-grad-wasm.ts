/**
 * A faster `MaxPoolGrad` for the wasm backend: one pass over the tensors' wasm-heap memory with typed
 * arrays, channels innermost, in place of tfjs-backend-wasm 4.22's kernel (~130 ms on a LeNet-sized
 * [64, 28, 28, 32] input).
 *
 * Each pooling window routes its upstream gradient to the input cell holding the window's maximum
 * (the first such cell in row-major window order, as TensorFlow's and tfjs-backend-cpu's kernels pick
 * it); cells that win several windows sum their gradients, and padding cells never win:
 *   dx[n, h, w, c] = Σ_{(oh, ow) : argmax of window (oh, ow) in channel c is (h, w)} dy[n, oh, ow, c].
 * Non-float32 calls go to tfjs's kernel.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/MaxPoolGrad
 */
import {
  backend_util,
  MaxPoolGrad,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';

interface Args {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, input } = inputs;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32') {
      return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    }
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: oH, outWidth: oW } = info;
    const { strideHeight: sH, strideWidth: sW, filterHeight: fH, filterWidth: fW } = info;
    const { top, left } = info.padInfo;
    if (dy.shape.length !== 4 || dy.shape[0] !== N || dy.shape[1] !== oH || dy.shape[2] !== oW || dy.shape[3] !== C) {
      throw new Error(`${MaxPoolGrad}: 'dy' must have shape [${[N, oH, oW, C].join(', ')}]; received [${dy.shape.join(', ')}]`);
    }
    // Allocate before taking heap views: an allocation can grow (and detach) the heap.
    const out = backend.makeOutput(input.shape, 'float32');
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    const x = backend.typedArrayFromHeap(input) as Float32Array;
    const g = backend.typedArrayFromHeap(dy) as Float32Array;
    dx.fill(0);
    const best = new Float32Array(C);
    const where = new Int32Array(C);
    for (let n = 0; n < N; n++) {
      const xBatch = n * H * W * C;
      for (let oh = 0; oh < oH; oh++) {
        const h0 = oh * sH - top;
        const hStart = Math.max(h0, 0);
        const hEnd = Math.min(h0 + fH, H);
        for (let ow = 0; ow < oW; ow++) {
          const w0 = ow * sW - left;
          const wStart = Math.max(w0, 0);
          const wEnd = Math.min(w0 + fW, W);
          best.fill(-Infinity);
          where.fill(-1);
          for (let h = hStart; h < hEnd; h++) {
            for (let w = wStart; w < wEnd; w++) {
              const off = xBatch + (h * W + w) * C;
              for (let c = 0; c < C; c++) {
                const v = x[off + c];
                if (v > best[c]) {
                  best[c] = v;
                  where[c] = off + c;
                }
              }
            }
          }
          const gOff = ((n * oH + oh) * oW + ow) * C;
          for (let c = 0; c < C; c++) {
            const i = where[c];
            if (i >= 0) dx[i] += g[gOff + c];
          }
        }
      }
    }
    return out;
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `MaxPoolGrad` for float32 data (any window, stride and padding). */
export const maxPoolGradWasmReplacement: KernelReplacement = { kernelName: MaxPoolGrad, wrap };
