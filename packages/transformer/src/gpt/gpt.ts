/**
 * `Gpt`: a GPT-2-style decoder-only language model (Radford et al., "Language Models are
 * Unsupervised Multitask Learners", 2019): token + learned position embeddings, `nLayer` pre-LN
 * blocks, a final LayerNorm and an output projection tied to the token embedding. Parameter names
 * follow Hugging Face's `GPT2LMHeadModel` (`wte`, `wpe`, `h.{i}.…`, `ln_f`). Init as GPT-2: N(0, 0.02)
 * weights, zero biases, residual projections scaled by 1/√(2·nLayer).
 *
 * Letters: B batch, T new positions, V vocabulary, E width.
 */
import { tf, Rng, type SeedLike } from '@ml/core';
import { Dropout, Embedding, LayerNorm, Linear, Module } from '@ml/core/nn';
import { KeyValueCache } from '../attention/multihead-attention.js';
import { fusedLayerNorm } from './fused-layer-norm.js';
import { GptBlock } from './gpt-block.js';
import { resolveGptConfig, type GptConfig, type ResolvedGptConfig } from './gpt-config.js';

/**
 * Up to this many rows (B·T) the tied output layer is computed as (wte·flatᵀ)ᵀ instead of
 * flat·wteᵀ: a product with a transposed operand transposes that operand first, and wte [V, E] is
 * far larger than a decoding step's few rows (and a fresh transposed copy is re-packed by XNNPACK
 * on every call, while wte's own buffer stays packed).
 */
const TIED_HEAD_TRANSPOSED_MAX_ROWS = 8;

export interface GptForwardOptions {
  /** One cache per block for incremental decoding (from `newCaches()`); positions continue after the cached ones. @default undefined */
  caches?: KeyValueCache[];
}

export class Gpt extends Module<[tf.Tensor, GptForwardOptions?]> {
  readonly config: ResolvedGptConfig;
  readonly wte: Embedding;
  readonly wpe: Embedding;
  readonly drop: Dropout;
  readonly h: GptBlock[];
  readonly lnF: LayerNorm;
  /** The output projection `[E, V]` when embeddings are not tied, else null. */
  readonly lmHead: Linear | null;

  constructor(config: GptConfig, options: { seed?: SeedLike } = {}) {
    super();
    const c = resolveGptConfig(config);
    this.config = c;
    const rng = Rng.from(options.seed ?? 0);
    this.wte = new Embedding(c.vocabSize, c.nEmbd, { seed: rng });
    this.wpe = new Embedding(c.nPositions, c.nEmbd, { seed: rng });
    this.drop = new Dropout({ p: c.dropout, seed: rng });
    this.h = Array.from({ length: c.nLayer }, () => new GptBlock(c, rng));
    this.lnF = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
    this.lmHead = c.tieWordEmbeddings ? null : new Linear(c.nEmbd, c.vocabSize, { bias: false, seed: rng });
    this.initWeights(rng);
  }

  /** GPT-2's init: N(0, 0.02) for embeddings and weights, zero biases, N(0, 0.02/√(2·nLayer)) for `c_proj`. */
  private initWeights(rng: Rng): void {
    const std = 0.02;
    tf.tidy(() => {
      for (const [name, p] of this.namedParameters()) {
        if (name.startsWith('lnF') || /\.ln[12]\./.test(name)) continue; // LayerNorms keep ones/zeros
        if (name.endsWith('.bias')) p.assign(tf.zeros(p.shape));
        else {
          const s = name.endsWith('cProj.weight') ? std / Math.sqrt(2 * this.config.nLayer) : std;
          p.assign(tf.tensor(rng.fillNormal(new Float32Array(p.size), 0, s), p.shape));
        }
      }
    });
  }

  /** Fresh, empty caches, one per block (dispose them when done). */
  newCaches(): KeyValueCache[] {
    return this.h.map(() => new KeyValueCache());
  }

  /** `ids` int32 `[B, T]` → logits `[B, T, V]`. */
  forward(ids: tf.Tensor, options: GptForwardOptions = {}): tf.Tensor {
    const where = 'Gpt.forward';
    if (!(ids instanceof tf.Tensor) || ids.rank !== 2 || ids.dtype !== 'int32') {
      throw new TypeError(`${where}: 'ids' must be an int32 tensor of shape [B, T]; received ${ids instanceof tf.Tensor ? `${ids.dtype} [${ids.shape.join(', ')}]` : typeof ids}`);
    }
    const { caches } = options;
    if (caches !== undefined && caches.length !== this.h.length) {
      throw new RangeError(`${where}: 'caches' must hold ${this.h.length} KeyValueCache (one per block); received ${caches.length}`);
    }
    const [b, t] = ids.shape as [number, number];
    const offset = caches?.[0]?.length ?? 0;
    if (offset + t > this.config.nPositions) {
      throw new RangeError(`${where}: positions ${offset} … ${offset + t - 1} exceed the context of ${this.config.nPositions} tokens ('nPositions')`);
    }
    const positions = tf.range(offset, offset + t, 1, 'int32'); // [T]
    let x = tf.add(this.wte.forward(ids), this.wpe.forward(positions)); // [B, T, E]
    x = this.drop.forward(x);
    this.h.forEach((block, i) => (x = block.forward(x, caches?.[i])));
    x = fusedLayerNorm(this.lnF, x);
    const e = this.config.nEmbd;
    const flat = tf.reshape(x, [b * t, e]); // [B·T, E]
    let logits: tf.Tensor; // [B·T, V]
    if (this.lmHead !== null) logits = this.lmHead.forward(flat);
    else if (b * t <= TIED_HEAD_TRANSPOSED_MAX_ROWS) {
      // wte·flatᵀ: the transposed operand is the few rows of `flat`, not wte (see the constant).
      const lt = tf.matMul(this.wte.weight, flat, false, true); // [V, B·T]
      logits = b * t === 1 ? tf.reshape(lt, [1, this.config.vocabSize]) : tf.transpose(lt);
    } else logits = tf.matMul(flat, this.wte.weight, false, true);
    return tf.reshape(logits, [b, t, this.config.vocabSize]);
  }
}
