/**
 * One GPT-2 block (Radford et al. 2019): pre-LN causal self-attention and a GELU MLP, each with a
 * residual connection. Names follow Hugging Face's `GPT2Block` (`ln_1`, `attn.c_attn`, `attn.c_proj`,
 * `ln_2`, `mlp.c_fc`, `mlp.c_proj`) so checkpoints map one to one.
 *
 * Letters: B batch, T new positions, P cached + new positions, E width, H heads, D = E/H.
 */
import { tf } from '@ml/core';
import { Dropout, LayerNorm, Linear, Module } from '@ml/core/nn';
import type { Rng } from '@ml/core';
import { scaledDotProductAttention } from '../attention/scaled-dot-product-attention.js';
import type { KeyValueCache } from '../attention/multihead-attention.js';
import { activate } from '../layers/feed-forward.js';
import type { ResolvedGptConfig } from './gpt-config.js';

export class CausalSelfAttention extends Module<[tf.Tensor, KeyValueCache?]> {
  readonly nHead: number;
  readonly cAttn: Linear;
  readonly cProj: Linear;
  readonly attnDropout: Dropout;
  readonly residDropout: Dropout;

  constructor(c: ResolvedGptConfig, rng: Rng) {
    super();
    this.nHead = c.nHead;
    this.cAttn = new Linear(c.nEmbd, 3 * c.nEmbd, { seed: rng });
    this.cProj = new Linear(c.nEmbd, c.nEmbd, { seed: rng });
    this.attnDropout = new Dropout({ p: c.dropout, seed: rng });
    this.residDropout = new Dropout({ p: c.dropout, seed: rng });
  }

  /** `x` `[B, T, E]` → `[B, T, E]`; with a cache, attends over the cached positions too. */
  forward(x: tf.Tensor, cache?: KeyValueCache): tf.Tensor {
    const [b, t, e] = x.shape as [number, number, number];
    const d = e / this.nHead;
    const heads = (y: tf.Tensor) => tf.transpose(tf.reshape(y, [b, t, this.nHead, d]), [0, 2, 1, 3]); // [B, H, T, D]
    const [q, k, v] = tf.split(this.cAttn.forward(x), 3, 2); // 3 × [B, T, E]
    let kh = heads(k);
    let vh = heads(v);
    if (cache !== undefined) ({ key: kh, value: vh } = cache.append(kh, vh)); // [B, H, P, D]
    const { output } = scaledDotProductAttention(heads(q), kh, vh, { isCausal: true, dropout: this.attnDropout }); // [B, H, T, D]
    const merged = tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, t, e]); // [B, T, E]
    return this.residDropout.forward(this.cProj.forward(merged));
  }
}

export class GptMlp extends Module {
  readonly cFc: Linear;
  readonly cProj: Linear;
  readonly dropout: Dropout;
  readonly activation: ResolvedGptConfig['activation'];

  constructor(c: ResolvedGptConfig, rng: Rng) {
    super();
    this.cFc = new Linear(c.nEmbd, c.nInner, { seed: rng });
    this.cProj = new Linear(c.nInner, c.nEmbd, { seed: rng });
    this.dropout = new Dropout({ p: c.dropout, seed: rng });
    this.activation = c.activation;
  }

  /** `[B, T, E]` → `[B, T, E]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.dropout.forward(this.cProj.forward(activate(this.cFc.forward(x), this.activation)));
  }
}

export class GptBlock extends Module<[tf.Tensor, KeyValueCache?]> {
  readonly ln1: LayerNorm;
  readonly attn: CausalSelfAttention;
  readonly ln2: LayerNorm;
  readonly mlp: GptMlp;

  constructor(c: ResolvedGptConfig, rng: Rng) {
    super();
    this.ln1 = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
    this.attn = new CausalSelfAttention(c, rng);
    this.ln2 = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
    this.mlp = new GptMlp(c, rng);
  }

  /** `[B, T, E]` → `[B, T, E]`. */
  forward(x: tf.Tensor, cache?: KeyValueCache): tf.Tensor {
    const h = tf.add(x, this.attn.forward(this.ln1.forward(x), cache));
    return tf.add(h, this.mlp.forward(this.ln2.forward(h)));
  }
}
