/**
 * `PixelShuffle`: rearranges `[N, H, W, C·r²]` into `[N, H·r, W·r, C]` (PyTorch's
 * `torch.nn.PixelShuffle`; Shi et al., "Real-Time Single Image and Video Super-Resolution Using an
 * Efficient Sub-Pixel Convolutional Neural Network", CVPR 2016). Input channel c·r² + i·r + j goes to
 * output pixel (h·r + i, w·r + j), channel c, PyTorch's order, so imported conv weights keep their
 * meaning. (`tf.depthToSpace` uses TensorFlow's order (i·r + j)·C + c and has no gradient in
 * tfjs 4.22; this composes reshape and transpose, which do.)
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkInput, checkInt } from '../internal/args.js';

export class PixelShuffle extends Module {
  readonly upscaleFactor: number;

  constructor(upscaleFactor: number) {
    super();
    this.upscaleFactor = checkInt(upscaleFactor, 'upscaleFactor', 'PixelShuffle');
  }

  /** `x`: `[N, H, W, C·r²]` → `[N, H·r, W·r, C]`. */
  forward(x: tf.Tensor): tf.Tensor {
    const r = this.upscaleFactor;
    checkInput(x.shape, 4, 'PixelShuffle.forward', '[N, H, W, C·r²] (NHWC)');
    const [n, h, w, cr2] = x.shape;
    if (cr2 % (r * r) !== 0) {
      throw new Error(`PixelShuffle.forward: 'input' channels must be divisible by upscaleFactor² = ${r * r}; received ${cr2}`);
    }
    const c = cr2 / (r * r);
    const split = tf.reshape(x, [n, h, w, c, r, r]); // [N, H, W, C, r_i, r_j]
    const moved = tf.transpose(split, [0, 1, 4, 2, 5, 3]); // [N, H, r_i, W, r_j, C]
    return tf.reshape(moved, [n, h * r, w * r, c]); // [N, H·r, W·r, C]
  }
}
