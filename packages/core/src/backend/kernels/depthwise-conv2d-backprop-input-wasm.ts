/**
 * `DepthwiseConv2dNativeBackpropInput` for the wasm backend: one pass over the tensors' wasm-heap
 * memory with typed arrays (no copies, no cpu backend).
 *
 *   dx[n, ih, iw, c] = Σ_{oh, ow, kh, kw, m : ih = oh·s_h + kh·d_h − p_top, iw = ow·s_w + kw·d_w − p_left}
 *                      dy[n, oh, ow, c·M + m] · w[kh, kw, c, m]
 *
 * Each dx pixel gathers the (dy pixel, tap) pairs whose window covered it, with channels innermost
 * so every read is contiguous; sums accumulate in float64 and are written once.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/DepthwiseConv2dNativeBackpropInput
 */
import {
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { checkedConvInfo } from './checked-conv-info.js';

const KERNEL = DepthwiseConv2dNativeBackpropInput;

function depthwiseConv2dBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  // tfjs's depthwise kernels have no data-format attribute; refuse one that asks for NCHW.
  const dataFormat = (attrs as { dataFormat?: string }).dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC') {
    throw new Error(`${KERNEL}: 'dataFormat' must be 'NHWC' (NCHW is not supported); received ${JSON.stringify(dataFormat)}`);
  }
  const info = checkedConvInfo({
    kernel: KERNEL,
    xShape: attrs.inputShape,
    filterShape: filter.shape,
    dy,
    other: { name: 'filter', info: filter },
    strides: attrs.strides,
    dilations: attrs.dilations ?? 1,
    pad: attrs.pad,
    dimRoundingMode: attrs.dimRoundingMode,
    depthwise: true,
    dataFormat: 'NHWC',
  });
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: oH, outWidth: oW } = info;
  const { filterHeight: kH, filterWidth: kW, strideHeight: sH, strideWidth: sW } = info;
  const { dilationHeight: dH, dilationWidth: dW } = info;
  const M = info.outChannels / C;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const CM = C * M;

  // Allocate the output before taking heap views: an allocation can grow (and detach) the heap.
  const out = backend.makeOutput([N, H, W, C], 'float32');
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const ws = backend.typedArrayFromHeap(filter) as Float32Array;
  const acc = new Float64Array(C); // one dx pixel's channels, summed in float64, written once

  for (let n = 0; n < N; n++) {
    for (let ih = 0; ih < H; ih++) {
      for (let iw = 0; iw < W; iw++) {
        acc.fill(0);
        for (let kh = 0; kh < kH; kh++) {
          // dx row ih receives dy row oh when oh·s_h + kh·d_h − top = ih.
          const th = ih + top - kh * dH;
          if (th < 0 || th % sH !== 0) continue;
          const oh = th / sH;
          if (oh >= oH) continue;
          for (let kw = 0; kw < kW; kw++) {
            const tw = iw + left - kw * dW;
            if (tw < 0 || tw % sW !== 0) continue;
            const ow = tw / sW;
            if (ow >= oW) continue;
            const dyOff = ((n * oH + oh) * oW + ow) * CM;
            const wOff = (kh * kW + kw) * CM;
            if (M === 1) {
              for (let c = 0; c < C; c++) acc[c] += dys[dyOff + c] * ws[wOff + c];
            } else {
              for (let c = 0; c < C; c++) {
                const base = c * M;
                for (let m = 0; m < M; m++) acc[c] += dys[dyOff + base + m] * ws[wOff + base + m];
              }
            }
          }
        }
        dx.set(acc, ((n * H + ih) * W + iw) * C);
      }
    }
  }
  return out;
}

/** The wasm `DepthwiseConv2dNativeBackpropInput` kernel (NHWC, any stride, padding, dilation, multiplier). */
export const depthwiseConv2dBackpropInputWasmConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropInput as unknown as KernelFunc,
};
