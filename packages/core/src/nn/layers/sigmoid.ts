/** `Sigmoid`: 1/(1 + e^−x) (PyTorch's `torch.nn.Sigmoid`). */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';

export class Sigmoid extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return tf.sigmoid(x);
  }
}
