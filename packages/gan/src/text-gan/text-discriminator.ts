/**
 * `TextDiscriminator`: a convolutional sentence classifier after Kim, "Convolutional Neural Networks
 * for Sentence Classification" (EMNLP 2014), as used as the discriminator of SeqGAN (Yu et al. 2017)
 * and of Gumbel-softmax text GANs: token distributions → embedding → one `Conv1d` per window width
 * with ReLU → max over time → concatenation → linear → one real/fake logit per sequence.
 *
 * It reads token *distributions* `[B, T, V]` (one-hot for real text, soft or straight-through samples
 * from the generator), so gradients flow from its logit back into the generator.
 * Letters: B batch, T steps, V vocabulary, E embedding size, F filters per width, K widths.
 */
import { Conv1d, Linear, Module, tf } from '@ml/core';

/** Options of {@link TextDiscriminator}. */
export interface TextDiscriminatorOptions {
  /** Token embedding size E. @default 32 */
  embeddingSize?: number;
  /** Convolution window widths (Kim's filter region sizes); each must be <= the sequence length. @default [2, 3, 4] */
  windowSizes?: readonly number[];
  /** Filters per window width F (Kim's feature maps). @default 32 */
  filters?: number;
  /** Seed for the initial weights. @default 0 */
  seed?: number;
}

/** Defaults of {@link TextDiscriminatorOptions}. */
export const TEXT_DISCRIMINATOR_DEFAULTS = { embeddingSize: 32, windowSizes: [2, 3, 4], filters: 32, seed: 0 } as const satisfies Required<TextDiscriminatorOptions>;

export class TextDiscriminator extends Module<[tf.Tensor], tf.Tensor> {
  readonly vocabSize: number;
  readonly embeddingSize: number;
  readonly windowSizes: readonly number[];
  readonly filters: number;
  readonly embedding: Linear;
  readonly convs: Conv1d[];
  readonly out: Linear;

  /** @param vocabSize V */
  constructor(vocabSize: number, options: TextDiscriminatorOptions = {}) {
    super();
    const where = 'TextDiscriminator';
    const o = { ...TEXT_DISCRIMINATOR_DEFAULTS, ...options };
    for (const [name, v] of [['vocabSize', vocabSize], ['embeddingSize', o.embeddingSize], ['filters', o.filters]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`${where}: '${name}' must be an integer >= 1; received ${String(v)}`);
    }
    if (!Array.isArray(o.windowSizes) || o.windowSizes.length === 0 || !o.windowSizes.every((k) => Number.isInteger(k) && k >= 1)) {
      throw new Error(`${where}: 'windowSizes' must be a non-empty array of integers >= 1; received ${JSON.stringify(o.windowSizes)}`);
    }
    this.vocabSize = vocabSize;
    this.embeddingSize = o.embeddingSize;
    this.windowSizes = o.windowSizes.slice();
    this.filters = o.filters;
    this.embedding = new Linear(vocabSize, o.embeddingSize, { bias: false, seed: o.seed });
    this.convs = this.windowSizes.map((k, i) => new Conv1d(o.embeddingSize, o.filters, k, { seed: o.seed + 1 + i }));
    this.out = new Linear(o.filters * this.windowSizes.length, 1, { seed: o.seed + 100 });
  }

  /** `tokens` `[B, T, V]` token distributions → `[B]` logits (high: real). Runs on the caller's tape. */
  forward(tokens: tf.Tensor): tf.Tensor {
    const [B, T, V] = tokens.shape as [number, number, number];
    if (tokens.rank !== 3 || V !== this.vocabSize) {
      throw new Error(`TextDiscriminator.forward: 'tokens' must have shape [B, T, ${this.vocabSize}]; received [${tokens.shape.join(', ')}]`);
    }
    const widest = Math.max(...this.windowSizes);
    if (T < widest) throw new Error(`TextDiscriminator.forward: 'tokens' must have at least ${widest} steps (the widest window); received ${T}`);
    const x = tf.reshape(tf.matMul(tf.reshape(tokens, [B * T, V]), this.embedding.weight), [B, T, this.embeddingSize]); // [B, T, E]
    const pooled = this.convs.map((conv) => tf.max(tf.relu(conv.forward(x)), 1)); // K × [B, F]
    const features = pooled.length === 1 ? (pooled[0] as tf.Tensor) : tf.concat(pooled, 1); // [B, K·F]
    return tf.reshape(this.out.forward(features), [B]); // [B]
  }
}
