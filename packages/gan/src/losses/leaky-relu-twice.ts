/**
 * LeakyReLU that can be differentiated twice on tfjs, for critics trained with a gradient penalty or
 * R1. tfjs-core 4.22's `leakyRelu` gradient is built from a `Greater` op that has no registered
 * gradient, so differentiating it a second time throws; relu(x) − α·relu(−x) is the same function
 * with a gradient (relu's `Step`) that tfjs can differentiate.
 */
import { tf } from '@ml/core';

/** max(x, 0) + negativeSlope·min(x, 0), twice differentiable on tfjs. Returns a new tensor. */
export function leakyReluTwice(x: tf.Tensor, negativeSlope = 0.2): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.relu(x), tf.mul(negativeSlope, tf.relu(tf.neg(x)))));
}
