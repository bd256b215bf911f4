/**
 * `AdaptiveAvgPool2d`: average pooling to a fixed output size (PyTorch's
 * `torch.nn.AdaptiveAvgPool2d`) on channels-last input `[N, H, W, C]`. `outputSize` 1 is global
 * average pooling (follow with `Flatten` for `[N, C]`).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput, toTuple } from '../internal/args.js';
import { adaptiveAvgAxis } from '../internal/adaptive-avg.js';

export class AdaptiveAvgPool2d extends Module {
  /** `[oh, ow]` */
  readonly outputSize: number[];

  constructor(outputSize: number | number[]) {
    super();
    this.outputSize = toTuple(outputSize, 2, 'outputSize', 'AdaptiveAvgPool2d');
  }

  /** `x`: `[N, H, W, C]` → `[N, oh, ow, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 4, 'AdaptiveAvgPool2d.forward', '[N, H, W, C] (NHWC)');
    return adaptiveAvgAxis(adaptiveAvgAxis(x, 1, this.outputSize[0]), 2, this.outputSize[1]);
  }
}
