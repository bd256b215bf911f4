/**
 * A faster `Conv2DBackpropInput` for the wasm backend (stride 1, NHWC): one XNNPACK convolution in
 * place of tfjs-backend-wasm 4.22's plain-loop kernel, which took ~0.9 s per call on a LeNet-sized
 * layer (dy [64, 14, 14, 64], filter 5×5×32×64).
 *
 * With stride 1 the input gradient of y = conv2d(x, w) (padding top p_t, left p_l) is
 *   dx[n, h, w, ci] = Σ_{kh, kw, co} dy[n, h + p_t − kh, w + p_l − kw, co] · w[kh, kw, ci, co],
 * a "full" convolution of dy with the filter flipped in both spatial axes and its channel axes
 * swapped: w'[kh, kw, co, ci] = w[kH−1−kh, kW−1−kw, ci, co], with padding kH−1−p_t on top and
 * H − oH + p_t at the bottom (likewise for the width). This is the transposed-convolution identity
 * of Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016), §4.1.
 * With stride s > 1 the same identity holds for dy dilated by s (s−1 zero rows / columns inserted
 * between its rows / columns; §4.5 of the same guide), built on the heap in one pass: tfjs 4.22's
 * strided kernel took ~600 ms for a DCGAN generator layer (64→32 channels, 8×8 → 16×16, stride 2).
 * Other cases (NCHW, a padding the identity cannot express) run tfjs's own kernel.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/Conv2DBackpropInput
 */
import {
  backend_util,
  Conv2D,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';
import { runWasmKernel } from './run-wasm-kernel.js';

interface Args {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}

/** w[kh, kw, ci, co] → w'[kh', kw', co, ci] = w[kH−1−kh', kW−1−kw', ci, co], on the heap. */
function flipFilter(filter: TensorInfo, backend: BackendWasm): TensorInfo {
  const [kH, kW, cin, cout] = filter.shape;
  const out = backend.makeOutput([kH, kW, cout, cin], 'float32');
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const f = backend.typedArrayFromHeap(filter) as Float32Array;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      const src = ((kH - 1 - kh) * kW + (kW - 1 - kw)) * cin * cout;
      const dst = (kh * kW + kw) * cout * cin;
      for (let ci = 0; ci < cin; ci++) {
        for (let co = 0; co < cout; co++) o[dst + co * cin + ci] = f[src + ci * cout + co];
      }
    }
  }
  return out;
}

/**
 * dy [N, oH, oW, C] → [N, (oH−1)·sH+1, (oW−1)·sW+1, C] with sH−1 (sW−1) zero rows (columns) between
 * its rows (columns), on the heap in one pass.
 */
function dilateDy(dy: TensorInfo, sH: number, sW: number, backend: BackendWasm): TensorInfo {
  const [n, oH, oW, c] = dy.shape as [number, number, number, number];
  const dH = (oH - 1) * sH + 1;
  const dW = (oW - 1) * sW + 1;
  const out = backend.makeOutput([n, dH, dW, c], 'float32');
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const d = backend.typedArrayFromHeap(dy) as Float32Array;
  o.fill(0);
  for (let b = 0; b < n; b++) {
    for (let h = 0; h < oH; h++) {
      const srcRow = (b * oH + h) * oW * c;
      const dstRow = (b * dH + h * sH) * dW * c;
      for (let w = 0; w < oW; w++) {
        const src = srcRow + w * c;
        o.set(d.subarray(src, src + c), dstRow + w * sW * c);
      }
    }
  }
  return out;
}

function wrap(fallback: KernelFunc): KernelFunc {
  const kernel = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs;
    const dataFormat = attrs.dataFormat ?? 'NHWC';
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    const { inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, filterHeight: kH, filterWidth: kW } = info;
    const { strideHeight: sH, strideWidth: sW } = info;
    // With stride s, dy dilated by s ((s−1) zeros between rows / columns) turns the sum into the
    // stride-1 one over an image of (oH−1)·s+1 rows (Dumoulin & Visin §4.5).
    const dH = Math.max(0, (oH - 1) * sH + 1);
    const dW = Math.max(0, (oW - 1) * sW + 1);
    const top = kH - 1 - info.padInfo.top;
    const left = kW - 1 - info.padInfo.left;
    const bottom = H - dH + info.padInfo.top;
    const right = W - dW + info.padInfo.left;
    const fast =
      info.dataFormat === 'channelsLast' &&
      sH >= 1 &&
      sW >= 1 &&
      dy.dtype === 'float32' &&
      filter.dtype === 'float32' &&
      dy.shape.length === 4 &&
      dy.shape[1] === oH &&
      dy.shape[2] === oW &&
      Math.min(top, left, bottom, right) >= 0 &&
      attrs.inputShape.every((d) => d > 0) &&
      info.outChannels > 0 &&
      info.inChannels > 0;
    if (!fast) return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    if (oH === 0 || oW === 0 || info.batchSize === 0) {
      // No terms in the sum (XNNPACK rejects empty inputs): the gradient is zero.
      const out = backend.makeOutput(attrs.inputShape, 'float32');
      backend.typedArrayFromHeap(out).fill(0);
      return out;
    }
    const strided = sH > 1 || sW > 1;
    const dilated = strided ? dilateDy(dy, sH, sW, backend) : dy;
    const flipped = flipFilter(filter, backend);
    try {
      return runWasmKernel(
        Conv2D,
        { x: dilated, filter: flipped },
        { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC' },
        backend,
      ); // [N, H, W, Cin]
    } finally {
      backend.disposeData(flipped.dataId);
      if (strided) backend.disposeData(dilated.dataId);
    }
  };
  return kernel as unknown as KernelFunc;
}

/**
 * Replaces tfjs-backend-wasm's `Conv2DBackpropInput`: NHWC float32 calls (any stride) run as one
 * XNNPACK convolution (over dy dilated by the stride when it exceeds 1), every other call goes to
 * tfjs's kernel.
 */
export const conv2dBackpropInputWasmReplacement: KernelReplacement = { kernelName: Conv2DBackpropInput, wrap };
