import * as tf from '@tensorflow/tfjs-core';

/** Wraps a freshly made tensor in a trainable variable and disposes the tensor object. */
export function toParameter(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}
