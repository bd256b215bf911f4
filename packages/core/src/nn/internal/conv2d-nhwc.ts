/**
 * The convolution all conv layers share: NHWC input, kernel `[kh, kw, in/groups, out]` (PyTorch's
 * `[out, in/groups, kh, kw]` permuted), explicit zero padding, stride, dilation and groups.
 *
 * Dilation is applied to the kernel (see `dilateKernel`), so tfjs sees an undilated conv, whose
 * gradients it supports for any stride. groups = 1 → `conv2d` with the padding passed to the kernel
 * (explicit padding); the other paths pad the input and run 'valid' convs: groups = in with one input channel per group → `depthwiseConv2d` (output channel c·m + j, PyTorch's
 * order); other groups → one conv per group, concatenated.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dilateKernel } from './dilate-kernel.js';

export interface Conv2dSpec {
  stride: number[];
  /** `[[top, bottom], [left, right]]` */
  padding: number[][];
  dilation: number[];
  groups: number;
}

export function conv2dNhwc(x: tf.Tensor4D, weight: tf.Tensor, bias: tf.Tensor | null, spec: Conv2dSpec): tf.Tensor4D {
  const w = dilateKernel(weight, spec.dilation) as tf.Tensor4D; // [kh', kw', in/g, out]
  const [[t, b], [l, r]] = spec.padding;
  const stride = spec.stride as [number, number];
  const inChannels = x.shape[3];
  let y: tf.Tensor4D;
  if (spec.groups === 1) {
    // Padding passed to the kernel: no padded copy of x forward, no slice of its gradient backward.
    const explicit: tf.backend_util.ExplicitPadding = [[0, 0], [t, b], [l, r], [0, 0]];
    return addBias(tf.conv2d(x, w, stride, t + b + l + r > 0 ? explicit : 'valid'), bias);
  }
  const xp = t + b + l + r > 0 ? tf.pad(x, [[0, 0], [t, b], [l, r], [0, 0]]) : x; // [N, H+t+b, W+l+r, in]
  if (spec.groups === inChannels) {
    const [kh, kw, , out] = w.shape;
    const depthwise = tf.reshape(w, [kh, kw, inChannels, out / inChannels]) as tf.Tensor4D;
    y = tf.depthwiseConv2d(xp, depthwise, stride, 'valid');
  } else {
    const xs = tf.split(xp, spec.groups, 3) as tf.Tensor4D[];
    const ws = tf.split(w, spec.groups, 3) as tf.Tensor4D[];
    y = tf.concat(xs.map((xi, i) => tf.conv2d(xi, ws[i], stride, 'valid')), 3);
  }
  return addBias(y, bias);
}

function addBias(y: tf.Tensor4D, bias: tf.Tensor | null): tf.Tensor4D {
  return bias === null ? y : tf.add(y, bias); // [N, Ho, Wo, out]
}
