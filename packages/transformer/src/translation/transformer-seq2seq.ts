/**
 * `TransformerSeq2Seq`: the encoder–decoder transformer of Vaswani et al., "Attention Is All You
 * Need" (2017), for translation: token embeddings scaled by √d plus sinusoidal positions, the
 * `TransformerEncoder`/`TransformerDecoder` stacks (batch first), shared or separate source/target
 * vocabularies, and an output projection optionally tied to the target embedding. Trained with
 * teacher forcing and label-smoothed cross-entropy (`loss`); decoded by `translate` (greedy or beam
 * search, see `./translate.ts`).
 *
 * Token conventions: `padId` pads every batch (ignored by the loss, masked as a key); targets are
 * fed as `[bosId, y₁ … yₙ]` and predicted as `[y₁ … yₙ, eosId]`.
 *
 * Letters: B batch, S source length, T target length, E = dModel, V target vocabulary.
 */
import { tf, Rng, crossEntropy, type SeedLike } from '@ml/core';
import { Dropout, Embedding, LayerNorm, Linear, Module } from '@ml/core/nn';
import { KeyValueCache } from '../attention/multihead-attention.js';
import { TransformerEncoder } from '../layers/transformer-encoder.js';
import { TransformerEncoderLayer } from '../layers/transformer-encoder-layer.js';
import { TransformerDecoder } from '../layers/transformer-decoder.js';
import { TransformerDecoderLayer } from '../layers/transformer-decoder-layer.js';
import type { FeedForwardActivation } from '../layers/feed-forward.js';
import { SinusoidalPositionalEncoding } from '../position/sinusoidal-positional-encoding.js';
import { checkOneOf, checkPositiveInt, checkProbability } from '../internal/args.js';

export interface Seq2SeqConfig {
  /** Source vocabulary size. */
  srcVocabSize: number;
  /** Target vocabulary size. @default srcVocabSize */
  tgtVocabSize?: number;
  /** One embedding table for source and target (needs equal vocabulary sizes). @default false */
  shareEmbeddings?: boolean;
  /** The output projection is the target embedding, transposed. @default true */
  tieOutput?: boolean;
  /** Width. @default 128 */
  dModel?: number;
  /** Attention heads. @default 4 */
  nHead?: number;
  /** Encoder layers. @default 2 */
  numEncoderLayers?: number;
  /** Decoder layers. @default 2 */
  numDecoderLayers?: number;
  /** Feed-forward width. @default 4·dModel */
  dimFeedforward?: number;
  /** Dropout on embeddings, attention weights and residual branches while training. @default 0.1 */
  dropout?: number;
  /** Feed-forward activation. @default 'relu' */
  activation?: FeedForwardActivation;
  /** Pre-LN layers with a final LayerNorm on each stack (more stable for small models); false is the original post-LN. @default true */
  normFirst?: boolean;
  /** Longest source or target sequence, BOS/EOS included. @default 256 */
  maxLength?: number;
  /** Padding token (both vocabularies). @default 0 */
  padId?: number;
  /** Beginning-of-sentence token fed first to the decoder. @default 1 */
  bosId?: number;
  /** End-of-sentence token the decoder emits last. @default 2 */
  eosId?: number;
}

export const SEQ2SEQ_CONFIG_DEFAULTS = {
  shareEmbeddings: false,
  tieOutput: true,
  dModel: 128,
  nHead: 4,
  numEncoderLayers: 2,
  numDecoderLayers: 2,
  dropout: 0.1,
  activation: 'relu',
  normFirst: true,
  maxLength: 256,
  padId: 0,
  bosId: 1,
  eosId: 2,
} as const;

export type ResolvedSeq2SeqConfig = Required<Seq2SeqConfig>;

/** Fills defaults and validates; errors name the field. */
export function resolveSeq2SeqConfig(config: Seq2SeqConfig): ResolvedSeq2SeqConfig {
  const where = 'Seq2SeqConfig';
  if (config === null || typeof config !== 'object') throw new TypeError(`${where}: expected an object with at least 'srcVocabSize'; received ${String(config)}`);
  const c = { ...SEQ2SEQ_CONFIG_DEFAULTS, ...config };
  checkPositiveInt(c.srcVocabSize, 'srcVocabSize', where);
  const tgtVocabSize = checkPositiveInt(config.tgtVocabSize ?? c.srcVocabSize, 'tgtVocabSize', where);
  if (c.shareEmbeddings && tgtVocabSize !== c.srcVocabSize) {
    throw new RangeError(`${where}: 'shareEmbeddings' needs equal vocabularies; received srcVocabSize=${c.srcVocabSize}, tgtVocabSize=${tgtVocabSize}`);
  }
  for (const k of ['dModel', 'nHead', 'numEncoderLayers', 'numDecoderLayers', 'maxLength'] as const) checkPositiveInt(c[k], k, where);
  if (c.dModel % c.nHead !== 0) throw new RangeError(`${where}: 'dModel' must be divisible by 'nHead'; received dModel=${c.dModel}, nHead=${c.nHead}`);
  const dimFeedforward = checkPositiveInt(config.dimFeedforward ?? 4 * c.dModel, 'dimFeedforward', where);
  checkProbability(c.dropout, 'dropout', where);
  checkOneOf(c.activation, ['relu', 'gelu', 'gelu_tanh'], 'activation', where);
  const minVocab = Math.min(c.srcVocabSize, tgtVocabSize);
  for (const k of ['padId', 'bosId', 'eosId'] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 0 || c[k] >= minVocab) throw new RangeError(`${where}: '${k}' must be a token id in [0, ${minVocab}); received ${JSON.stringify(c[k])}`);
  }
  if (c.bosId === c.eosId || c.padId === c.eosId) throw new RangeError(`${where}: 'eosId' must differ from 'bosId' and 'padId'; received padId=${c.padId}, bosId=${c.bosId}, eosId=${c.eosId}`);
  return { ...c, tgtVocabSize, dimFeedforward };
}

/** Padded int32 tensors of a batch (the caller disposes them). */
export interface Seq2SeqBatch {
  /** `[B, S]` source ids, right-padded. */
  src: tf.Tensor2D;
  /** `[B, T]` decoder input: BOS then the target, right-padded. */
  tgtIn: tf.Tensor2D;
  /** `[B, T]` decoder output: the target then EOS, right-padded. */
  tgtOut: tf.Tensor2D;
}

export interface Seq2SeqLossOptions {
  /** Label smoothing ε (Szegedy et al. 2016; Vaswani et al. use 0.1). @default 0.1 */
  labelSmoothing?: number;
}

export class TransformerSeq2Seq extends Module<[tf.Tensor, tf.Tensor]> {
  readonly config: ResolvedSeq2SeqConfig;
  readonly srcEmbed: Embedding;
  /** The same module as `srcEmbed` when `shareEmbeddings`. */
  readonly tgtEmbed: Embedding;
  readonly pos: SinusoidalPositionalEncoding;
  readonly dropout: Dropout;
  readonly encoder: TransformerEncoder;
  readonly decoder: TransformerDecoder;
  /** `[E, V]` output projection, or null when tied to `tgtEmbed`. */
  readonly generator: Linear | null;
  private readonly scale: number;

  constructor(config: Seq2SeqConfig, options: { seed?: SeedLike } = {}) {
    super();
    const c = resolveSeq2SeqConfig(config);
    this.config = c;
    const rng = Rng.from(options.seed ?? 0);
    const e = c.dModel;
    this.scale = Math.sqrt(e);
    this.srcEmbed = new Embedding(c.srcVocabSize, e, { seed: rng });
    this.tgtEmbed = c.shareEmbeddings ? this.srcEmbed : new Embedding(c.tgtVocabSize, e, { seed: rng });
    // Embeddings N(0, 1/E), as fairseq's transformer: after the √E scale they have unit variance, and tied logits start small.
    tf.tidy(() => {
      for (const emb of c.shareEmbeddings ? [this.srcEmbed] : [this.srcEmbed, this.tgtEmbed]) {
        emb.weight.assign(tf.tensor(rng.fillNormal(new Float32Array(emb.weight.size), 0, 1 / Math.sqrt(e)), emb.weight.shape));
      }
    });
    this.pos = new SinusoidalPositionalEncoding(e, c.maxLength);
    this.dropout = new Dropout({ p: c.dropout, seed: rng });
    const layer = { dimFeedforward: c.dimFeedforward, dropout: c.dropout, activation: c.activation, batchFirst: true, normFirst: c.normFirst, seed: rng };
    this.encoder = new TransformerEncoder(() => new TransformerEncoderLayer(e, c.nHead, layer), c.numEncoderLayers, { norm: c.normFirst ? new LayerNorm(e) : null });
    this.decoder = new TransformerDecoder(() => new TransformerDecoderLayer(e, c.nHead, layer), c.numDecoderLayers, { norm: c.normFirst ? new LayerNorm(e) : null });
    this.generator = c.tieOutput ? null : new Linear(e, c.tgtVocabSize, { bias: false, seed: rng });
  }

  /** `[B, S]` bool, true at source padding. */
  paddingMask(src: tf.Tensor): tf.Tensor {
    return tf.equal(src, this.config.padId);
  }

  private embed(emb: Embedding, ids: tf.Tensor, offset: number): tf.Tensor {
    return this.dropout.forward(this.pos.forward(tf.mul(emb.forward(ids), this.scale), offset));
  }

  private checkIds(ids: unknown, name: string, where: string): asserts ids is tf.Tensor2D {
    if (!(ids instanceof tf.Tensor) || ids.rank !== 2 || ids.dtype !== 'int32') {
      throw new TypeError(`${where}: '${name}' must be an int32 tensor of shape [B, L]; received ${ids instanceof tf.Tensor ? `${ids.dtype} [${ids.shape.join(', ')}]` : typeof ids}`);
    }
    if ((ids.shape[1] as number) > this.config.maxLength) {
      throw new RangeError(`${where}: '${name}' has ${ids.shape[1]} positions, more than maxLength ${this.config.maxLength}`);
    }
  }

  /** `src` int32 `[B, S]` → memory `[B, S, E]` (padding keys masked). */
  encode(src: tf.Tensor): tf.Tensor {
    this.checkIds(src, 'src', 'TransformerSeq2Seq.encode');
    return this.encoder.forward(this.embed(this.srcEmbed, src, 0), { srcKeyPaddingMask: this.paddingMask(src) });
  }

  /**
   * Decoder logits `[B, T, V]` for `tgtIn` `[B, T]` over `memory` `[B, S, E]`. With `caches` (one per
   * decoder layer, from `newCaches()`), `tgtIn` holds only the new positions, which continue after
   * the cached ones.
   */
  decode(tgtIn: tf.Tensor, memory: tf.Tensor, memoryKeyPaddingMask: tf.Tensor | undefined, caches?: KeyValueCache[]): tf.Tensor {
    this.checkIds(tgtIn, 'tgtIn', 'TransformerSeq2Seq.decode');
    const offset = caches?.[0]?.length ?? 0;
    const [b, t] = tgtIn.shape as [number, number];
    const x = this.decoder.forward(this.embed(this.tgtEmbed, tgtIn, offset), memory, { tgtIsCausal: true, memoryKeyPaddingMask, caches }); // [B, T, E]
    const flat = tf.reshape(x, [b * t, this.config.dModel]);
    const logits = this.generator === null ? tf.matMul(flat, this.tgtEmbed.weight, false, true) : this.generator.forward(flat); // [B·T, V]
    return tf.reshape(logits, [b, t, this.config.tgtVocabSize]);
  }

  /** Teacher forcing: `src` `[B, S]`, `tgtIn` `[B, T]` → logits `[B, T, V]`. */
  forward(src: tf.Tensor, tgtIn: tf.Tensor): tf.Tensor {
    const memory = this.encode(src);
    return this.decode(tgtIn, memory, this.paddingMask(src));
  }

  /** Label-smoothed cross-entropy of the teacher-forced logits, padding ignored (on the caller's tape). */
  loss(batch: Seq2SeqBatch, options: Seq2SeqLossOptions = {}): tf.Scalar {
    const labelSmoothing = options.labelSmoothing ?? 0.1;
    return crossEntropy(this.forward(batch.src, batch.tgtIn), batch.tgtOut, { ignoreIndex: this.config.padId, labelSmoothing }) as tf.Scalar;
  }

  /** Fresh, empty self-attention caches, one per decoder layer (dispose them when done). */
  newCaches(): KeyValueCache[] {
    return this.decoder.layers.map(() => new KeyValueCache());
  }

  /**
   * Pads token-id sequences into a batch: sources as they are; targets get BOS in front (decoder
   * input) and EOS behind (decoder output). Throws on ids outside the vocabularies or too-long rows.
   */
  makeBatch(sources: readonly (readonly number[])[], targets: readonly (readonly number[])[]): Seq2SeqBatch {
    const where = 'TransformerSeq2Seq.makeBatch';
    if (!Array.isArray(sources) || sources.length === 0 || !Array.isArray(targets) || targets.length !== sources.length) {
      throw new RangeError(`${where}: 'sources' and 'targets' must be non-empty arrays of the same length; received ${Array.isArray(sources) ? sources.length : typeof sources} and ${Array.isArray(targets) ? targets.length : typeof targets}`);
    }
    const c = this.config;
    const src = sources.map((s, i) => this.checkSequence(s, `sources[${i}]`, where, c.srcVocabSize, c.maxLength));
    const tgt = targets.map((s, i) => this.checkSequence(s, `targets[${i}]`, where, c.tgtVocabSize, c.maxLength - 1));
    const pad = (rows: number[][], width: number) => {
      const out = new Int32Array(rows.length * width).fill(c.padId);
      rows.forEach((r, i) => out.set(r, i * width));
      return out;
    };
    const s = Math.max(...src.map((r) => r.length));
    const t = Math.max(...tgt.map((r) => r.length)) + 1;
    return {
      src: tf.tensor2d(pad(src, s), [src.length, s], 'int32'),
      tgtIn: tf.tensor2d(pad(tgt.map((r) => [c.bosId, ...r]), t), [tgt.length, t], 'int32'),
      tgtOut: tf.tensor2d(pad(tgt.map((r) => [...r, c.eosId]), t), [tgt.length, t], 'int32'),
    };
  }

  /** Validates one id sequence; returns a copy. */
  checkSequence(seq: unknown, name: string, where: string, vocab: number, maxLength: number): number[] {
    if (!Array.isArray(seq) || seq.length === 0 || seq.length > maxLength || seq.some((id) => !Number.isInteger(id) || id < 0 || id >= vocab)) {
      const shown = Array.isArray(seq) ? `[${seq.slice(0, 8).join(', ')}${seq.length > 8 ? ', …' : ''}] (length ${seq.length})` : typeof seq;
      throw new RangeError(`${where}: '${name}' must be a non-empty array of at most ${maxLength} token ids in [0, ${vocab}); received ${shown}`);
    }
    return [...(seq as number[])];
  }
}
