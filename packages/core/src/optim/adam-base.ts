/**
 * The Adam update shared by `Adam` (coupled L2 decay) and `AdamW` (decoupled decay), as PyTorch
 * 1.13's `_single_tensor_adam` / `_single_tensor_adamw` (internal).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamOptions } from './adam.js';
import { adamStep } from './adam-step.js';
import { checkFlag, checkHyper } from './check-hyper.js';
import { Optimizer, type ParamGroup, type ParamsInput, type ParamState } from './optimizer.js';

type AdamHyper = Required<AdamOptions>;

/**
 * m = β₁·m + (1 − β₁)·g, v = β₂·v + (1 − β₂)·g², p = p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε),
 * with v replaced by max(v̂, v) under AMSGrad. Coupled decay uses g = ∇ + λ·p; decoupled decay
 * first sets p = p·(1 − lr·λ) and uses g = ∇. The arithmetic lives in `adamStep` (one fused kernel
 * per parameter on wasm and cpu, tfjs ops elsewhere).
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
    state.step += 1;
    const m = this.buffer(state, 'expAvg', p);
    const v = this.buffer(state, 'expAvgSq', p);
    const vMax = h.amsgrad ? this.buffer(state, 'maxExpAvgSq', p) : null;
    const next = adamStep(p, grad, m, v, vMax, {
      lr: h.lr,
      beta1: h.betas[0],
      beta2: h.betas[1],
      eps: h.eps,
      weightDecay: h.weightDecay,
      decoupled: this.decoupledWeightDecay,
      amsgrad: h.amsgrad,
      step: state.step,
    });
    p.assign(next.param);
    m.assign(next.expAvg);
    v.assign(next.expAvgSq);
    if (vMax !== null && next.maxExpAvgSq !== null) vMax.assign(next.maxExpAvgSq);
  }
}
