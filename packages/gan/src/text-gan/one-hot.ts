/**
 * Float one-hot vectors (internal). `tf.oneHot(…, 'float32')` is wrong on tfjs-backend-wasm 4.22: the
 * kernel writes integer bits into the float buffer (1 reads as 1.4e-45), so the int32 one-hot is
 * cast instead, which is correct on every backend.
 */
import { tf } from '@ml/core';

/** `indices` (int32, any shape) → float32 one-hots `[…, depth]`. The caller owns the result. */
export function oneHotFloat(indices: tf.Tensor, depth: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(indices, depth), 'float32'));
}
