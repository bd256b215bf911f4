/**
 * One BERT encoder layer (Devlin et al., "BERT: Pre-training of Deep Bidirectional Transformers for
 * Language Understanding", 2019): post-LN self-attention and feed-forward blocks, with Hugging Face's
 * `BertLayer` module tree and names (`attention.self.query|key|value`, `attention.output.dense`,
 * `attention.output.LayerNorm`, `intermediate.dense`, `output.dense`, `output.LayerNorm`).
 *
 * Letters: B batch, T positions, E width, H heads, D = E/H, I intermediate width.
 */
import { tf } from '@ml/core';
import { Dropout, LayerNorm, Linear, Module } from '@ml/core/nn';
import type { Rng } from '@ml/core';
import { scaledDotProductAttention } from '../attention/scaled-dot-product-attention.js';
import { activate } from '../layers/feed-forward.js';
import type { ResolvedBertConfig } from './bert-config.js';

/** HF `BertSelfAttention`: separate q, k, v projections and dropout on the attention weights. */
export class BertSelfAttention extends Module<[tf.Tensor, tf.Tensor?]> {
  readonly numAttentionHeads: number;
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly dropout: Dropout;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.numAttentionHeads = c.numAttentionHeads;
    this.query = new Linear(c.hiddenSize, c.hiddenSize, { seed: rng });
    this.key = new Linear(c.hiddenSize, c.hiddenSize, { seed: rng });
    this.value = new Linear(c.hiddenSize, c.hiddenSize, { seed: rng });
    this.dropout = new Dropout({ p: c.attentionProbsDropoutProb, seed: rng });
  }

  /** `x` `[B, T, E]`, `additiveMask` `[B, T]` (0 keep, −10000 padding) → `[B, T, E]`. */
  forward(x: tf.Tensor, additiveMask?: tf.Tensor): tf.Tensor {
    const [b, t, e] = x.shape as [number, number, number];
    const h = this.numAttentionHeads;
    const heads = (y: tf.Tensor) => tf.transpose(tf.reshape(y, [b, t, h, e / h]), [0, 2, 1, 3]); // [B, H, T, D]
    const { output } = scaledDotProductAttention(heads(this.query.forward(x)), heads(this.key.forward(x)), heads(this.value.forward(x)), {
      keyPaddingMask: additiveMask,
      dropout: this.dropout,
    }); // [B, H, T, D]
    return tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, t, e]); // [B, T, E]
  }
}

/** HF `BertSelfOutput` / `BertOutput`: dense → dropout → LayerNorm(· + residual). */
export class BertResidualOutput extends Module<[tf.Tensor, tf.Tensor]> {
  readonly dense: Linear;
  readonly layerNorm: LayerNorm;
  readonly dropout: Dropout;

  constructor(c: ResolvedBertConfig, inFeatures: number, rng: Rng) {
    super();
    this.dense = new Linear(inFeatures, c.hiddenSize, { seed: rng });
    this.layerNorm = new LayerNorm(c.hiddenSize, { eps: c.layerNormEps });
    this.dropout = new Dropout({ p: c.hiddenDropoutProb, seed: rng });
  }

  /** `x` `[B, T, in]`, `residual` `[B, T, E]` → `[B, T, E]`. */
  forward(x: tf.Tensor, residual: tf.Tensor): tf.Tensor {
    return this.layerNorm.forward(tf.add(this.dropout.forward(this.dense.forward(x)), residual));
  }
}

/** HF `BertAttention`: `self` and `output`. */
export class BertAttention extends Module<[tf.Tensor, tf.Tensor?]> {
  readonly self: BertSelfAttention;
  readonly output: BertResidualOutput;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.self = new BertSelfAttention(c, rng);
    this.output = new BertResidualOutput(c, c.hiddenSize, rng);
  }

  /** `[B, T, E]` → `[B, T, E]`. */
  forward(x: tf.Tensor, additiveMask?: tf.Tensor): tf.Tensor {
    return this.output.forward(this.self.forward(x, additiveMask), x);
  }
}

/** HF `BertIntermediate`: dense to the intermediate width and the activation. */
export class BertIntermediate extends Module {
  readonly dense: Linear;
  readonly hiddenAct: ResolvedBertConfig['hiddenAct'];

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.dense = new Linear(c.hiddenSize, c.intermediateSize, { seed: rng });
    this.hiddenAct = c.hiddenAct;
  }

  /** `[B, T, E]` → `[B, T, I]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return activate(this.dense.forward(x), this.hiddenAct);
  }
}

/** HF `BertLayer`. */
export class BertLayer extends Module<[tf.Tensor, tf.Tensor?]> {
  readonly attention: BertAttention;
  readonly intermediate: BertIntermediate;
  readonly output: BertResidualOutput;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.attention = new BertAttention(c, rng);
    this.intermediate = new BertIntermediate(c, rng);
    this.output = new BertResidualOutput(c, c.intermediateSize, rng);
  }

  /** `x` `[B, T, E]`, `additiveMask` `[B, T]` → `[B, T, E]`. */
  forward(x: tf.Tensor, additiveMask?: tf.Tensor): tf.Tensor {
    const a = this.attention.forward(x, additiveMask); // [B, T, E]
    return this.output.forward(this.intermediate.forward(a), a);
  }
}
