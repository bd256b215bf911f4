/** Runs `fn` along axis `dim` by swapping it with the last axis (tfjs softmax works on the last axis only). */
import * as tf from '@tensorflow/tfjs-core';

export function alongAxis(x: tf.Tensor, dim: number, where: string, fn: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
  const rank = x.rank;
  if (!Number.isInteger(dim) || dim < -rank || dim >= rank || rank === 0) {
    throw new Error(`${where}: 'dim' must be an integer in [-${rank}, ${rank - 1}]; received ${String(dim)}`);
  }
  const d = dim < 0 ? dim + rank : dim;
  if (d === rank - 1) return fn(x);
  const perm = x.shape.map((_, i) => (i === d ? rank - 1 : i === rank - 1 ? d : i));
  return tf.transpose(fn(tf.transpose(x, perm)), perm);
}
