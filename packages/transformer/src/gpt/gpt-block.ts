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
import { fusedLayerNorm } from './fused-layer-norm.js';
import { addRowBias, biasGeluTanh, columnSum, geluTanh, swapAxes12 } from '../internal/fused-kernels.js';
import type { ResolvedGptConfig } from './gpt-config.js';

/**
 * Up to this many rows (B·T) the q|k|v projection is one product with c_attn's whole weight and a
 * split; above it, three products with column blocks (see `CausalSelfAttention.forward`). The
 * block slices are new tensors on every call, so XNNPACK re-packs them each time: per decoded token
 * that is 12 weight copies and packings for 4 layers, more than the products themselves.
 */
const FUSED_QKV_MAX_ROWS = 64;

/**
 * `x` `[N, I]` · `w` `[I, O]` + `b` `[O]` with a hand-written gradient whose bias term is
 * `columnSum(dy)` (one SIMD kernel on wasm, else onesᵀ·dy) instead of the generic broadcast-add
 * gradient's column sum, which on wasm transposes `dy` first (~10% of a training step there). The
 * forward bias add is one SIMD row pass on wasm (`addRowBias`) instead of a broadcasting Add.
 */
const affine = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: addRowBias(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy, ws, false, true), tf.matMul(xs, dy, true, false), columnSum(dy)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** `x` `[..., I]` through `linear` (weight `[I, O]`, optional bias) → `[..., O]`. */
function dense(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
  const inner = weight.shape[0] as number;
  const out = weight.shape[1] as number;
  const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inner]);
  const y = bias === null ? tf.matMul(flat, weight) : affine(flat, weight, bias);
  return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), out]);
}

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
    const heads = (y: tf.Tensor) => swapAxes12(tf.reshape(y, [b, t, this.nHead, d])); // [B, H, T, D]
    const flat = tf.reshape(x, [b * t, e]); // [B·T, E]
    const w = this.cAttn.weight; // [E, 3E]
    const bias = this.cAttn.bias; // [3E] or null
    let q: tf.Tensor, k: tf.Tensor, v: tf.Tensor;
    if (b * t <= FUSED_QKV_MAX_ROWS) {
      // Few rows (decoding with a cache): one product with the whole weight, whose packed form
      // XNNPACK keeps between calls, then a split of a few rows.
      [q, k, v] = tf.split(tf.reshape(dense(flat, w, bias), [b, t, 3 * e]), 3, 2) as [tf.Tensor, tf.Tensor, tf.Tensor]; // 3 × [B, T, E]
    } else {
      // q, k, v from column blocks of c_attn's weight: three [B·T, E] products cost what the fused one
      // does, and avoid splitting its [B, T, 3E] output along the last axis (a strided copy on wasm,
      // ~10% of a training step there). The blocks come from one split each of the weight and bias
      // (whose gradient is one concat) rather than three slices (each slice's gradient is a zero-padded
      // copy of the whole [E, 3E] weight, the three then added: 3 pads and 2 adds per parameter).
      const ws = tf.split(w, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor]; // 3 × [E, E]
      const bs = bias === null ? null : (tf.split(bias, 3, 0) as [tf.Tensor, tf.Tensor, tf.Tensor]); // 3 × [E]
      const project = (i: 0 | 1 | 2) => tf.reshape(dense(flat, ws[i], bs === null ? null : bs[i]), [b, t, e]);
      [q, k, v] = [project(0), project(1), project(2)]; // 3 × [B, T, E]
    }
    let kh = heads(k);
    let vh = heads(v);
    if (cache !== undefined) ({ key: kh, value: vh } = cache.append(kh, vh)); // [B, H, P, D]
    const { output } = scaledDotProductAttention(heads(q), kh, vh, { isCausal: true, dropout: this.attnDropout }); // [B, H, T, D]
    const merged = tf.reshape(swapAxes12(output), [b, t, e]); // [B, T, E]
    return this.residDropout.forward(dense(merged, this.cProj.weight, this.cProj.bias));
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
    const bias = this.cFc.bias;
    let a: tf.Tensor;
    if (this.activation === 'gelu_tanh' && bias !== null) {
      // the bias add joins the activation (one kernel each way on wasm)
      const h = tf.matMul(tf.reshape(x, [-1, this.cFc.weight.shape[0] as number]), this.cFc.weight); // [B·T, F]
      a = tf.reshape(biasGeluTanh(h, bias), [...x.shape.slice(0, -1), h.shape[1] as number]);
    } else {
      const h = dense(x, this.cFc.weight, bias);
      a = this.activation === 'gelu_tanh' ? geluTanh(h) : activate(h, this.activation);
    }
    return this.dropout.forward(dense(a, this.cProj.weight, this.cProj.bias));
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
    const h = tf.add(x, this.attn.forward(fusedLayerNorm(this.ln1, x), cache));
    return tf.add(h, this.mlp.forward(fusedLayerNorm(this.ln2, h)));
  }
}
