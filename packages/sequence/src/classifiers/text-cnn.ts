/**
 * `TextCnn`: Kim, "Convolutional Neural Networks for Sentence Classification" (EMNLP 2014):
 * embedding → parallel 1-D convolutions of several widths with ReLU → max over time → dropout →
 * linear. The module behind `TextCnnClassifier`; use it directly to train with your own loop.
 *
 * Letters: B batch, T tokens, E embedding size, K filters per width, C classes.
 */
import { Conv1d, Dropout, Embedding, Linear, Module, Rng, tf, type SeedLike } from '@ml/core';

export interface TextCnnOptions {
  /** Size of the token embeddings, E. @default 128 */
  embeddingDim?: number;
  /** Widths of the parallel convolutions (Kim's filter windows). @default [3, 4, 5] */
  kernelSizes?: readonly number[];
  /** Filters per width, K (Kim's feature maps). @default 100 */
  numFilters?: number;
  /** Dropout before the output layer. @default 0.5 */
  dropout?: number;
  /** Id of the padding token: its embedding row stays zero. @default 0 */
  paddingIdx?: number;
  /** Seed of the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

/** Defaults of `TextCnnOptions`. */
export const TEXT_CNN_DEFAULTS = {
  embeddingDim: 128,
  kernelSizes: [3, 4, 5],
  numFilters: 100,
  dropout: 0.5,
  paddingIdx: 0,
  seed: 0,
} as const satisfies Required<TextCnnOptions>;

export class TextCnn extends Module {
  readonly vocabSize: number;
  readonly numClasses: number;
  readonly kernelSizes: number[];
  readonly embedding: Embedding;
  readonly convs: Conv1d[];
  readonly drop: Dropout;
  readonly fc: Linear;

  constructor(vocabSize: number, numClasses: number, options: TextCnnOptions = {}) {
    super();
    const o = { ...TEXT_CNN_DEFAULTS, ...options };
    const where = 'TextCnn';
    if (!Array.isArray(o.kernelSizes) || o.kernelSizes.length === 0 || !o.kernelSizes.every((k) => Number.isInteger(k) && k >= 1)) {
      throw new RangeError(`${where}: 'kernelSizes' must be a non-empty array of positive integers; received ${JSON.stringify(o.kernelSizes)}`);
    }
    if (!Number.isInteger(numClasses) || numClasses < 2) throw new RangeError(`${where}: 'numClasses' must be an integer >= 2; received ${String(numClasses)}`);
    const rng = Rng.from(o.seed);
    this.vocabSize = vocabSize;
    this.numClasses = numClasses;
    this.kernelSizes = [...o.kernelSizes];
    this.embedding = new Embedding(vocabSize, o.embeddingDim, { paddingIdx: o.paddingIdx, seed: rng });
    this.convs = this.kernelSizes.map((k) => new Conv1d(o.embeddingDim, o.numFilters, k, { seed: rng }));
    this.drop = new Dropout({ p: o.dropout, seed: rng });
    this.fc = new Linear(o.numFilters * this.kernelSizes.length, numClasses, { seed: rng });
  }

  /** The shortest input: the widest convolution needs that many steps. */
  get minLength(): number {
    return Math.max(...this.kernelSizes);
  }

  /** `ids`: int32 `[B, T]` with T ≥ the widest kernel → logits `[B, C]`. */
  forward(ids: tf.Tensor): tf.Tensor {
    if (ids.rank !== 2 || (ids.shape[1] ?? 0) < this.minLength) {
      throw new RangeError(`TextCnn.forward: 'ids' must be int32 [B, T] with T >= ${this.minLength} (the widest kernel); received [${ids.shape.join(', ')}]`);
    }
    const x = this.embedding.forward(ids); // [B, T, E]
    const pooled = this.convs.map((conv) => tf.max(tf.relu(conv.forward(x)), 1)); // each [B, K]
    const features = pooled.length === 1 ? pooled[0] : tf.concat(pooled, 1); // [B, K·widths]
    return this.fc.forward(this.drop.forward(features)); // [B, C]
  }
}
