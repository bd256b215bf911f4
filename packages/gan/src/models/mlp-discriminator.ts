/**
 * MLP discriminator; conditional through a projection (Miyato & Koyama, "cGANs with Projection
 * Discriminator", 2018): logit = ψ(h) + ⟨embed(y), h⟩.
 *
 * x [N, H, W, C] → flatten [N, HWC] → (Linear → LeakyReLU(0.2))×len(hidden) = h → Linear [N, 1] (+ ⟨embed(y), h⟩)
 *
 * The LeakyReLU is `leakyReluTwice`, so the network can be trained with a gradient penalty or R1.
 */
import { Embedding, Linear, Module, ModuleList, Rng, tf, type SeedLike } from '@ml/core';
import { leakyReluTwice } from '../losses/leaky-relu-twice.js';
import { checkBatch, checkLabels, checkPositiveInt, type GanDiscriminator } from './gan-module.js';

export interface MlpDiscriminatorOptions {
  /** `[H, W, C]` of the input images. @default [28, 28, 1] */
  imageShape?: readonly [number, number, number];
  /** Widths of the hidden layers. @default [512, 256] */
  hidden?: readonly number[];
  /** Slope of the LeakyReLU for negative inputs. @default 0.2 */
  negativeSlope?: number;
  /** Classes to condition on (0: unconditional). @default 0 */
  numClasses?: number;
  /** Seed of the initial weights. @default 0 */
  seed?: SeedLike;
}

export const MLP_DISCRIMINATOR_DEFAULTS = {
  imageShape: [28, 28, 1],
  hidden: [512, 256],
  negativeSlope: 0.2,
  numClasses: 0,
  seed: 0,
} as const satisfies Required<MlpDiscriminatorOptions>;

export class MlpDiscriminator extends Module<[x: tf.Tensor, labels?: tf.Tensor], tf.Tensor> implements GanDiscriminator {
  readonly numClasses: number;
  readonly imageShape: readonly [number, number, number];
  readonly negativeSlope: number;
  readonly layers: ModuleList<Linear>;
  readonly out: Linear;
  readonly projection: Embedding | null;

  constructor(options: MlpDiscriminatorOptions = {}) {
    super();
    const o = { ...MLP_DISCRIMINATOR_DEFAULTS, ...options };
    const where = 'MlpDiscriminator';
    this.numClasses = checkPositiveInt(where, 'numClasses', o.numClasses, 0);
    this.imageShape = [...o.imageShape] as [number, number, number];
    o.imageShape.forEach((d, i) => checkPositiveInt(where, `imageShape[${i}]`, d));
    this.negativeSlope = o.negativeSlope;
    const rng = Rng.from(o.seed);
    let width = this.imageShape[0] * this.imageShape[1] * this.imageShape[2];
    const layers: Linear[] = [];
    for (const [i, h] of o.hidden.entries()) {
      layers.push(new Linear(width, checkPositiveInt(where, `hidden[${i}]`, h), { seed: rng }));
      width = h;
    }
    this.layers = new ModuleList(layers);
    this.out = new Linear(width, 1, { seed: rng });
    this.projection = this.numClasses > 0 ? new Embedding(this.numClasses, width, { seed: rng }) : null;
  }

  forward(x: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    checkBatch('MlpDiscriminator.forward', 'x', x, this.imageShape, 'images, NHWC');
    const n = x.shape[0] as number;
    checkLabels('MlpDiscriminator.forward', this.numClasses, labels, n);
    let h = tf.reshape(x, [n, -1]); // [N, HWC]
    for (const layer of this.layers) h = leakyReluTwice(layer.forward(h), this.negativeSlope); // [N, hidden_i]
    let logits = this.out.forward(h); // [N, 1]
    if (this.projection !== null) {
      logits = tf.add(logits, tf.sum(tf.mul(this.projection.forward(labels as tf.Tensor), h), 1, true)); // [N, 1]
    }
    return logits;
  }
}
