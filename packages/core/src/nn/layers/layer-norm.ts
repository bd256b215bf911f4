/**
 * `LayerNorm`: Ba, Kiros & Hinton, "Layer Normalization" (2016), as PyTorch's `torch.nn.LayerNorm`:
 * normalises over the trailing `normalizedShape` dims with the biased variance, then applies an
 * element-wise `weight` (ones) and `bias` (zeros) of that shape.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../module.js';
import { checkRange, toTuple } from '../internal/args.js';
import { toParameter } from '../internal/to-parameter.js';

export interface LayerNormOptions {
  /** Added to the variance for stability. @default 1e-5 */
  eps?: number;
  /** Learn element-wise `weight` and `bias`. @default true */
  elementwiseAffine?: boolean;
}

export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  /** `normalizedShape` scale, or null. */
  readonly weight: tf.Variable | null;
  /** `normalizedShape` shift, or null. */
  readonly bias: tf.Variable | null;

  constructor(normalizedShape: number | number[], options: LayerNormOptions = {}) {
    super();
    const n = typeof normalizedShape === 'number' ? 1 : Array.isArray(normalizedShape) ? normalizedShape.length : 0;
    if (n === 0) {
      throw new Error(`LayerNorm: 'normalizedShape' must be a positive integer or a non-empty array of them; received ${JSON.stringify(normalizedShape)}`);
    }
    this.normalizedShape = toTuple(normalizedShape, n, 'normalizedShape', 'LayerNorm');
    this.eps = checkRange(options.eps ?? 1e-5, 'eps', 'LayerNorm', 0, Infinity);
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? toParameter(tf.ones(this.normalizedShape)) : null;
    this.bias = affine ? toParameter(tf.zeros(this.normalizedShape)) : null;
  }

  /** `x`: `[..., ...normalizedShape]` → same shape. */
  forward(x: tf.Tensor): tf.Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.rank - k);
    if (x.rank < k || tail.join(',') !== this.normalizedShape.join(',')) {
      throw new Error(`LayerNorm.forward: 'input' must end in [${this.normalizedShape.join(', ')}]; received [${x.shape.join(', ')}]`);
    }
    const axes = this.normalizedShape.map((_, i) => x.rank - k + i);
    const mean = tf.mean(x, axes, true);
    const centered = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centered), axes, true); // biased
    let y = tf.mul(centered, tf.rsqrt(tf.add(variance, this.eps)));
    if (this.weight !== null && this.bias !== null) y = tf.add(tf.mul(y, this.weight), this.bias);
    return y;
  }
}
