/**
 * Dilates a kernel by inserting `d − 1` zeros between taps along each spatial axis, so that a dilated
 * convolution runs as an undilated one. tfjs 4.22's conv gradients reject dilation > 1; slice and
 * concat have gradients, so dilated convs train. (Built at the kernel's own rank: WebGPU's pad
 * kernel fails on rank 5.)
 */
import * as tf from '@tensorflow/tfjs-core';

/** `kernel`: `[k0, k1, …, in, out]`; `dilation[i]` applies to axis `i`. Returns `[(k0−1)d0+1, …]`. */
export function dilateKernel(kernel: tf.Tensor, dilation: number[]): tf.Tensor {
  let w = kernel;
  dilation.forEach((d, axis) => {
    const k = w.shape[axis];
    if (d === 1 || k === 1) return;
    const taps = tf.split(w, k, axis); // k × [..., 1, ...]
    const gap = tf.zeros(w.shape.map((s, i) => (i === axis ? d - 1 : s)));
    const pieces = taps.flatMap((t, i) => (i === 0 ? [t] : [gap, t]));
    w = tf.concat(pieces, axis); // [..., (k−1)·d + 1, ...]
  });
  return w;
}
