/** Softmax along `dim`, as `torch.nn.functional.softmax`. */
import * as tf from '@tensorflow/tfjs-core';
import { alongAxis } from './along-axis.js';

/** Returns a new tensor (the caller owns it). `dim` defaults to the last axis. */
export function softmax(x: tf.Tensor, dim = -1): tf.Tensor {
  return tf.tidy(() => alongAxis(x, dim, 'softmax', (t) => tf.softmax(t)));
}
