/**
 * `MaxPool2d`: 2-D max pooling (PyTorch's `torch.nn.MaxPool2d`) on channels-last input `[N, H, W, C]`.
 * Padding cells never win (PyTorch pads with −∞). Output sizes round down (PyTorch's ceilMode = false).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput } from '../internal/args.js';
import { pool2dNhwc, poolSpec, type Pool2dSpec } from '../internal/pool2d-nhwc.js';

export interface MaxPool2dOptions {
  /** Step between windows, one number or `[h, w]`. @default kernelSize */
  stride?: number | number[];
  /** Implicit padding on both sides, one number or `[h, w]`, at most half the kernel. @default 0 */
  padding?: number | number[];
}

export class MaxPool2d extends Module {
  readonly spec: Pool2dSpec;

  constructor(kernelSize: number | number[], options: MaxPool2dOptions = {}) {
    super();
    this.spec = poolSpec(kernelSize, options.stride, options.padding, 2, 'MaxPool2d');
  }

  /** `x`: `[N, H, W, C]` → `[N, Ho, Wo, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'MaxPool2d.forward', '[N, H, W, C] (NHWC)');
    return pool2dNhwc(x as tf.Tensor4D, 'max', this.spec, false, 'MaxPool2d');
  }
}
