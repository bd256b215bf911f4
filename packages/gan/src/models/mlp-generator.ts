/**
 * MLP generator (Goodfellow et al., "Generative Adversarial Nets", 2014; conditional as Mirza &
 * Osindero, "Conditional Generative Adversarial Nets", 2014: a class embedding concatenated to z).
 *
 * z [N, Z] (‖ embed(y) [N, E]) → (Linear → BatchNorm1d → ReLU)×len(hidden) → Linear → tanh → [N, H, W, C]
 */
import { BatchNorm1d, Embedding, Linear, Module, ModuleList, Rng, tf, type SeedLike } from '@ml/core';
import { checkBatch, checkLabels, checkPositiveInt, type GanGenerator } from './gan-module.js';

export interface MlpGeneratorOptions {
  /** Size of the latent code z. @default 64 */
  latentDim?: number;
  /** `[H, W, C]` of the generated images. @default [28, 28, 1] */
  imageShape?: readonly [number, number, number];
  /** Widths of the hidden layers. @default [256, 512] */
  hidden?: readonly number[];
  /** Batch normalisation after each hidden layer. @default true */
  batchNorm?: boolean;
  /** Classes to condition on (0: unconditional). @default 0 */
  numClasses?: number;
  /** Width of the class embedding concatenated to z (conditional only). @default 16 */
  embeddingDim?: number;
  /** Seed of the initial weights. @default 0 */
  seed?: SeedLike;
}

export const MLP_GENERATOR_DEFAULTS = {
  latentDim: 64,
  imageShape: [28, 28, 1],
  hidden: [256, 512],
  batchNorm: true,
  numClasses: 0,
  embeddingDim: 16,
  seed: 0,
} as const satisfies Required<MlpGeneratorOptions>;

export class MlpGenerator extends Module<[z: tf.Tensor, labels?: tf.Tensor], tf.Tensor> implements GanGenerator {
  readonly latentDim: number;
  readonly numClasses: number;
  readonly imageShape: readonly [number, number, number];
  readonly embedding: Embedding | null;
  readonly layers: ModuleList<Linear>;
  readonly norms: ModuleList<BatchNorm1d>;
  readonly out: Linear;

  constructor(options: MlpGeneratorOptions = {}) {
    super();
    const o = { ...MLP_GENERATOR_DEFAULTS, ...options };
    const where = 'MlpGenerator';
    this.latentDim = checkPositiveInt(where, 'latentDim', o.latentDim);
    this.numClasses = checkPositiveInt(where, 'numClasses', o.numClasses, 0);
    this.imageShape = [...o.imageShape] as [number, number, number];
    o.imageShape.forEach((d, i) => checkPositiveInt(where, `imageShape[${i}]`, d));
    const rng = Rng.from(o.seed);
    this.embedding = this.numClasses > 0 ? new Embedding(this.numClasses, checkPositiveInt(where, 'embeddingDim', o.embeddingDim), { seed: rng }) : null;
    let width = this.latentDim + (this.embedding?.embeddingDim ?? 0);
    const layers: Linear[] = [];
    const norms: BatchNorm1d[] = [];
    for (const [i, h] of o.hidden.entries()) {
      layers.push(new Linear(width, checkPositiveInt(where, `hidden[${i}]`, h), { seed: rng }));
      if (o.batchNorm) norms.push(new BatchNorm1d(h));
      width = h;
    }
    this.layers = new ModuleList(layers);
    this.norms = new ModuleList(norms);
    this.out = new Linear(width, this.imageShape[0] * this.imageShape[1] * this.imageShape[2], { seed: rng });
  }

  forward(z: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    checkBatch('MlpGenerator.forward', 'z', z, [this.latentDim], 'latent codes');
    const n = z.shape[0] as number;
    checkLabels('MlpGenerator.forward', this.numClasses, labels, n);
    let h = this.embedding === null ? z : tf.concat([z, this.embedding.forward(labels as tf.Tensor)], 1); // [N, Z + E]
    for (const [i, layer] of [...this.layers].entries()) {
      h = layer.forward(h); // [N, hidden_i]
      if (this.norms.length > 0) h = this.norms.at(i).forward(h);
      h = tf.relu(h);
    }
    return tf.reshape(tf.tanh(this.out.forward(h)), [n, ...this.imageShape]); // [N, H, W, C]
  }
}
