/**
 * The Adam update shared by `Adam` (coupled L2 decay) and `AdamW` (decoupled decay), as PyTorch
 * 1.13's `_single_tensor_adam` / `_single_tensor_adamw` (internal).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamOptions } from './adam.js';
import { checkFlag, checkHyper } from './check-hyper.js';
import { Optimizer, type ParamGroup, type ParamsInput, type ParamState } from './optimizer.js';

type AdamHyper = Required<AdamOptions>;

/**
 * m = β₁·m + (1 − β₁)·g, v = β₂·v + (1 − β₂)·g², p = p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε),
 * with v replaced by max(v̂, v) under AMSGrad. Coupled decay uses g = ∇ + λ·p; decoupled decay
 * first sets p = p·(1 − lr·λ) and uses g = ∇.
 */
export abstract class AdamBase extends Optimizer<AdamHyper> {
  protected constructor(
    name: string,
    params: ParamsInput<AdamHyper>,
    defaults: AdamHyper,
    private readonly decoupledWeightDecay: boolean,
  ) {
    super(name, params, defaults, ['expAvg', 'expAvgSq', 'maxExpAvgSq']);
  }

  protected validateGroup(h: AdamHyper, where: string): void {
    const fn = `${this.name} (${where})`;
    checkHyper(fn, 'lr', h.lr, 0);
    if (!Array.isArray(h.betas) || h.betas.length !== 2) {
      throw new TypeError(`${fn}: 'betas' must be a pair [beta1, beta2]; received ${JSON.stringify(h.betas)}`);
    }
    checkHyper(fn, 'betas[0]', h.betas[0], 0, 1);
    checkHyper(fn, 'betas[1]', h.betas[1], 0, 1);
    if (h.betas[0] >= 1 || h.betas[1] >= 1) {
      throw new RangeError(`${fn}: 'betas' must lie in [0, 1); received [${h.betas.join(', ')}]`);
    }
    checkHyper(fn, 'eps', h.eps, 0);
    checkHyper(fn, 'weightDecay', h.weightDecay, 0);
    checkFlag(fn, 'amsgrad', h.amsgrad);
  }

  protected update(p: tf.Variable, grad: tf.Tensor, h: ParamGroup<AdamHyper>, state: ParamState): void {
    const [beta1, beta2] = h.betas;
    state.step += 1;
    let g = grad;
    if (this.decoupledWeightDecay) p.assign(tf.mul(p, 1 - h.lr * h.weightDecay));
    else if (h.weightDecay !== 0) g = tf.add(g, tf.mul(p, h.weightDecay));
    const m = this.buffer(state, 'expAvg', p);
    const v = this.buffer(state, 'expAvgSq', p);
    m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
    v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.mul(g, g), 1 - beta2)));
    const biasCorrection1 = 1 - beta1 ** state.step;
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** state.step);
    const stepSize = h.lr / biasCorrection1;
    let second: tf.Tensor = v;
    if (h.amsgrad) {
      const vMax = this.buffer(state, 'maxExpAvgSq', p);
      vMax.assign(tf.maximum(vMax, v));
      second = vMax;
    }
    const denom = tf.add(tf.div(tf.sqrt(second), biasCorrection2Sqrt), h.eps);
    p.assign(tf.add(p, tf.mul(tf.div(m, denom), -stepSize)));
  }
}
