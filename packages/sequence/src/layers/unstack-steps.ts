/** Splits `[T, ...rest]` into T tensors `[...rest]`. */
import { tf } from '@ml/core';

/**
 * `tf.unstack` along axis 0, except for T = 1, where it is a reshape: tfjs 4.22's `Unpack` gradient
 * receives a single tensor instead of a list when the op has one output and fails
 * ("Argument tensors passed to stack must be a `Tensor[]`").
 */
export function unstackSteps(x: tf.Tensor): tf.Tensor[] {
  return x.shape[0] === 1 ? [tf.reshape(x, x.shape.slice(1))] : tf.unstack(x);
}
