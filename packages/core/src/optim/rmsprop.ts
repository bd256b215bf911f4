/**
 * RMSprop, as PyTorch 1.13's `torch.optim.RMSprop`: Hinton's lecture 6e of "Neural Networks for
 * Machine Learning" (2012), with the centered variant and momentum of Graves, "Generating Sequences
 * With Recurrent Neural Networks" (2013). ε is added outside the square root, as in PyTorch.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkFlag, checkHyper } from './check-hyper.js';
import { Optimizer, type ParamGroup, type ParamsInput, type ParamState } from './optimizer.js';

export interface RmspropOptions {
  /** Learning rate. @default 1e-2 */
  lr?: number;
  /** Smoothing constant of the squared-gradient average. @default 0.99 */
  alpha?: number;
  /** Added to the denominator for numerical stability. @default 1e-8 */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). @default 0 */
  weightDecay?: number;
  /** Momentum factor. @default 0 */
  momentum?: number;
  /** Normalise by the estimated variance (subtract the squared mean gradient). @default false */
  centered?: boolean;
}

export const RMSPROP_DEFAULTS = {
  lr: 1e-2,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
} as const satisfies Required<RmspropOptions>;

type RmspropHyper = Required<RmspropOptions>;

/**
 * s = α·s + (1 − α)·g²; a = √(s − ḡ²) + ε (centered, ḡ = α·ḡ + (1 − α)·g) or √s + ε; then
 * b = μ·b + g/a, p = p − lr·b with momentum, else p = p − lr·g/a. g = ∇ + λ·p.
 */
export class RMSprop extends Optimizer<RmspropHyper> {
  constructor(params: ParamsInput<RmspropHyper>, options: RmspropOptions = {}) {
    super('RMSprop', params, { ...RMSPROP_DEFAULTS, ...options }, ['squareAvg', 'gradAvg', 'momentumBuffer']);
  }

  protected validateGroup(h: RmspropHyper, where: string): void {
    const fn = `RMSprop (${where})`;
    checkHyper(fn, 'lr', h.lr, 0);
    checkHyper(fn, 'alpha', h.alpha, 0);
    checkHyper(fn, 'eps', h.eps, 0);
    checkHyper(fn, 'weightDecay', h.weightDecay, 0);
    checkHyper(fn, 'momentum', h.momentum, 0);
    checkFlag(fn, 'centered', h.centered);
  }

  protected update(p: tf.Variable, grad: tf.Tensor, h: ParamGroup<RmspropHyper>, state: ParamState): void {
    state.step += 1;
    let g = grad;
    if (h.weightDecay !== 0) g = tf.add(g, tf.mul(p, h.weightDecay));
    const squareAvg = this.buffer(state, 'squareAvg', p);
    squareAvg.assign(tf.add(tf.mul(squareAvg, h.alpha), tf.mul(tf.mul(g, g), 1 - h.alpha)));
    let avg: tf.Tensor;
    if (h.centered) {
      const gradAvg = this.buffer(state, 'gradAvg', p);
      gradAvg.assign(tf.add(tf.mul(gradAvg, h.alpha), tf.mul(g, 1 - h.alpha)));
      avg = tf.sqrt(tf.sub(squareAvg, tf.mul(gradAvg, gradAvg)));
    } else {
      avg = tf.sqrt(squareAvg);
    }
    avg = tf.add(avg, h.eps);
    if (h.momentum > 0) {
      const buf = this.buffer(state, 'momentumBuffer', p);
      buf.assign(tf.add(tf.mul(buf, h.momentum), tf.div(g, avg)));
      p.assign(tf.add(p, tf.mul(buf, -h.lr)));
    } else {
      p.assign(tf.add(p, tf.mul(tf.div(g, avg), -h.lr)));
    }
  }
}
