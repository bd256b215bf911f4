/** `Softmax` along `dim` (PyTorch's `torch.nn.Softmax`); see `softmax`. */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { softmax } from '../functional/softmax.js';

export interface SoftmaxOptions {
  /** The axis that sums to one; negative counts from the end. @default -1 */
  dim?: number;
}

export class Softmax extends Module {
  readonly dim: number;

  constructor(options: SoftmaxOptions = {}) {
    super();
    this.dim = options.dim ?? -1;
    if (!Number.isInteger(this.dim)) throw new Error(`Softmax: 'dim' must be an integer; received ${String(options.dim)}`);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return softmax(x, this.dim);
  }
}
