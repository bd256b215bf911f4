/** `Tanh` (PyTorch's `torch.nn.Tanh`). */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';

export class Tanh extends Module {
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tanh(x);
  }
}
