/**
 * `Linear`: y = x·W + b (PyTorch's `torch.nn.Linear`), with W stored `[in, out]` (tfjs layout;
 * PyTorch's `[out, in]` is transposed by `fromTorchStateDict`).
 * Default init as PyTorch: W ~ kaiming_uniform(a = √5) = U(±1/√in), b ~ U(±1/√in).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeedLike } from '../../random/rng.js';
import { Module, type TorchLayout } from '../module.js';
import { init } from '../init.js';
import { resolveRng } from '../default-rng.js';
import { checkInput, checkInt } from '../internal/args.js';
import { toParameter } from '../internal/to-parameter.js';

export interface LinearOptions {
  /** Learn an additive bias. @default true */
  bias?: boolean;
  /** Seed or generator for the initial weights. @default the global generator (see `manualSeed`) */
  seed?: SeedLike;
}

export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** `[in, out]` */
  readonly weight: tf.Variable;
  /** `[out]`, or null without bias. */
  readonly bias: tf.Variable | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    this.inFeatures = checkInt(inFeatures, 'inFeatures', 'Linear');
    this.outFeatures = checkInt(outFeatures, 'outFeatures', 'Linear');
    const rng = resolveRng(options.seed);
    this.weight = toParameter(init.kaimingUniform([inFeatures, outFeatures], { a: Math.sqrt(5), seed: rng }));
    const bound = 1 / Math.sqrt(inFeatures);
    this.bias = (options.bias ?? true) ? toParameter(init.uniform([outFeatures], { low: -bound, high: bound, seed: rng })) : null;
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    return { weight: 'kernel' };
  }

  /** `x`: `[..., in]` → `[..., out]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkInput(x.shape, x.rank >= 1 ? x.rank : 1, 'Linear.forward', `[..., ${this.inFeatures}]`, this.inFeatures);
    const lead = x.shape.slice(0, -1);
    const flat = tf.reshape(x, [-1, this.inFeatures]); // [B, in]
    let y: tf.Tensor = tf.matMul(flat, this.weight); // [B, out]
    if (this.bias !== null) y = tf.add(y, this.bias);
    return tf.reshape(y, [...lead, this.outFeatures]); // [..., out]
  }
}
