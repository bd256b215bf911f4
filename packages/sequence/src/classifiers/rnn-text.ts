/**
 * `RnnText`: embedding → RNN, LSTM or GRU (optionally bidirectional, stacked) → pooling over the
 * valid steps → dropout → linear. Padding (id `paddingIdx`, at the end of each row) is masked: it
 * changes neither the final state nor the pooled vector. Pooling: the final hidden state (both
 * directions concatenated), the mean or max of the outputs, or additive attention (Bahdanau et al.,
 * 2015; Yang et al., "Hierarchical Attention Networks", NAACL 2016): a = softmax(v·tanh(W·h_t)) over
 * the valid steps, pooled = Σ a_t·h_t. The module behind `RnnTextClassifier`.
 *
 * Letters: B batch, T tokens, E embedding size, H hidden size, D directions, A attention size, C classes.
 */
import { Dropout, Embedding, Linear, Module, Rng, tf, type SeedLike } from '@ml/core';
import { GRU } from '../layers/gru.js';
import { LSTM } from '../layers/lstm.js';
import { RNN } from '../layers/rnn.js';

/** How the step outputs become one vector. */
export type RnnPooling = 'last' | 'mean' | 'max' | 'attention';

export interface RnnTextOptions {
  /** The recurrent cell. @default 'lstm' */
  cell?: 'rnn' | 'lstm' | 'gru';
  /** Size of the token embeddings, E. @default 128 */
  embeddingDim?: number;
  /** Hidden units per direction, H. @default 128 */
  hiddenSize?: number;
  /** Stacked recurrent layers. @default 1 */
  numLayers?: number;
  /** Read the text in both directions. @default false */
  bidirectional?: boolean;
  /** Pooling over time (see the file header). @default 'last' */
  pooling?: RnnPooling;
  /** Size A of the attention layer (pooling 'attention' only). @default 64 */
  attentionSize?: number;
  /** Dropout between stacked layers and before the output layer. @default 0.2 */
  dropout?: number;
  /** Id of the padding token. @default 0 */
  paddingIdx?: number;
  /** Seed of the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

/** Defaults of `RnnTextOptions`. */
export const RNN_TEXT_DEFAULTS = {
  cell: 'lstm',
  embeddingDim: 128,
  hiddenSize: 128,
  numLayers: 1,
  bidirectional: false,
  pooling: 'last',
  attentionSize: 64,
  dropout: 0.2,
  paddingIdx: 0,
  seed: 0,
} as const satisfies Required<RnnTextOptions>;

export class RnnText extends Module {
  readonly vocabSize: number;
  readonly numClasses: number;
  readonly pooling: RnnPooling;
  readonly paddingIdx: number;
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly attention: Linear | null;
  readonly attentionScore: Linear | null;
  readonly drop: Dropout;
  readonly fc: Linear;

  constructor(vocabSize: number, numClasses: number, options: RnnTextOptions = {}) {
    super();
    const o = { ...RNN_TEXT_DEFAULTS, ...options };
    const where = 'RnnText';
    if (!['rnn', 'lstm', 'gru'].includes(o.cell)) throw new RangeError(`${where}: 'cell' must be 'rnn', 'lstm' or 'gru'; received ${JSON.stringify(o.cell)}`);
    if (!['last', 'mean', 'max', 'attention'].includes(o.pooling)) {
      throw new RangeError(`${where}: 'pooling' must be 'last', 'mean', 'max' or 'attention'; received ${JSON.stringify(o.pooling)}`);
    }
    if (!Number.isInteger(numClasses) || numClasses < 2) throw new RangeError(`${where}: 'numClasses' must be an integer >= 2; received ${String(numClasses)}`);
    const rng = Rng.from(o.seed);
    this.vocabSize = vocabSize;
    this.numClasses = numClasses;
    this.pooling = o.pooling;
    this.paddingIdx = o.paddingIdx;
    this.embedding = new Embedding(vocabSize, o.embeddingDim, { paddingIdx: o.paddingIdx, seed: rng });
    const recurrent = { numLayers: o.numLayers, bidirectional: o.bidirectional, batchFirst: true, dropout: o.numLayers > 1 ? o.dropout : 0, seed: rng };
    const Cell = o.cell === 'lstm' ? LSTM : o.cell === 'gru' ? GRU : RNN;
    this.rnn = new Cell(o.embeddingDim, o.hiddenSize, recurrent);
    const width = o.hiddenSize * (o.bidirectional ? 2 : 1); // D·H
    this.attention = o.pooling === 'attention' ? new Linear(width, o.attentionSize, { seed: rng }) : null;
    this.attentionScore = o.pooling === 'attention' ? new Linear(o.attentionSize, 1, { bias: false, seed: rng }) : null;
    this.drop = new Dropout({ p: o.dropout, seed: rng });
    this.fc = new Linear(width, numClasses, { seed: rng });
  }

  /** The shortest input. */
  get minLength(): number {
    return 1;
  }

  /**
   * `ids`: int32 `[B, T]`, each row its tokens followed by padding (at least one token per row) →
   * logits `[B, C]`. The padding mask is read back to the CPU (the recurrent layer needs the lengths).
   */
  forward(ids: tf.Tensor): tf.Tensor {
    if (ids.rank !== 2 || ids.dtype !== 'int32') {
      throw new RangeError(`RnnText.forward: 'ids' must be int32 [B, T]; received ${ids.dtype} [${ids.shape.join(', ')}]`);
    }
    const [batch, steps] = ids.shape;
    const mask = tf.cast(tf.notEqual(ids, this.paddingIdx), 'float32'); // [B, T]
    const x = this.embedding.forward(ids); // [B, T, E]
    const { output, hN } = this.rnn.forward(x, { mask }); // [B, T, D·H], [L·D, B, H]
    let pooled: tf.Tensor; // [B, D·H]
    if (this.pooling === 'last') {
      const directions = this.rnn.bidirectional ? 2 : 1;
      const last = tf.slice(hN, [hN.shape[0] - directions, 0, 0], [directions, batch, this.rnn.hiddenSize]); // [D, B, H]
      pooled = tf.reshape(tf.transpose(last, [1, 0, 2]), [batch, -1]); // [B, D·H]
    } else {
      const m = tf.expandDims(mask, 2); // [B, T, 1]
      if (this.pooling === 'mean') {
        pooled = tf.div(tf.sum(output, 1), tf.sum(m, 1)); // padded outputs are zero
      } else if (this.pooling === 'max') {
        pooled = tf.max(tf.add(output, tf.mul(tf.sub(m, 1), 1e9)), 1); // padding → −1e9
      } else {
        const a = this.attention as Linear;
        const v = this.attentionScore as Linear;
        const scores = tf.reshape(v.forward(tf.tanh(a.forward(output))), [batch, steps]); // [B, T]
        const weights = tf.softmax(tf.add(scores, tf.mul(tf.sub(mask, 1), 1e9))); // [B, T], zero on padding
        pooled = tf.sum(tf.mul(output, tf.expandDims(weights, 2)), 1); // [B, D·H]
      }
    }
    return this.fc.forward(this.drop.forward(pooled)); // [B, C]
  }
}
