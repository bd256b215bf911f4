/** Log-softmax along `dim`, as `torch.nn.functional.log_softmax` (computed stably by tfjs). */
import * as tf from '@tensorflow/tfjs-core';
import { alongAxis } from './along-axis.js';

/** Returns a new tensor (the caller owns it). `dim` defaults to the last axis. */
export function logSoftmax(x: tf.Tensor, dim = -1): tf.Tensor {
  return tf.tidy(() => alongAxis(x, dim, 'logSoftmax', (t) => tf.logSoftmax(t)));
}
