/**
 * Max/average pooling on NHWC input with PyTorch's symmetric padding and floor rounding.
 * Max pooling ignores padded cells (PyTorch pads with −∞). Average pooling with `countIncludePad`
 * (PyTorch's default) pads zeros and divides by the full window; without it, divides by the cells
 * inside the input.
 */
import * as tf from '@tensorflow/tfjs-core';
import { toTuple } from './args.js';

export interface Pool2dSpec {
  kernelSize: number[];
  stride: number[];
  padding: number[];
}

/** Parses `kernelSize`, `stride` (default kernelSize) and `padding` (≤ half the kernel, as PyTorch). */
export function poolSpec(kernelSize: unknown, stride: unknown, padding: unknown, n: number, where: string): Pool2dSpec {
  const k = toTuple(kernelSize, n, 'kernelSize', where);
  const s = stride === undefined || stride === null ? [...k] : toTuple(stride, n, 'stride', where);
  const p = toTuple(padding ?? 0, n, 'padding', where, 0);
  if (p.some((pi, i) => 2 * pi > k[i])) {
    throw new Error(`${where}: 'padding' must be at most half the kernel size [${k.join(', ')}]; received [${p.join(', ')}]`);
  }
  return { kernelSize: k, stride: s, padding: p };
}

export function pool2dNhwc(x: tf.Tensor4D, mode: 'max' | 'avg', spec: Pool2dSpec, countIncludePad: boolean, where: string): tf.Tensor4D {
  const [kh, kw] = spec.kernelSize;
  const [ph, pw] = spec.padding;
  const out = [x.shape[1], x.shape[2]].map((n, i) => Math.floor((n + 2 * spec.padding[i] - spec.kernelSize[i]) / spec.stride[i]) + 1);
  if (out.some((o) => o <= 0)) {
    throw new Error(`${where}.forward: the kernel [${spec.kernelSize.join(', ')}] does not fit input [${x.shape.join(', ')}] with padding [${spec.padding.join(', ')}]`);
  }
  const stride = spec.stride as [number, number];
  const explicit: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
  if (mode === 'max') return tf.maxPool(x, [kh, kw], stride, ph + pw > 0 ? explicit : 'valid');
  if (ph + pw === 0) return tf.avgPool(x, [kh, kw], stride, 'valid');
  const summed = tf.avgPool(tf.pad(x, explicit), [kh, kw], stride, 'valid'); // zero-padded mean
  if (countIncludePad) return summed;
  // Rescale by window size / cells inside the input. (tfjs's own padded avgPool excludes padding in
  // forward but its AvgPoolGrad divides by the full window, so its gradient would be wrong.)
  return tf.mul(summed, windowScale([x.shape[1], x.shape[2]], out, spec));
}

/** `[1, Ho, Wo, 1]`: kh·kw / (number of window cells inside the input) per output position. */
function windowScale(inSize: number[], out: number[], spec: Pool2dSpec): tf.Tensor {
  const inside = (axis: number, o: number): number => {
    const start = o * spec.stride[axis] - spec.padding[axis];
    return Math.min(start + spec.kernelSize[axis], inSize[axis]) - Math.max(start, 0);
  };
  const scale = new Float32Array(out[0] * out[1]);
  const full = spec.kernelSize[0] * spec.kernelSize[1];
  for (let i = 0; i < out[0]; i++) {
    for (let j = 0; j < out[1]; j++) scale[i * out[1] + j] = full / (inside(0, i) * inside(1, j));
  }
  return tf.tensor(scale, [1, out[0], out[1], 1]);
}
