/**
 * `MultiheadAttention`: Vaswani et al. (2017) §3.2.2, with PyTorch 1.13's `torch.nn.MultiheadAttention`
 * parameters and names (`in_proj_weight` `[3E, E]` packed q|k|v, `in_proj_bias`, `out_proj`), so a
 * PyTorch state dict loads through `fromTorchStateDict`. Our `inProjWeight` is stored `[E, 3E]`.
 * Init as PyTorch: xavier-uniform packed projection, zero biases, `out_proj` weight as `Linear`.
 *
 * Letters: B batch, T target (query) length, S source (key) length, E width, H heads, D = E/H.
 */
import { tf } from '@ml/core';
import { Dropout, Linear, Module, init, type TorchLayout } from '@ml/core/nn';
import type { SeedLike } from '@ml/core';
import { Rng } from '@ml/core';
import { scaledDotProductAttention, type AttentionMasks } from './scaled-dot-product-attention.js';
import { checkPositiveInt, checkProbability, parameter } from '../internal/args.js';

export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights while training. @default 0 */
  dropout?: number;
  /** Learn `in_proj_bias` and `out_proj.bias`. @default true */
  bias?: boolean;
  /** Inputs and outputs are `[B, T, E]` instead of PyTorch's default `[T, B, E]`. @default false */
  batchFirst?: boolean;
  /** Seed or generator for the initial weights and dropout masks. @default the global generator */
  seed?: SeedLike;
}

export const MULTIHEAD_ATTENTION_DEFAULTS = { dropout: 0, bias: true, batchFirst: false } as const;

/**
 * Keys and values of the positions seen so far, for incremental decoding: each forward call with a
 * cache appends its new keys/values (`[B, H, S, D]`) and attends over all of them. Owns its tensors;
 * `dispose()` frees them.
 */
export class KeyValueCache {
  key: tf.Tensor | null = null;
  value: tf.Tensor | null = null;
  /** Positions cached so far. */
  get length(): number {
    return this.key === null ? 0 : (this.key.shape[2] as number);
  }
  /** Appends `[B, H, S, D]` keys and values; returns the full cached tensors (owned by the cache). */
  append(key: tf.Tensor, value: tf.Tensor): { key: tf.Tensor; value: tf.Tensor } {
    const k = this.key === null ? tf.keep(tf.clone(key)) : tf.keep(tf.concat([this.key, key], 2));
    const v = this.value === null ? tf.keep(tf.clone(value)) : tf.keep(tf.concat([this.value, value], 2));
    this.key?.dispose();
    this.value?.dispose();
    this.key = k;
    this.value = v;
    return { key: k, value: v };
  }
  /**
   * Keeps batch rows `indices` (with repeats) of the cache, e.g. the parent beam of each new beam in
   * beam search.
   */
  reorder(indices: readonly number[]): void {
    if (this.key === null || this.value === null) return;
    const idx = tf.tensor1d(Array.from(indices), 'int32');
    const k = tf.keep(tf.gather(this.key, idx, 0));
    const v = tf.keep(tf.gather(this.value, idx, 0));
    idx.dispose();
    this.key.dispose();
    this.value.dispose();
    this.key = k;
    this.value = v;
  }

  dispose(): void {
    this.key?.dispose();
    this.value?.dispose();
    this.key = null;
    this.value = null;
  }
}

export interface MultiheadAttentionCallOptions extends AttentionMasks {
  /** Return the attention weights. @default true */
  needWeights?: boolean;
  /** Average the weights over heads (`[B, T, S]`) instead of per head (`[B, H, T, S]`). @default true */
  averageAttnWeights?: boolean;
  /** Incremental decoding: prepend the cached keys/values and append this call's. @default undefined */
  cache?: KeyValueCache;
}

export type AttentionOutput = {
  /** `[T, B, E]` (or `[B, T, E]` with `batchFirst`). */
  output: tf.Tensor;
  /** The attention weights, or undefined when `needWeights` is false. */
  weights?: tf.Tensor;
};

export class MultiheadAttention extends Module<[tf.Tensor, tf.Tensor, tf.Tensor, MultiheadAttentionCallOptions?], AttentionOutput> {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly batchFirst: boolean;
  /** `[E, 3E]`: the q, k and v projections side by side. */
  readonly inProjWeight: tf.Variable;
  /** `[3E]`, or null without bias. */
  readonly inProjBias: tf.Variable | null;
  readonly outProj: Linear;
  readonly attnDropout: Dropout;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    const where = 'MultiheadAttention';
    this.embedDim = checkPositiveInt(embedDim, 'embedDim', where);
    this.numHeads = checkPositiveInt(numHeads, 'numHeads', where);
    if (embedDim % numHeads !== 0) {
      throw new RangeError(`${where}: 'embedDim' must be divisible by 'numHeads'; received embedDim=${embedDim}, numHeads=${numHeads}`);
    }
    this.headDim = embedDim / numHeads;
    const o = { ...MULTIHEAD_ATTENTION_DEFAULTS, ...options };
    checkProbability(o.dropout, 'dropout', where);
    this.batchFirst = o.batchFirst;
    const rng = options.seed === undefined ? undefined : Rng.from(options.seed);
    this.inProjWeight = parameter(init.xavierUniform([embedDim, 3 * embedDim], { seed: rng }));
    this.inProjBias = o.bias ? parameter(tf.zeros([3 * embedDim])) : null;
    this.outProj = new Linear(embedDim, embedDim, { bias: o.bias, seed: rng });
    if (this.outProj.bias !== null) tf.tidy(() => this.outProj.bias?.assign(tf.zeros([embedDim])));
    this.attnDropout = new Dropout({ p: o.dropout, seed: rng });
  }

  protected override ownTorchLayouts(): Record<string, TorchLayout> {
    return { inProjWeight: 'kernel' };
  }

  /**
   * `query` `[T, B, E]`, `key`/`value` `[S, B, E]` (batch first with `batchFirst`) → `{ output, weights }`.
   * Self-attention (the same tensor three times) uses one packed projection.
   */
  forward(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, options: MultiheadAttentionCallOptions = {}): AttentionOutput {
    const where = 'MultiheadAttention.forward';
    const layout = this.batchFirst ? '[B, T, E]' : '[T, B, E]';
    for (const [name, t] of [['query', query], ['key', key], ['value', value]] as const) {
      if (!(t instanceof tf.Tensor) || t.rank !== 3 || t.shape[2] !== this.embedDim) {
        throw new RangeError(`${where}: '${name}' must have shape ${layout.replace('E', String(this.embedDim))}; received ${t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : typeof t}`);
      }
    }
    if (key.shape[0] !== value.shape[0] || key.shape[1] !== value.shape[1]) {
      throw new RangeError(`${where}: 'key' and 'value' must have the same shape; received [${key.shape.join(', ')}] and [${value.shape.join(', ')}]`);
    }
    // Work batch first: [B, T, E].
    const q0 = this.batchFirst ? query : tf.transpose(query, [1, 0, 2]);
    const k0 = key === query ? q0 : this.batchFirst ? key : tf.transpose(key, [1, 0, 2]);
    const v0 = value === key ? k0 : this.batchFirst ? value : tf.transpose(value, [1, 0, 2]);
    const [b, t] = q0.shape as [number, number, number];
    if (k0.shape[0] !== b) throw new RangeError(`${where}: 'key' must have batch size ${b} like 'query'; received [${key.shape.join(', ')}]`);
    const e = this.embedDim;
    let q: tf.Tensor;
    let k: tf.Tensor;
    let v: tf.Tensor;
    if (query === key && key === value) {
      const qkv = this.project(q0, 0, 3 * e); // [B, T, 3E]
      [q, k, v] = tf.split(qkv, 3, 2);
    } else {
      q = this.project(q0, 0, e);
      if (key === value) [k, v] = tf.split(this.project(k0, e, 2 * e), 2, 2);
      else {
        k = this.project(k0, e, e);
        v = this.project(v0, 2 * e, e);
      }
    }
    const heads = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [b, x.shape[1] as number, this.numHeads, this.headDim]), [0, 2, 1, 3]); // [B, H, ·, D]
    let kh = heads(k);
    let vh = heads(v);
    if (options.cache !== undefined) ({ key: kh, value: vh } = options.cache.append(kh, vh));
    const { output, weights } = scaledDotProductAttention(heads(q), kh, vh, {
      attnMask: options.attnMask,
      keyPaddingMask: options.keyPaddingMask,
      isCausal: options.isCausal,
      dropout: this.attnDropout,
    }); // [B, H, T, D], [B, H, T, S]
    const merged = tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, t, e]); // [B, T, E]
    let out = this.outProj.forward(merged); // [B, T, E]
    if (!this.batchFirst) out = tf.transpose(out, [1, 0, 2]); // [T, B, E]
    if (options.needWeights === false) return { output: out };
    return { output: out, weights: options.averageAttnWeights === false ? weights : tf.mean(weights, 1) };
  }

  /** `x` `[B, L, E]` times columns `from … from + width` of the packed projection → `[B, L, width]`. */
  private project(x: tf.Tensor, from: number, width: number): tf.Tensor {
    const [b, l] = x.shape as [number, number, number];
    const w = width === 3 * this.embedDim ? this.inProjWeight : tf.slice(this.inProjWeight, [0, from], [this.embedDim, width]);
    let y = tf.matMul(tf.reshape(x, [b * l, this.embedDim]), w); // [B·L, width]
    if (this.inProjBias !== null) y = tf.add(y, width === 3 * this.embedDim ? this.inProjBias : tf.slice(this.inProjBias, [from], [width]));
    return tf.reshape(y, [b, l, width]);
  }
}
