/**
 * `LuongAttention`: multiplicative attention of Luong, Pham & Manning, "Effective Approaches to
 * Attention-based Neural Machine Translation" (EMNLP 2015): score(q, k_j) = qᵀ k_j (`'dot'`) or
 * qᵀ W k_j (`'general'`).
 *
 * Letters: B batch, S source steps, Q query size, K key size.
 */
import { Linear, Module, tf, type SeedLike } from '@ml/core';
import { maskedAttention, type AttentionOutput } from './bahdanau-attention.js';

/** Options of {@link LuongAttention}. */
export interface LuongAttentionOptions {
  /** `'dot'` (needs Q = K) or `'general'` (a learned `[K, Q]` matrix). @default 'general' */
  score?: 'dot' | 'general';
  /** Seed or generator for the initial weights. @default 0 */
  seed?: SeedLike;
}

export class LuongAttention extends Module<[tf.Tensor, tf.Tensor, (tf.Tensor | null)?, tf.Tensor?], AttentionOutput> {
  readonly score: 'dot' | 'general';
  /** `W` of the general score (keys → query space), or null for dot. */
  readonly keyProj: Linear | null;

  constructor(querySize: number, keySize: number, options: LuongAttentionOptions = {}) {
    super();
    this.score = options.score ?? 'general';
    if (this.score !== 'dot' && this.score !== 'general') {
      throw new Error(`LuongAttention: 'score' must be 'dot' or 'general'; received ${JSON.stringify(this.score)}`);
    }
    if (this.score === 'dot' && querySize !== keySize) {
      throw new Error(`LuongAttention: 'dot' needs querySize = keySize; received ${querySize} and ${keySize}`);
    }
    this.keyProj = this.score === 'general' ? new Linear(keySize, querySize, { bias: false, seed: options.seed ?? 0 }) : null;
  }

  /** `W k` for every key `[B, S, Q]` (the keys themselves for dot). */
  projectKeys(keys: tf.Tensor): tf.Tensor {
    return this.keyProj === null ? keys : this.keyProj.forward(keys);
  }

  /** `query` `[B, Q]`, `keys` `[B, S, K]`, `mask` `[B, S]` or null → context `[B, K]`, weights `[B, S]`. */
  forward(query: tf.Tensor, keys: tf.Tensor, mask: tf.Tensor | null = null, projectedKeys?: tf.Tensor): AttentionOutput {
    const pk = projectedKeys ?? this.projectKeys(keys); // [B, S, Q]
    const scores = tf.squeeze(tf.matMul(pk, tf.expandDims(query, 2)), [2]); // [B, S]
    return maskedAttention(scores, keys, mask);
  }
}
