/**
 * `DepthwiseConv2dNativeBackpropInput` for the wasm backend: one pass over the tensors' wasm-heap
 * memory with typed arrays (no copies, no cpu backend).
 *
 *   dx[n, ih, iw, c] = Σ_{oh, ow, kh, kw, m : ih = oh·s_h + kh·d_h − p_top, iw = ow·s_w + kw·d_w − p_left}
 *                      dy[n, oh, ow, c·M + m] · w[kh, kw, c, m]
 *
 * Each dy pixel scatters into the dx pixels its window covered; every dx element receives at most
 * kH·kW·M terms, so float32 accumulation in place is exact to a few ulps.
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
  dx.fill(0);

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
            const dxOff = ((n * H + ih) * W + iw) * C;
            const wOff = (kh * kW + kw) * CM;
            if (M === 1) {
              for (let c = 0; c < C; c++) dx[dxOff + c] += dys[dyOff + c] * ws[wOff + c];
            } else {
              for (let c = 0; c < C; c++) {
                const base = c * M;
                let s = 0;
                for (let m = 0; m < M; m++) s += dys[dyOff + base + m] * ws[wOff + base + m];
                dx[dxOff + c] += s;
              }
            }
          }
        }
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
