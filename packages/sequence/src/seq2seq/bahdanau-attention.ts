/**
 * `BahdanauAttention`: additive attention of Bahdanau, Cho & Bengio, "Neural Machine Translation by
 * Jointly Learning to Align and Translate" (ICLR 2015): score(q, k_j) = vᵀ tanh(W_q q + W_k k_j).
 *
 * Letters: B batch, S source steps, Q query size, K key size, A attention size.
 */
import { Linear, Module, tf, type SeedLike } from '@ml/core';

/** Options of {@link BahdanauAttention}. */
export interface BahdanauAttentionOptions {
  /** Width A of the hidden layer of the score. @default the key size */
  attentionSize?: number;
  /** Seed or generator for the initial weights. @default 0 */
  seed?: SeedLike;
}

/** What an attention module returns. */
export type AttentionOutput = {
  /** Weighted sum of the values: `[B, K]`. */
  context: tf.Tensor;
  /** Attention weights over the source steps (rows sum to 1): `[B, S]`. */
  weights: tf.Tensor;
};

/** Softmax of `scores` `[B, S]` over steps where `mask` `[B, S]` is 1 (masked steps get weight 0). */
export function maskedAttention(scores: tf.Tensor, values: tf.Tensor, mask: tf.Tensor | null): AttentionOutput {
  const masked = mask === null ? scores : tf.add(scores, tf.mul(tf.sub(1, mask), -1e9)); // [B, S]
  const weights = tf.softmax(masked); // [B, S]
  const context = tf.squeeze(tf.matMul(tf.expandDims(weights, 1), values), [1]); // [B, K]
  return { context, weights };
}

export class BahdanauAttention extends Module<[tf.Tensor, tf.Tensor, (tf.Tensor | null)?, tf.Tensor?], AttentionOutput> {
  readonly queryProj: Linear;
  readonly keyProj: Linear;
  readonly v: Linear;

  /**
   * @param querySize Q, the decoder state size
   * @param keySize K, the encoder output size
   */
  constructor(querySize: number, keySize: number, options: BahdanauAttentionOptions = {}) {
    super();
    const size = options.attentionSize ?? keySize;
    const seed = options.seed ?? 0;
    this.queryProj = new Linear(querySize, size, { bias: false, seed });
    this.keyProj = new Linear(keySize, size, { seed: typeof seed === 'number' ? seed + 1 : seed });
    this.v = new Linear(size, 1, { bias: false, seed: typeof seed === 'number' ? seed + 2 : seed });
  }

  /** `W_k k` for every key `[B, S, A]`: compute once per source and pass to `forward` as `projectedKeys`. */
  projectKeys(keys: tf.Tensor): tf.Tensor {
    return this.keyProj.forward(keys);
  }

  /**
   * `query` `[B, Q]`, `keys` `[B, S, K]` (also the values), `mask` `[B, S]` of 0/1 or null →
   * context `[B, K]` and weights `[B, S]`. `projectedKeys` skips recomputing `W_k k`.
   */
  forward(query: tf.Tensor, keys: tf.Tensor, mask: tf.Tensor | null = null, projectedKeys?: tf.Tensor): AttentionOutput {
    const pk = projectedKeys ?? this.projectKeys(keys); // [B, S, A]
    const pq = tf.expandDims(this.queryProj.forward(query), 1); // [B, 1, A]
    const scores = tf.squeeze(this.v.forward(tf.tanh(tf.add(pk, pq))), [2]); // [B, S]
    return maskedAttention(scores, keys, mask);
  }
}
