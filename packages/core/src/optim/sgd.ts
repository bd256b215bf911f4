/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay,
 * exactly as PyTorch 1.13's `torch.optim.SGD` (Nesterov after Sutskever et al., "On the importance
 * of initialization and momentum in deep learning", 2013).
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkFlag, checkHyper } from './check-hyper.js';
import { Optimizer, type ParamGroup, type ParamsInput, type ParamState } from './optimizer.js';

export interface SgdOptions {
  /** Learning rate. PyTorch 1.13 requires it; 1e-3 is PyTorch 2's default. @default 1e-3 */
  lr?: number;
  /** Momentum factor. @default 0 */
  momentum?: number;
  /** Dampening for momentum. @default 0 */
  dampening?: number;
  /** Nesterov momentum; needs `momentum` > 0 and `dampening` 0. @default false */
  nesterov?: boolean;
  /** L2 penalty added to the gradient (`weight_decay`). @default 0 */
  weightDecay?: number;
}

export const SGD_DEFAULTS = {
  lr: 1e-3,
  momentum: 0,
  dampening: 0,
  nesterov: false,
  weightDecay: 0,
} as const satisfies Required<SgdOptions>;

type SgdHyper = Required<SgdOptions>;

/**
 * d = g + λ·p; with momentum: b = d on the first step, then b = μ·b + (1 − τ)·d, and d = d + μ·b
 * (Nesterov) or d = b; finally p = p − lr·d.
 */
export class SGD extends Optimizer<SgdHyper> {
  constructor(params: ParamsInput<SgdHyper>, options: SgdOptions = {}) {
    super('SGD', params, { ...SGD_DEFAULTS, ...options } as SgdHyper, ['momentumBuffer']);
  }

  protected validateGroup(h: SgdHyper, where: string): void {
    const fn = `SGD (${where})`;
    checkHyper(fn, 'lr', h.lr, 0);
    checkHyper(fn, 'momentum', h.momentum, 0);
    checkHyper(fn, 'dampening', h.dampening, -Infinity);
    checkHyper(fn, 'weightDecay', h.weightDecay, 0);
    checkFlag(fn, 'nesterov', h.nesterov);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new RangeError(`${fn}: 'nesterov' needs momentum > 0 and dampening 0; received momentum ${h.momentum}, dampening ${h.dampening}`);
    }
  }

  protected update(p: tf.Variable, grad: tf.Tensor, h: ParamGroup<SgdHyper>, state: ParamState): void {
    state.step += 1;
    let d = grad;
    if (h.weightDecay !== 0) d = tf.add(d, tf.mul(p, h.weightDecay));
    if (h.momentum !== 0) {
      let buf: tf.Variable;
      if (this.hasBuffer(state, 'momentumBuffer')) {
        buf = this.buffer(state, 'momentumBuffer', p);
        buf.assign(tf.add(tf.mul(buf, h.momentum), tf.mul(d, 1 - h.dampening)));
      } else {
        buf = this.buffer(state, 'momentumBuffer', p, tf.clone(d));
      }
      d = h.nesterov ? tf.add(d, tf.mul(buf, h.momentum)) : buf;
    }
    p.assign(tf.add(p, tf.mul(d, -h.lr)));
  }
}
