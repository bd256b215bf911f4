/**
 * GELU: Hendrycks & Gimpel, "Gaussian Error Linear Units" (2016), as `torch.nn.functional.gelu`.
 * `'none'`: x·Φ(x) = ½x(1 + erf(x/√2)); `'tanh'`: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Returns a new tensor (the caller owns it). `approximate` defaults to `'none'` (exact, erf). */
export function gelu(x: tf.Tensor, approximate: 'none' | 'tanh' = 'none'): tf.Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new Error(`gelu: 'approximate' must be 'none' or 'tanh'; received ${JSON.stringify(approximate)}`);
  }
  return tf.tidy(() => {
    if (approximate === 'none') return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
    return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
  });
}
