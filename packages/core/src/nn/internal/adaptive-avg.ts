/**
 * Adaptive average pooling along one axis, PyTorch's bins: output i averages input
 * [⌊i·n/o⌋, ⌈(i+1)·n/o⌉). Rectangular 2-D bins are the product of 1-D bins, so 2-D pooling applies
 * this along H then W (a mean of row means over equal-sized rows is the rectangle's mean).
 */
import * as tf from '@tensorflow/tfjs-core';

export function adaptiveAvgAxis(x: tf.Tensor, axis: number, outSize: number): tf.Tensor {
  const n = x.shape[axis];
  if (outSize === n) return x;
  if (outSize === 1) return tf.mean(x, axis, true);
  if (n % outSize === 0) {
    // equal bins: reshape [.., o, n/o, ..] and average the inner axis
    const shape = [...x.shape.slice(0, axis), outSize, n / outSize, ...x.shape.slice(axis + 1)];
    return tf.mean(tf.reshape(x, shape), axis + 1);
  }
  const bins: tf.Tensor[] = [];
  for (let i = 0; i < outSize; i++) {
    const start = Math.floor((i * n) / outSize);
    const end = Math.ceil(((i + 1) * n) / outSize);
    const begin = x.shape.map((_, a) => (a === axis ? start : 0));
    const size = x.shape.map((s, a) => (a === axis ? end - start : s));
    bins.push(tf.mean(tf.slice(x, begin, size), axis, true));
  }
  return tf.concat(bins, axis);
}
