/** `SiLU`: x·σ(x) (PyTorch's `torch.nn.SiLU`). */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { silu } from '../functional/silu.js';

export class SiLU extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return silu(x);
  }
}
