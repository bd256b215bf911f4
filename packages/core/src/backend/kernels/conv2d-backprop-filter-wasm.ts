/**
 * `Conv2DBackpropFilter` for the wasm backend, as one XNNPACK convolution.
 *
 * The filter gradient of y = conv2d(x, w) (stride s, dilation d, padding p) is
 *   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·s_h + kh·d_h − p_top, ow·s_w + kw·d_w − p_left, ci] · dy[n, oh, ow, co],
 * which is itself a convolution (the identity behind TensorFlow's and cuDNN's "backward filter" via
 * forward conv): take x' = x transposed to [Cin, H, W, N] (Cin as the batch, N as the channels) and
 * f' = dy transposed to [oH, oW, N, Cout] as the filter; then conv2d(x', f') with stride d, dilation s
 * and explicit padding gives [Cin, kH, kW, Cout], which a transpose turns into [kH, kW, Cin, Cout].
 * Every step runs in the wasm backend's own kernels (Transpose, Conv2D on XNNPACK, Slice).
 *
 * When kH·kW·Cin is small (a first layer on grey or RGB images), that convolution has a tiny output
 * and a huge filter, which XNNPACK runs slowly; there the sum runs instead as one matrix product
 * dW = Pᵀ · dy with Pᵀ [kH·kW·Cin, N·oH·oW] the transposed im2col patch matrix of x (written on the
 * heap) and dy read as [N·oH·oW, Cout] in place (NHWC only).
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/Conv2DBackpropFilter
 */
import {
  BatchMatMul,
  Conv2D,
  Conv2DBackpropFilter,
  Reshape,
  Slice,
  Transpose,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { checkedConvInfo } from './checked-conv-info.js';
import { runWasmKernel } from './run-wasm-kernel.js';

/** tfjs's attributes, plus `dilations`, which tfjs never passes (its conv2d gradient requires 1). */
type Attrs = Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

function conv2dBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Attrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const dataFormat = attrs.dataFormat ?? 'NHWC';
  const info = checkedConvInfo({
    kernel: Conv2DBackpropFilter,
    xShape: x.shape,
    filterShape: attrs.filterShape,
    dy,
    other: { name: 'x', info: x },
    strides: attrs.strides,
    dilations: attrs.dilations ?? 1,
    pad: attrs.pad,
    dimRoundingMode: attrs.dimRoundingMode,
    depthwise: false,
    dataFormat,
  });
  const { inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, filterHeight: kH, filterWidth: kW } = info;
  const { inChannels: Cin, outChannels: Cout, strideHeight: sH, strideWidth: sW } = info;
  const { dilationHeight: dH, dilationWidth: dW } = info;
  const filterShape = [kH, kW, Cin, Cout];

  if (x.shape.some((v) => v === 0) || dy.shape.some((v) => v === 0)) {
    // No terms in the sum: the gradient is zero.
    const out = backend.makeOutput(filterShape, 'float32');
    backend.typedArrayFromHeap(out).fill(0);
    return out;
  }

  // Pad the bottom/right just enough for kH×kW outputs; any extra rows or columns the input has
  // beyond what the forward pass read come out as surplus outputs, cropped below.
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const bottom = Math.max(0, (kH - 1) * dH + (oH - 1) * sH + 1 - H - top);
  const right = Math.max(0, (kW - 1) * dW + (oW - 1) * sW + 1 - W - left);

  const channelsLast = info.dataFormat === 'channelsLast';
  if (channelsLast && kH * kW * Cin <= SMALL_PATCH) return patchProduct(x, dy, info, backend);
  const temps: TensorInfo[] = [];
  try {
    const xT = runWasmKernel(Transpose, { x }, { perm: channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0] }, backend); // [Cin, H, W, N]
    temps.push(xT);
    const dyT = runWasmKernel(Transpose, { x: dy }, { perm: channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1] }, backend); // [oH, oW, N, Cout]
    temps.push(dyT);
    let grad = runWasmKernel(
      Conv2D,
      { x: xT, filter: dyT },
      {
        strides: [dH, dW],
        dilations: [sH, sW],
        pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
        dataFormat: 'NHWC',
      },
      backend,
    ); // [Cin, ≥kH, ≥kW, Cout]
    temps.push(grad);
    if (grad.shape[1] !== kH || grad.shape[2] !== kW) {
      grad = runWasmKernel(Slice, { x: grad }, { begin: [0, 0, 0, 0], size: [Cin, kH, kW, Cout] }, backend); // [Cin, kH, kW, Cout]
      temps.push(grad);
    }
    return runWasmKernel(Transpose, { x: grad }, { perm: [1, 2, 0, 3] }, backend); // [kH, kW, Cin, Cout]
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

/** Largest kH·kW·Cin summed as Pᵀ · dy (LeNet's 5×5×1 layer on [64, 28, 28, 1]: 21 ms before, 13–16 ms after, in profiles on a loaded machine). */
const SMALL_PATCH = 75;

/** dW = Pᵀ · dy, Pᵀ[(kh, kw, ci), (n, oh, ow)] = x[n, oh·sH + kh·dH − top, ow·sW + kw·dW − left, ci] (0 outside). */
function patchProduct(x: TensorInfo, dy: TensorInfo, info: ReturnType<typeof checkedConvInfo>, backend: BackendWasm): TensorInfo {
  const { batchSize: N, inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, filterHeight: kH, filterWidth: kW } = info;
  const { inChannels: Cin, outChannels: Cout, strideHeight: sH, strideWidth: sW, dilationHeight: dH, dilationWidth: dW } = info;
  const cols = N * oH * oW;
  const temps: TensorInfo[] = [];
  try {
    const patches = backend.makeOutput([kH * kW * Cin, cols], 'float32');
    temps.push(patches);
    const p = backend.typedArrayFromHeap(patches) as Float32Array;
    const xs = backend.typedArrayFromHeap(x) as Float32Array;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        for (let ci = 0; ci < Cin; ci++) {
          const row = ((kh * kW + kw) * Cin + ci) * cols;
          for (let n = 0; n < N; n++) {
            for (let oh = 0; oh < oH; oh++) {
              const at = row + (n * oH + oh) * oW;
              const ih = oh * sH + kh * dH - info.padInfo.top;
              if (ih < 0 || ih >= H) {
                p.fill(0, at, at + oW);
                continue;
              }
              const xRow = (n * H + ih) * W;
              for (let ow = 0; ow < oW; ow++) {
                const iw = ow * sW + kw * dW - info.padInfo.left;
                p[at + ow] = iw >= 0 && iw < W ? xs[(xRow + iw) * Cin + ci] : 0;
              }
            }
          }
        }
      }
    }
    const dy2 = runWasmKernel(Reshape, { x: dy }, { shape: [cols, Cout] }, backend); // NHWC: no copy
    temps.push(dy2);
    const out = runWasmKernel(BatchMatMul, { a: patches, b: dy2 }, { transposeA: false, transposeB: false }, backend);
    out.shape = [kH, kW, Cin, Cout];
    return out;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

/** The wasm `Conv2DBackpropFilter` kernel (NHWC and NCHW, any stride, padding and dilation). */
export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
