/**
 * `AvgPool1d`: 1-D average pooling (PyTorch's `torch.nn.AvgPool1d`) on channels-last input `[N, L, C]`.
 * Output sizes round down (PyTorch's ceilMode = false).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput } from '../internal/args.js';
import { pool2dNhwc, poolSpec, type Pool2dSpec } from '../internal/pool2d-nhwc.js';

export interface AvgPool1dOptions {
  /** Step between windows, a number. @default kernelSize */
  stride?: number;
  /** Implicit padding on both sides, a number, at most half the kernel. @default 0 */
  padding?: number;
  /** Count padded zeros in the window size (PyTorch's `count_include_pad`). @default true */
  countIncludePad?: boolean;
}

export class AvgPool1d extends Module {
  readonly spec: Pool2dSpec;
  readonly countIncludePad: boolean;

  constructor(kernelSize: number, options: AvgPool1dOptions = {}) {
    super();
    const s = poolSpec(kernelSize, options.stride, options.padding, 1, 'AvgPool1d');
    this.spec = { kernelSize: [1, ...s.kernelSize], stride: [1, ...s.stride], padding: [0, ...s.padding] };
    this.countIncludePad = options.countIncludePad ?? true;
  }

  /** `x`: `[N, L, C]` → `[N, Lo, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 3, 'AvgPool1d.forward', '[N, L, C] (channels last)');
    const y = pool2dNhwc(tf.expandDims(x, 1) as tf.Tensor4D, 'avg', this.spec, this.countIncludePad, 'AvgPool1d'); // [N, 1, Lo, C]
    return tf.squeeze(y, [1]); // [N, Lo, C]
  }
}
