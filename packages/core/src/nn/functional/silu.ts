/** SiLU (swish): x·σ(x), Elfwing et al. (2017), as `torch.nn.functional.silu`. */
import * as tf from '@tensorflow/tfjs-core';

/** Returns a new tensor (the caller owns it). */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}
