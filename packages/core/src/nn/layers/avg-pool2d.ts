/**
 * `AvgPool2d`: 2-D average pooling (PyTorch's `torch.nn.AvgPool2d`) on channels-last input `[N, H, W, C]`.
 * Output sizes round down (PyTorch's ceilMode = false).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput } from '../internal/args.js';
import { pool2dNhwc, poolSpec, type Pool2dSpec } from '../internal/pool2d-nhwc.js';

export interface AvgPool2dOptions {
  /** Step between windows, one number or `[h, w]`. @default kernelSize */
  stride?: number | number[];
  /** Implicit padding on both sides, one number or `[h, w]`, at most half the kernel. @default 0 */
  padding?: number | number[];
  /** Count padded zeros in the window size (PyTorch's `count_include_pad`). @default true */
  countIncludePad?: boolean;
}

export class AvgPool2d extends Module {
  readonly spec: Pool2dSpec;
  readonly countIncludePad: boolean;

  constructor(kernelSize: number | number[], options: AvgPool2dOptions = {}) {
    super();
    this.spec = poolSpec(kernelSize, options.stride, options.padding, 2, 'AvgPool2d');
    this.countIncludePad = options.countIncludePad ?? true;
  }

  /** `x`: `[N, H, W, C]` → `[N, Ho, Wo, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'AvgPool2d.forward', '[N, H, W, C] (NHWC)');
    return pool2dNhwc(x as tf.Tensor4D, 'avg', this.spec, this.countIncludePad, 'AvgPool2d');
  }
}
