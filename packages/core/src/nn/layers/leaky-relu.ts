/** `LeakyReLU`: x for x ≥ 0, negativeSlope·x otherwise (PyTorch's `torch.nn.LeakyReLU`). */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';

export interface LeakyReLUOptions {
  /** Slope for negative inputs. @default 0.01 */
  negativeSlope?: number;
}

export class LeakyReLU extends Module {
  readonly negativeSlope: number;

  constructor(options: LeakyReLUOptions = {}) {
    super();
    const slope = options.negativeSlope ?? 0.01;
    if (typeof slope !== 'number' || !Number.isFinite(slope)) {
      throw new Error(`LeakyReLU: 'negativeSlope' must be a finite number; received ${String(slope)}`);
    }
    this.negativeSlope = slope;
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, this.negativeSlope);
  }
}
