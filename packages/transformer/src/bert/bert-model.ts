/**
 * `BertModel`: the BERT encoder (Devlin et al., "BERT: Pre-training of Deep Bidirectional
 * Transformers for Language Understanding", NAACL 2019) with Hugging Face's `BertModel` module tree
 * and names (`embeddings.word_embeddings` / `position_embeddings` / `token_type_embeddings` /
 * `LayerNorm`, `encoder.layer.{i}.…`, `pooler.dense`), so a Hugging Face state dict maps one to one
 * through `fromTorchStateDict(model, sd, { rename: bertTorchName })`. Padding is masked by adding
 * (1 − attentionMask)·(−10000) to the attention scores, as Hugging Face BERT up to v4.2x.
 * Init as Hugging Face: N(0, initializerRange) weights and embeddings, zero biases, zero padding row.
 *
 * Letters: B batch, T positions, E width (hiddenSize).
 */
import { tf, Rng, type SeedLike } from '@ml/core';
import { Dropout, Embedding, LayerNorm, Linear, Module, type AnyModule } from '@ml/core/nn';
import { BertLayer } from './bert-layer.js';
import { resolveBertConfig, type BertConfig, type ResolvedBertConfig } from './bert-config.js';

export interface BertForwardOptions {
  /** `[B, T]` int32 or float32: 1 for tokens to attend to, 0 for padding. @default all ones */
  attentionMask?: tf.Tensor;
  /** `[B, T]` int32 segment ids (0 for the first sentence, 1 for the second). @default all zeros */
  tokenTypeIds?: tf.Tensor;
  /** `[B, T]` or `[T]` int32 positions. @default 0 … T − 1 */
  positionIds?: tf.Tensor;
}

export type BertModelOutput = {
  /** `[B, T, E]`: the last layer's hidden states. */
  lastHiddenState: tf.Tensor;
  /** `[B, E]`: tanh(dense(hidden state of the first token)); undefined without a pooling layer. */
  pooledOutput?: tf.Tensor;
};

export interface BertModelOptions {
  /** Build `pooler` (HF `add_pooling_layer`; the MLM, token-classification and QA heads go without). @default true */
  addPoolingLayer?: boolean;
  /** Seed or generator for the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

/** HF `BertEmbeddings`: word + position + token-type embeddings, LayerNorm, dropout. */
export class BertEmbeddings extends Module<[tf.Tensor, BertForwardOptions?]> {
  readonly wordEmbeddings: Embedding;
  readonly positionEmbeddings: Embedding;
  readonly tokenTypeEmbeddings: Embedding;
  readonly layerNorm: LayerNorm;
  readonly dropout: Dropout;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.wordEmbeddings = new Embedding(c.vocabSize, c.hiddenSize, { paddingIdx: c.padTokenId, seed: rng });
    this.positionEmbeddings = new Embedding(c.maxPositionEmbeddings, c.hiddenSize, { seed: rng });
    this.tokenTypeEmbeddings = new Embedding(c.typeVocabSize, c.hiddenSize, { seed: rng });
    this.layerNorm = new LayerNorm(c.hiddenSize, { eps: c.layerNormEps });
    this.dropout = new Dropout({ p: c.hiddenDropoutProb, seed: rng });
  }

  /** `inputIds` int32 `[B, T]` → `[B, T, E]`. */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): tf.Tensor {
    const t = inputIds.shape[1] as number;
    const positions = options.positionIds ?? tf.range(0, t, 1, 'int32'); // [T]
    const types = options.tokenTypeIds ?? tf.zerosLike(inputIds); // [B, T]
    let x = tf.add(this.wordEmbeddings.forward(inputIds), this.tokenTypeEmbeddings.forward(types)); // [B, T, E]
    x = tf.add(x, this.positionEmbeddings.forward(positions)); // [B, T, E]
    return this.dropout.forward(this.layerNorm.forward(x));
  }
}

/** HF `BertEncoder`: `layer.{i}`. */
export class BertEncoder extends Module<[tf.Tensor, tf.Tensor?]> {
  readonly layer: BertLayer[];

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.layer = Array.from({ length: c.numHiddenLayers }, () => new BertLayer(c, rng));
  }

  /** `[B, T, E]` → `[B, T, E]`. */
  forward(x: tf.Tensor, additiveMask?: tf.Tensor): tf.Tensor {
    let h = x;
    for (const layer of this.layer) h = layer.forward(h, additiveMask);
    return h;
  }
}

/** HF `BertPooler`: tanh(dense(hidden state of the first token)). */
export class BertPooler extends Module {
  readonly dense: Linear;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.dense = new Linear(c.hiddenSize, c.hiddenSize, { seed: rng });
  }

  /** `[B, T, E]` → `[B, E]`. */
  forward(x: tf.Tensor): tf.Tensor {
    const [b, , e] = x.shape as [number, number, number];
    const first = tf.reshape(tf.slice(x, [0, 0, 0], [b, 1, e]), [b, e]); // [B, E]
    return tf.tanh(this.dense.forward(first));
  }
}

/**
 * Hugging Face's `_init_weights` for BERT modules: N(0, std) for Linear weights and embeddings
 * (padding row zeroed), zero biases, LayerNorm ones/zeros. Applies to `module` and its descendants.
 */
export function initBertWeights(module: AnyModule, std: number, rng: Rng): void {
  tf.tidy(() => {
    for (const [, m] of module.namedModules()) {
      if (m instanceof Linear) {
        m.weight.assign(tf.tensor(rng.fillNormal(new Float32Array(m.weight.size), 0, std), m.weight.shape));
        m.bias?.assign(tf.zeros(m.bias.shape));
      } else if (m instanceof Embedding) {
        const values = rng.fillNormal(new Float32Array(m.weight.size), 0, std);
        if (m.paddingIdx !== null) values.fill(0, m.paddingIdx * m.embeddingDim, (m.paddingIdx + 1) * m.embeddingDim);
        m.weight.assign(tf.tensor(values, m.weight.shape));
      }
    }
  });
}

/** Checks `inputIds` and the masks of a BERT forward call; returns `[B, T]`. */
export function checkBertInputs(where: string, inputIds: unknown, options: BertForwardOptions, maxPositions: number): [number, number] {
  if (!(inputIds instanceof tf.Tensor) || inputIds.rank !== 2 || inputIds.dtype !== 'int32') {
    throw new TypeError(`${where}: 'inputIds' must be an int32 tensor of shape [B, T]; received ${inputIds instanceof tf.Tensor ? `${inputIds.dtype} [${inputIds.shape.join(', ')}]` : typeof inputIds}`);
  }
  const [b, t] = inputIds.shape as [number, number];
  if (t > maxPositions) throw new RangeError(`${where}: 'inputIds' has ${t} positions; at most 'maxPositionEmbeddings' = ${maxPositions} are allowed`);
  for (const name of ['attentionMask', 'tokenTypeIds'] as const) {
    const m = options[name];
    if (m === undefined) continue;
    if (!(m instanceof tf.Tensor) || m.rank !== 2 || m.shape[0] !== b || m.shape[1] !== t) {
      throw new RangeError(`${where}: '${name}' must be a tensor of shape [${b}, ${t}] like 'inputIds'; received ${m instanceof tf.Tensor ? `[${m.shape.join(', ')}]` : typeof m}`);
    }
  }
  if (options.tokenTypeIds !== undefined && options.tokenTypeIds.dtype !== 'int32') {
    throw new TypeError(`${where}: 'tokenTypeIds' must be int32; received ${options.tokenTypeIds.dtype}`);
  }
  return [b, t];
}

export class BertModel extends Module<[tf.Tensor, BertForwardOptions?], BertModelOutput> {
  readonly config: ResolvedBertConfig;
  readonly embeddings: BertEmbeddings;
  readonly encoder: BertEncoder;
  /** The pooling layer, or null when built with `addPoolingLayer: false`. */
  readonly pooler: BertPooler | null;

  constructor(config: BertConfig, options: BertModelOptions = {}) {
    super();
    const c = resolveBertConfig(config);
    this.config = c;
    const rng = Rng.from(options.seed ?? 0);
    this.embeddings = new BertEmbeddings(c, rng);
    this.encoder = new BertEncoder(c, rng);
    this.pooler = (options.addPoolingLayer ?? true) ? new BertPooler(c, rng) : null;
    initBertWeights(this as unknown as AnyModule, c.initializerRange, rng);
  }

  /**
   * `inputIds` int32 `[B, T]` → `{ lastHiddenState [B, T, E], pooledOutput [B, E] }` (new tensors
   * the caller owns; runs on the caller's tape, use `call` for a tidy forward).
   */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): BertModelOutput {
    checkBertInputs('BertModel.forward', inputIds, options, this.config.maxPositionEmbeddings);
    // HF's extended attention mask: (1 − mask)·(−10000) on the keys, [B, T].
    const additive = options.attentionMask === undefined ? undefined : tf.mul(tf.sub(1, tf.cast(options.attentionMask, 'float32')), -10000);
    const x = this.embeddings.forward(inputIds, options); // [B, T, E]
    const lastHiddenState = this.encoder.forward(x, additive); // [B, T, E]
    if (this.pooler === null) return { lastHiddenState };
    return { lastHiddenState, pooledOutput: this.pooler.forward(lastHiddenState) };
  }
}
