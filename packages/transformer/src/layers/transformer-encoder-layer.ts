/**
 * `TransformerEncoderLayer`: self-attention then a feed-forward block, each with a residual
 * connection and LayerNorm (Vaswani et al. 2017 §3.1), as PyTorch 1.13's
 * `torch.nn.TransformerEncoderLayer` — same parameter names (`self_attn`, `linear1`, `linear2`,
 * `norm1`, `norm2`), post-LN by default and pre-LN with `normFirst` (Xiong et al. 2020).
 *
 * Letters: B batch, S sequence length, E = dModel.
 */
import { tf } from '@ml/core';
import { Dropout, LayerNorm, Linear, Module } from '@ml/core/nn';
import { Rng, type SeedLike } from '@ml/core';
import { MultiheadAttention } from '../attention/multihead-attention.js';
import { FEED_FORWARD_ACTIVATIONS, activate, type FeedForwardActivation } from './feed-forward.js';
import { checkOneOf, checkPositiveInt, checkProbability } from '../internal/args.js';

export interface TransformerLayerOptions {
  /** Width of the feed-forward block. @default 2048 */
  dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block, and on attention weights. @default 0.1 */
  dropout?: number;
  /** Feed-forward activation (`'gelu'` is exact, `'gelu_tanh'` the tanh approximation). @default 'relu' */
  activation?: FeedForwardActivation;
  /** LayerNorm epsilon. @default 1e-5 */
  layerNormEps?: number;
  /** `[B, S, E]` inputs instead of `[S, B, E]`. @default false */
  batchFirst?: boolean;
  /** Pre-LN: normalise before each block instead of after the residual sum. @default false */
  normFirst?: boolean;
  /** Seed or generator for the initial weights and dropout masks. @default the global generator */
  seed?: SeedLike;
}

export const TRANSFORMER_LAYER_DEFAULTS = {
  dimFeedforward: 2048,
  dropout: 0.1,
  activation: 'relu',
  layerNormEps: 1e-5,
  batchFirst: false,
  normFirst: false,
} as const satisfies Required<Omit<TransformerLayerOptions, 'seed'>>;

/** Validated options shared by the encoder and decoder layers. */
export function resolveLayerOptions(options: TransformerLayerOptions, where: string) {
  const o = { ...TRANSFORMER_LAYER_DEFAULTS, ...options };
  checkPositiveInt(o.dimFeedforward, 'dimFeedforward', where);
  checkProbability(o.dropout, 'dropout', where);
  checkOneOf(o.activation, FEED_FORWARD_ACTIVATIONS, 'activation', where);
  if (typeof o.layerNormEps !== 'number' || !(o.layerNormEps > 0)) {
    throw new RangeError(`${where}: 'layerNormEps' must be a positive number; received ${JSON.stringify(o.layerNormEps)}`);
  }
  const rng = options.seed === undefined ? undefined : Rng.from(options.seed);
  return { ...o, rng };
}

export interface EncoderLayerCallOptions {
  /** `[S, S]` (or `[B·H, S, S]`) boolean (`true` = blocked) or additive float mask. @default undefined */
  srcMask?: tf.Tensor;
  /** `[B, S]` boolean, `true` at padding positions. @default undefined */
  srcKeyPaddingMask?: tf.Tensor;
  /** Causal self-attention. @default false */
  isCausal?: boolean;
}

export class TransformerEncoderLayer extends Module<[tf.Tensor, EncoderLayerCallOptions?]> {
  readonly dModel: number;
  readonly activation: FeedForwardActivation;
  readonly normFirst: boolean;
  readonly batchFirst: boolean;
  readonly selfAttn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super();
    const where = 'TransformerEncoderLayer';
    this.dModel = checkPositiveInt(dModel, 'dModel', where);
    const o = resolveLayerOptions(options, where);
    this.activation = o.activation;
    this.normFirst = o.normFirst;
    this.batchFirst = o.batchFirst;
    this.selfAttn = new MultiheadAttention(dModel, nhead, { dropout: o.dropout, batchFirst: o.batchFirst, seed: o.rng });
    this.linear1 = new Linear(dModel, o.dimFeedforward, { seed: o.rng });
    this.dropout = new Dropout({ p: o.dropout, seed: o.rng });
    this.linear2 = new Linear(o.dimFeedforward, dModel, { seed: o.rng });
    this.norm1 = new LayerNorm(dModel, { eps: o.layerNormEps });
    this.norm2 = new LayerNorm(dModel, { eps: o.layerNormEps });
    this.dropout1 = new Dropout({ p: o.dropout, seed: o.rng });
    this.dropout2 = new Dropout({ p: o.dropout, seed: o.rng });
  }

  /** `src` `[S, B, E]` (or `[B, S, E]`) → same shape. */
  forward(src: tf.Tensor, options: EncoderLayerCallOptions = {}): tf.Tensor {
    const sa = (x: tf.Tensor) =>
      this.dropout1.forward(
        this.selfAttn.forward(x, x, x, { attnMask: options.srcMask, keyPaddingMask: options.srcKeyPaddingMask, isCausal: options.isCausal, needWeights: false }).output,
      );
    const ff = (x: tf.Tensor) => this.dropout2.forward(this.linear2.forward(this.dropout.forward(activate(this.linear1.forward(x), this.activation))));
    let x = src;
    if (this.normFirst) {
      x = tf.add(x, sa(this.norm1.forward(x)));
      x = tf.add(x, ff(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(tf.add(x, sa(x)));
      x = this.norm2.forward(tf.add(x, ff(x)));
    }
    return x;
  }
}
