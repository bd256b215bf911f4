/**
 * `MaxPool1d`: 1-D max pooling (PyTorch's `torch.nn.MaxPool1d`) on channels-last input `[N, L, C]`.
 * Padding cells never win (PyTorch pads with −∞). Output sizes round down (PyTorch's ceilMode = false).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput } from '../internal/args.js';
import { pool2dNhwc, poolSpec, type Pool2dSpec } from '../internal/pool2d-nhwc.js';

export interface MaxPool1dOptions {
  /** Step between windows, a number. @default kernelSize */
  stride?: number;
  /** Implicit padding on both sides, a number, at most half the kernel. @default 0 */
  padding?: number;
}

export class MaxPool1d extends Module {
  readonly spec: Pool2dSpec;

  constructor(kernelSize: number, options: MaxPool1dOptions = {}) {
    super();
    const s = poolSpec(kernelSize, options.stride, options.padding, 1, 'MaxPool1d');
    this.spec = { kernelSize: [1, ...s.kernelSize], stride: [1, ...s.stride], padding: [0, ...s.padding] };
  }

  /** `x`: `[N, L, C]` → `[N, Lo, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 3, 'MaxPool1d.forward', '[N, L, C] (channels last)');
    const y = pool2dNhwc(tf.expandDims(x, 1) as tf.Tensor4D, 'max', this.spec, false, 'MaxPool1d'); // [N, 1, Lo, C]
    return tf.squeeze(y, [1]); // [N, Lo, C]
  }
}
