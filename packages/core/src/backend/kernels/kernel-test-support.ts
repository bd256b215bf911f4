/**
 * Test support for the wasm training kernels (not part of the package API): seeded inputs, running a
 * kernel on a named backend, and plain-loop references written straight from each kernel's definition.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../random/rng.js';
import { setBackend, type BackendName } from '../set-backend.js';

/** Geometry of a 2-D convolution case, in tfjs's attribute terms. */
export interface ConvCase {
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  dilations: [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat: 'NHWC' | 'NCHW';
}

/**
 * Loads and initialises the backends a kernel suite uses before its hooks run: `describeBackends`'s
 * `beforeAll` has vitest's 10 s default, which a first tfjs import on a busy machine can exceed.
 */
export async function preloadBackends(): Promise<void> {
  await setBackend('cpu');
  await setBackend('wasm');
}

/** `n` standard normal float32 values from a seeded generator. */
export function randomValues(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/** Runs `kernelName` on `backendName` with inputs made from arrays, and returns the output's values. */
export async function runKernelOn(
  backendName: BackendName,
  kernelName: string,
  inputs: Record<string, { values: Float32Array | Int32Array; shape: number[] }>,
  attrs: object,
): Promise<{ values: Float32Array | Int32Array; shape: number[] }> {
  const previous = tf.getBackend() as BackendName;
  if (previous !== backendName) await setBackend(backendName, { allowSoftwareWebGpu: true });
  try {
    const tensors: Record<string, tf.Tensor> = {};
    for (const [name, { values, shape }] of Object.entries(inputs)) {
      tensors[name] = tf.tensor(values, shape, values instanceof Int32Array ? 'int32' : 'float32');
    }
    const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const values = (await out.data()) as Float32Array | Int32Array;
    const shape = out.shape;
    tf.dispose([out, ...Object.values(tensors)]);
    return { values, shape };
  } finally {
    if (previous !== backendName) await setBackend(previous, { allowSoftwareWebGpu: true });
  }
}

/** The forward convolution's geometry for a case. */
export function convInfoOf(c: ConvCase, depthwise: boolean): tf.backend_util.Conv2DInfo {
  const fmt = c.dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst';
  return tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, c.dilations, c.pad, c.dimRoundingMode, depthwise, fmt);
}

/**
 * Visits every (n, oh, ow, kh, kw) whose input pixel (ih, iw) lies inside the image: the index set
 * every convolution gradient sums over.
 */
function forEachTap(info: tf.backend_util.Conv2DInfo, visit: (n: number, oh: number, ow: number, kh: number, kw: number, ih: number, iw: number) => void): void {
  for (let n = 0; n < info.batchSize; n++)
    for (let oh = 0; oh < info.outHeight; oh++)
      for (let ow = 0; ow < info.outWidth; ow++)
        for (let kh = 0; kh < info.filterHeight; kh++)
          for (let kw = 0; kw < info.filterWidth; kw++) {
            const ih = oh * info.strideHeight + kh * info.dilationHeight - info.padInfo.top;
            const iw = ow * info.strideWidth + kw * info.dilationWidth - info.padInfo.left;
            if (ih >= 0 && ih < info.inHeight && iw >= 0 && iw < info.inWidth) visit(n, oh, ow, kh, kw, ih, iw);
          }
}

/** dW[kh, kw, ci, co] = Σ x[n, ih, iw, ci] · dy[n, oh, ow, co] (NHWC or NCHW), by the definition. */
export function referenceConv2dBackpropFilter(c: ConvCase, x: Float32Array, dy: Float32Array): Float64Array {
  const info = convInfoOf(c, false);
  const { inChannels: Ci, outChannels: Co, inHeight: H, inWidth: W, outHeight: oH, outWidth: oW } = info;
  const last = c.dataFormat === 'NHWC';
  const xAt = (n: number, h: number, w: number, ch: number): number =>
    last ? x[((n * H + h) * W + w) * Ci + ch] : x[((n * Ci + ch) * H + h) * W + w];
  const dyAt = (n: number, h: number, w: number, ch: number): number =>
    last ? dy[((n * oH + h) * oW + w) * Co + ch] : dy[((n * Co + ch) * oH + h) * oW + w];
  const out = new Float64Array(info.filterHeight * info.filterWidth * Ci * Co);
  forEachTap(info, (n, oh, ow, kh, kw, ih, iw) => {
    for (let ci = 0; ci < Ci; ci++)
      for (let co = 0; co < Co; co++) out[((kh * info.filterWidth + kw) * Ci + ci) * Co + co] += xAt(n, ih, iw, ci) * dyAt(n, oh, ow, co);
  });
  return out;
}

/** dW[kh, kw, c, m] = Σ x[n, ih, iw, c] · dy[n, oh, ow, c·M + m], by the definition. */
export function referenceDepthwiseBackpropFilter(c: ConvCase, x: Float32Array, dy: Float32Array): Float64Array {
  const info = convInfoOf(c, true);
  const C = info.inChannels;
  const M = info.outChannels / C;
  const out = new Float64Array(info.filterHeight * info.filterWidth * C * M);
  forEachTap(info, (n, oh, ow, kh, kw, ih, iw) => {
    for (let ch = 0; ch < C; ch++)
      for (let m = 0; m < M; m++) {
        const xv = x[((n * info.inHeight + ih) * info.inWidth + iw) * C + ch];
        const dv = dy[((n * info.outHeight + oh) * info.outWidth + ow) * C * M + ch * M + m];
        out[((kh * info.filterWidth + kw) * C + ch) * M + m] += xv * dv;
      }
  });
  return out;
}

/** dx[n, ih, iw, c] = Σ dy[n, oh, ow, c·M + m] · w[kh, kw, c, m], by the definition. */
export function referenceDepthwiseBackpropInput(c: ConvCase, dy: Float32Array, w: Float32Array): Float64Array {
  const info = convInfoOf(c, true);
  const C = info.inChannels;
  const M = info.outChannels / C;
  const out = new Float64Array(info.batchSize * info.inHeight * info.inWidth * C);
  forEachTap(info, (n, oh, ow, kh, kw, ih, iw) => {
    for (let ch = 0; ch < C; ch++)
      for (let m = 0; m < M; m++) {
        const dv = dy[((n * info.outHeight + oh) * info.outWidth + ow) * C * M + ch * M + m];
        out[((n * info.inHeight + ih) * info.inWidth + iw) * C + ch] += dv * w[((kh * info.filterWidth + kw) * C + ch) * M + m];
      }
  });
  return out;
}

/** out[s, ...] = Σ_{ids[i] = s} x[i, ...], ids outside [0, numSegments) dropped, by the definition. */
export function referenceUnsortedSegmentSum(x: ArrayLike<number>, ids: Int32Array, numSegments: number, inner: number): Float64Array {
  const out = new Float64Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= numSegments) continue;
    for (let k = 0; k < inner; k++) out[ids[i] * inner + k] += x[i * inner + k];
  }
  return out;
}

/** Keeps every `dH`-th row and `dW`-th column of a [kH', kW', A, B] filter-shaped array. */
export function subsampleFilter(values: ArrayLike<number>, shape: number[], dH: number, dW: number): Float32Array {
  const [kH, kW, A, B] = shape;
  const oH = Math.floor((kH - 1) / dH) + 1;
  const oW = Math.floor((kW - 1) / dW) + 1;
  const out = new Float32Array(oH * oW * A * B);
  for (let h = 0; h < oH; h++)
    for (let w = 0; w < oW; w++)
      for (let k = 0; k < A * B; k++) out[(h * oW + w) * A * B + k] = values[((h * dH) * kW + w * dW) * A * B + k];
  return out;
}

/** Spreads a [kH, kW, A, B] filter to its dilated size, with zeros between the taps. */
export function dilateFilter(values: ArrayLike<number>, shape: number[], dH: number, dW: number): { values: Float32Array; shape: number[] } {
  const [kH, kW, A, B] = shape;
  const eH = (kH - 1) * dH + 1;
  const eW = (kW - 1) * dW + 1;
  const out = new Float32Array(eH * eW * A * B);
  for (let h = 0; h < kH; h++)
    for (let w = 0; w < kW; w++)
      for (let k = 0; k < A * B; k++) out[((h * dH) * eW + w * dW) * A * B + k] = values[(h * kW + w) * A * B + k];
  return { values: out, shape: [eH, eW, A, B] };
}

/** A seeded random convolution case: shapes, strides, dilations, every padding kind, rounding modes. */
export function randomConvCase(rng: Rng, options: { depthwise: boolean; dilation: boolean; nchw: boolean; maxExtra: number }): ConvCase {
  const dataFormat = options.nchw && rng.random() < 0.25 ? 'NCHW' : 'NHWC';
  const C = 1 + rng.int(4);
  const filterShape: ConvCase['filterShape'] = [1 + rng.int(4), 1 + rng.int(4), C, 1 + rng.int(options.depthwise ? 3 : 5)];
  const strides: [number, number] = [1 + rng.int(3), 1 + rng.int(3)];
  const dilations: [number, number] = options.dilation && rng.random() < 0.35 ? [1 + rng.int(3), 1 + rng.int(2)] : [1, 1];
  const H = (filterShape[0] - 1) * dilations[0] + 1 + rng.int(options.maxExtra + 1);
  const W = (filterShape[1] - 1) * dilations[1] + 1 + rng.int(options.maxExtra + 1);
  const N = 1 + rng.int(3);
  const xShape: ConvCase['xShape'] = dataFormat === 'NHWC' ? [N, H, W, C] : [N, C, H, W];
  const kind = rng.int(4);
  const c: ConvCase = { xShape, filterShape, strides, dilations, pad: 'valid', dataFormat };
  if (kind === 1) c.pad = 'same';
  if (kind === 2) {
    c.pad = rng.int(3);
    c.dimRoundingMode = (['floor', 'round', 'ceil'] as const)[rng.int(3)];
  }
  if (kind === 3) {
    const hw: [number, number][] = [[rng.int(3), rng.int(3)], [rng.int(3), rng.int(3)]];
    c.pad = dataFormat === 'NHWC' ? [[0, 0], hw[0], hw[1], [0, 0]] : [[0, 0], [0, 0], hw[0], hw[1]];
  }
  return c;
}

/** A short description of a case for failure messages. */
export function describeCase(c: ConvCase): string {
  return JSON.stringify(c);
}

/** Depthwise edge cases shared by the filter- and input-gradient suites (NHWC; filter [kH, kW, C, M]). */
export const DEPTHWISE_EDGE_CASES: ConvCase[] = [
  // channel multiplier > 1
  { xShape: [2, 6, 6, 2], filterShape: [3, 3, 2, 3], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // stride larger than the kernel
  { xShape: [1, 7, 7, 3], filterShape: [1, 1, 3, 2], strides: [3, 3], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  { xShape: [2, 7, 6, 2], filterShape: [2, 2, 2, 1], strides: [3, 2], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // 1×1 image and filter, batch 1
  { xShape: [1, 1, 1, 4], filterShape: [1, 1, 4, 2], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // input rows and columns the forward pass never read
  { xShape: [1, 6, 6, 1], filterShape: [3, 3, 1, 1], strides: [2, 2], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  // numeric padding with 'ceil' rounding, and explicit asymmetric padding
  { xShape: [1, 7, 7, 2], filterShape: [3, 3, 2, 2], strides: [2, 2], dilations: [1, 1], pad: 1, dimRoundingMode: 'ceil', dataFormat: 'NHWC' },
  { xShape: [2, 5, 6, 3], filterShape: [3, 2, 3, 2], strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [2, 0], [1, 2], [0, 0]], dataFormat: 'NHWC' },
  // dilation
  { xShape: [1, 9, 9, 2], filterShape: [3, 2, 2, 2], strides: [1, 1], dilations: [2, 3], pad: 'valid', dataFormat: 'NHWC' },
  { xShape: [2, 8, 8, 3], filterShape: [2, 3, 3, 1], strides: [1, 1], dilations: [2, 2], pad: 'same', dataFormat: 'NHWC' },
  // many channels
  { xShape: [2, 8, 8, 16], filterShape: [3, 3, 16, 1], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
];
