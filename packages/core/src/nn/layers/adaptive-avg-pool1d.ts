/**
 * `AdaptiveAvgPool1d`: average pooling to a fixed output length (PyTorch's
 * `torch.nn.AdaptiveAvgPool1d`) on channels-last input `[N, L, C]`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput, checkInt } from '../internal/args.js';
import { adaptiveAvgAxis } from '../internal/adaptive-avg.js';

export class AdaptiveAvgPool1d extends Module {
  readonly outputSize: number;

  constructor(outputSize: number) {
    super();
    this.outputSize = checkInt(outputSize, 'outputSize', 'AdaptiveAvgPool1d');
  }

  /** `x`: `[N, L, C]` → `[N, outputSize, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, 3, 'AdaptiveAvgPool1d.forward', '[N, L, C] (channels last)');
    return adaptiveAvgAxis(x, 1, this.outputSize);
  }
}
