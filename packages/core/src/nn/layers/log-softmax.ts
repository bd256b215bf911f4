/** `LogSoftmax` along `dim` (PyTorch's `torch.nn.LogSoftmax`); see `logSoftmax`. */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { logSoftmax } from '../functional/log-softmax.js';

export interface LogSoftmaxOptions {
  /** The axis that sums to one; negative counts from the end. @default -1 */
  dim?: number;
}

export class LogSoftmax extends Module {
  readonly dim: number;

  constructor(options: LogSoftmaxOptions = {}) {
    super();
    this.dim = options.dim ?? -1;
    if (!Number.isInteger(this.dim)) throw new Error(`LogSoftmax: 'dim' must be an integer; received ${String(options.dim)}`);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return logSoftmax(x, this.dim);
  }
}
