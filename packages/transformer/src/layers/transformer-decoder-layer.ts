/**
 * `TransformerDecoderLayer`: masked self-attention, cross-attention over the encoder's memory, and a
 * feed-forward block, each with a residual connection and LayerNorm (Vaswani et al. 2017 §3.1), as
 * PyTorch 1.13's `torch.nn.TransformerDecoderLayer` (names `self_attn`, `multihead_attn`, `linear1`,
 * `linear2`, `norm1`–`norm3`); post-LN by default, pre-LN with `normFirst`.
 *
 * Letters: B batch, T target length, S memory length, E = dModel.
 */
import { tf } from '@ml/core';
import { Dropout, LayerNorm, Linear, Module } from '@ml/core/nn';
import { MultiheadAttention, type KeyValueCache } from '../attention/multihead-attention.js';
import { activate, type FeedForwardActivation } from './feed-forward.js';
import { resolveLayerOptions, type TransformerLayerOptions } from './transformer-encoder-layer.js';
import { checkPositiveInt } from '../internal/args.js';

export interface DecoderLayerCallOptions {
  /** `[T, T]` boolean (`true` = blocked) or additive float mask on self-attention. @default undefined */
  tgtMask?: tf.Tensor;
  /** `[T, S]` mask on cross-attention. @default undefined */
  memoryMask?: tf.Tensor;
  /** `[B, T]` boolean, `true` at target padding. @default undefined */
  tgtKeyPaddingMask?: tf.Tensor;
  /** `[B, S]` boolean, `true` at memory padding. @default undefined */
  memoryKeyPaddingMask?: tf.Tensor;
  /** Causal self-attention (each target position sees itself and earlier ones). @default false */
  tgtIsCausal?: boolean;
  /** Incremental decoding: the self-attention cache of this layer. @default undefined */
  cache?: KeyValueCache;
}

export class TransformerDecoderLayer extends Module<[tf.Tensor, tf.Tensor, DecoderLayerCallOptions?]> {
  readonly dModel: number;
  readonly activation: FeedForwardActivation;
  readonly normFirst: boolean;
  readonly batchFirst: boolean;
  readonly selfAttn: MultiheadAttention;
  readonly multiheadAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super();
    const where = 'TransformerDecoderLayer';
    this.dModel = checkPositiveInt(dModel, 'dModel', where);
    const o = resolveLayerOptions(options, where);
    this.activation = o.activation;
    this.normFirst = o.normFirst;
    this.batchFirst = o.batchFirst;
    this.selfAttn = new MultiheadAttention(dModel, nhead, { dropout: o.dropout, batchFirst: o.batchFirst, seed: o.rng });
    this.multiheadAttn = new MultiheadAttention(dModel, nhead, { dropout: o.dropout, batchFirst: o.batchFirst, seed: o.rng });
    this.linear1 = new Linear(dModel, o.dimFeedforward, { seed: o.rng });
    this.dropout = new Dropout({ p: o.dropout, seed: o.rng });
    this.linear2 = new Linear(o.dimFeedforward, dModel, { seed: o.rng });
    this.norm1 = new LayerNorm(dModel, { eps: o.layerNormEps });
    this.norm2 = new LayerNorm(dModel, { eps: o.layerNormEps });
    this.norm3 = new LayerNorm(dModel, { eps: o.layerNormEps });
    this.dropout1 = new Dropout({ p: o.dropout, seed: o.rng });
    this.dropout2 = new Dropout({ p: o.dropout, seed: o.rng });
    this.dropout3 = new Dropout({ p: o.dropout, seed: o.rng });
  }

  /** `tgt` `[T, B, E]`, `memory` `[S, B, E]` (batch first with `batchFirst`) → `[T, B, E]`. */
  forward(tgt: tf.Tensor, memory: tf.Tensor, options: DecoderLayerCallOptions = {}): tf.Tensor {
    const sa = (x: tf.Tensor) => {
      // With a cache, keys/values come from the cache plus x; queries are x's positions only.
      const { output } = this.selfAttn.forward(x, x, x, {
        attnMask: options.tgtMask,
        keyPaddingMask: options.tgtKeyPaddingMask,
        isCausal: options.tgtIsCausal,
        needWeights: false,
        cache: options.cache,
      });
      return this.dropout1.forward(output);
    };
    const mha = (x: tf.Tensor) =>
      this.dropout2.forward(
        this.multiheadAttn.forward(x, memory, memory, { attnMask: options.memoryMask, keyPaddingMask: options.memoryKeyPaddingMask, needWeights: false }).output,
      );
    const ff = (x: tf.Tensor) => this.dropout3.forward(this.linear2.forward(this.dropout.forward(activate(this.linear1.forward(x), this.activation))));
    let x = tgt;
    if (this.normFirst) {
      x = tf.add(x, sa(this.norm1.forward(x)));
      x = tf.add(x, mha(this.norm2.forward(x)));
      x = tf.add(x, ff(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(tf.add(x, sa(x)));
      x = this.norm2.forward(tf.add(x, mha(x)));
      x = this.norm3.forward(tf.add(x, ff(x)));
    }
    return x;
  }
}
