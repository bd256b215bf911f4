/**
 * `DepthwiseConv2dNativeBackpropFilter` for the wasm backend: one pass over the tensors' wasm-heap
 * memory with typed arrays (no copies, no cpu backend).
 *
 *   dW[kh, kw, c, m] = Σ_{n, oh, ow} x[n, oh·s_h + kh·d_h − p_top, ow·s_w + kw·d_w − p_left, c] · dy[n, oh, ow, c·M + m]
 *
 * The loops run over dy's pixels outermost and over channels innermost, so every read is
 * contiguous; sums accumulate in float64 and are rounded to float32 once.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/DepthwiseConv2dNativeBackpropFilter
 */
import {
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { checkedConvInfo } from './checked-conv-info.js';

const KERNEL = DepthwiseConv2dNativeBackpropFilter;

function depthwiseConv2dBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  // tfjs's depthwise kernels have no data-format attribute; refuse one that asks for NCHW.
  const dataFormat = (attrs as { dataFormat?: string }).dataFormat ?? 'NHWC';
  if (dataFormat !== 'NHWC') {
    throw new Error(`${KERNEL}: 'dataFormat' must be 'NHWC' (NCHW is not supported); received ${JSON.stringify(dataFormat)}`);
  }
  const info = checkedConvInfo({
    kernel: KERNEL,
    xShape: x.shape,
    filterShape: attrs.filterShape,
    dy,
    other: { name: 'x', info: x },
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

  const acc = new Float64Array(kH * kW * CM);
  // Allocate the output before taking heap views: an allocation can grow (and detach) the heap.
  const out = backend.makeOutput([kH, kW, C, M], 'float32');
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;

  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < oH; oh++) {
      for (let ow = 0; ow < oW; ow++) {
        const dyOff = ((n * oH + oh) * oW + ow) * CM;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * sH + kh * dH - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * sW + kw * dW - left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((n * H + ih) * W + iw) * C;
            const aOff = (kh * kW + kw) * CM;
            if (M === 1) {
              for (let c = 0; c < C; c++) acc[aOff + c] += xs[xOff + c] * dys[dyOff + c];
            } else {
              for (let c = 0; c < C; c++) {
                const xv = xs[xOff + c];
                const base = c * M;
                for (let m = 0; m < M; m++) acc[aOff + base + m] += xv * dys[dyOff + base + m];
              }
            }
          }
        }
      }
    }
  }
  (backend.typedArrayFromHeap(out) as Float32Array).set(acc);
  return out;
}

/** The wasm `DepthwiseConv2dNativeBackpropFilter` kernel (NHWC, any stride, padding, dilation, multiplier). */
export const depthwiseConv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropFilter as unknown as KernelFunc,
};
