/** `GELU` (PyTorch's `torch.nn.GELU`): exact (erf) or the tanh approximation; see `gelu`. */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { gelu } from '../functional/gelu.js';

export interface GELUOptions {
  /** `'none'` for the exact erf form, `'tanh'` for the approximation. @default 'none' */
  approximate?: 'none' | 'tanh';
}

export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options: GELUOptions = {}) {
    super();
    const a = options.approximate ?? 'none';
    if (a !== 'none' && a !== 'tanh') {
      throw new Error(`GELU: 'approximate' must be 'none' or 'tanh'; received ${JSON.stringify(a)}`);
    }
    this.approximate = a;
  }

  forward(x: tf.Tensor): tf.Tensor {
    return gelu(x, this.approximate);
  }
}
