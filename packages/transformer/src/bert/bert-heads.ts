/**
 * Task heads on `BertModel`, with Hugging Face's module names so checkpoints map one to one:
 * `BertForMaskedLM` (`bert`, `cls.predictions.transform.dense|LayerNorm`, `cls.predictions.bias`;
 * the decoder is tied to `bert.embeddings.word_embeddings`), `BertForSequenceClassification`
 * (`bert`, `classifier` on the pooled output), `BertForTokenClassification` (`bert`, `classifier` on
 * every position), `BertForQuestionAnswering` (`bert`, `qa_outputs` → start/end logits). As in
 * Hugging Face, only the sequence classifier has a pooling layer. Heads start freshly initialised
 * (N(0, initializerRange) weights, zero biases).
 *
 * Letters: B batch, T positions, E width, V vocabulary, L labels, M selected positions.
 */
import { tf, Rng, type SeedLike } from '@ml/core';
import { Dropout, LayerNorm, Linear, Module, type AnyModule } from '@ml/core/nn';
import { activate } from '../layers/feed-forward.js';
import { checkPositiveInt, checkProbability, parameter } from '../internal/args.js';
import { BertModel, initBertWeights, type BertForwardOptions } from './bert-model.js';
import { resolveBertConfig, type BertConfig, type ResolvedBertConfig } from './bert-config.js';

/** Keys of a Hugging Face `BertForMaskedLM` state dict that duplicate tied parameters (drop them before loading). */
export const BERT_TIED_TORCH_KEYS = ['cls.predictions.decoder.weight', 'cls.predictions.decoder.bias'] as const;

export interface BertHeadOptions {
  /** Output classes (HF `num_labels`); the QA head always has 2 (start, end). @default 2 */
  numLabels?: number;
  /** Dropout before the classifier (HF `classifier_dropout`); null uses `hiddenDropoutProb`. @default null */
  classifierDropout?: number | null;
  /** Seed or generator for the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

export const BERT_HEAD_DEFAULTS = { numLabels: 2, classifierDropout: null, seed: 0 } as const satisfies Required<BertHeadOptions>;

function headSetup(config: BertConfig, options: BertHeadOptions, where: string) {
  const c = resolveBertConfig(config);
  const o = { ...BERT_HEAD_DEFAULTS, ...options };
  checkPositiveInt(o.numLabels, 'numLabels', where);
  const p = o.classifierDropout ?? c.hiddenDropoutProb;
  checkProbability(p, 'classifierDropout', where);
  return { c, numLabels: o.numLabels, dropoutP: p, rng: Rng.from(o.seed) };
}

/** HF `BertPredictionHeadTransform`: dense → activation → LayerNorm. */
export class BertPredictionHeadTransform extends Module {
  readonly dense: Linear;
  readonly layerNorm: LayerNorm;
  readonly hiddenAct: ResolvedBertConfig['hiddenAct'];

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.dense = new Linear(c.hiddenSize, c.hiddenSize, { seed: rng });
    this.layerNorm = new LayerNorm(c.hiddenSize, { eps: c.layerNormEps });
    this.hiddenAct = c.hiddenAct;
  }

  /** `[..., E]` → `[..., E]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.layerNorm.forward(activate(this.dense.forward(x), this.hiddenAct));
  }
}

/** HF `BertLMPredictionHead`: `transform` and the output `bias`; the decoder weight is the word embedding. */
export class BertLmPredictionHead extends Module<[tf.Tensor, tf.Tensor]> {
  readonly transform: BertPredictionHeadTransform;
  /** `[V]` */
  readonly bias: tf.Variable;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.transform = new BertPredictionHeadTransform(c, rng);
    this.bias = parameter(tf.zeros([c.vocabSize]));
  }

  /** `x` `[N, E]`, `wordEmbeddings` `[V, E]` → logits `[N, V]`. */
  forward(x: tf.Tensor, wordEmbeddings: tf.Tensor): tf.Tensor {
    return tf.add(tf.matMul(this.transform.forward(x), wordEmbeddings, false, true), this.bias);
  }
}

/** HF `BertOnlyMLMHead`: `predictions`. */
export class BertOnlyMlmHead extends Module<[tf.Tensor, tf.Tensor]> {
  readonly predictions: BertLmPredictionHead;

  constructor(c: ResolvedBertConfig, rng: Rng) {
    super();
    this.predictions = new BertLmPredictionHead(c, rng);
  }

  /** `[N, E]` → `[N, V]`. */
  forward(x: tf.Tensor, wordEmbeddings: tf.Tensor): tf.Tensor {
    return this.predictions.forward(x, wordEmbeddings);
  }
}

/** BERT with the masked-language-model head (HF `BertForMaskedLM`). */
export class BertForMaskedLM extends Module<[tf.Tensor, BertForwardOptions?]> {
  readonly bert: BertModel;
  readonly cls: BertOnlyMlmHead;

  constructor(config: BertConfig, options: { seed?: SeedLike } = {}) {
    super();
    const rng = Rng.from(options.seed ?? 0);
    this.bert = new BertModel(config, { addPoolingLayer: false, seed: rng });
    this.cls = new BertOnlyMlmHead(this.bert.config, rng);
    initBertWeights(this.cls as unknown as AnyModule, this.bert.config.initializerRange, rng);
  }

  /** `inputIds` int32 `[B, T]` → logits `[B, T, V]` (a new tensor the caller owns). */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): tf.Tensor {
    const { lastHiddenState } = this.bert.forward(inputIds, options); // [B, T, E]
    const [b, t, e] = lastHiddenState.shape as [number, number, number];
    const logits = this.cls.forward(tf.reshape(lastHiddenState, [b * t, e]), this.bert.embeddings.wordEmbeddings.weight); // [B·T, V]
    return tf.reshape(logits, [b, t, this.bert.config.vocabSize]);
  }

  /**
   * Logits only at `positions` (int32 `[M]`, flat indices b·T + t): the MLM loss needs the masked
   * positions only, which saves the `[B·T, V]` output projection. Returns `[M, V]`.
   */
  logitsAt(inputIds: tf.Tensor, positions: tf.Tensor, options: BertForwardOptions = {}): tf.Tensor {
    if (!(positions instanceof tf.Tensor) || positions.rank !== 1 || positions.dtype !== 'int32') {
      throw new TypeError(`BertForMaskedLM.logitsAt: 'positions' must be an int32 tensor of shape [M]; received ${positions instanceof tf.Tensor ? `${positions.dtype} [${positions.shape.join(', ')}]` : typeof positions}`);
    }
    const { lastHiddenState } = this.bert.forward(inputIds, options); // [B, T, E]
    const [b, t, e] = lastHiddenState.shape as [number, number, number];
    const picked = tf.gather(tf.reshape(lastHiddenState, [b * t, e]), positions); // [M, E]
    return this.cls.forward(picked, this.bert.embeddings.wordEmbeddings.weight); // [M, V]
  }
}

/** BERT with dropout and a linear classifier on the pooled output (HF `BertForSequenceClassification`). */
export class BertForSequenceClassification extends Module<[tf.Tensor, BertForwardOptions?]> {
  readonly numLabels: number;
  readonly bert: BertModel;
  readonly dropout: Dropout;
  readonly classifier: Linear;

  constructor(config: BertConfig, options: BertHeadOptions = {}) {
    super();
    const { c, numLabels, dropoutP, rng } = headSetup(config, options, 'BertForSequenceClassification');
    this.numLabels = numLabels;
    this.bert = new BertModel(c, { addPoolingLayer: true, seed: rng });
    this.dropout = new Dropout({ p: dropoutP, seed: rng });
    this.classifier = new Linear(c.hiddenSize, numLabels, { seed: rng });
    initBertWeights(this.classifier as unknown as AnyModule, c.initializerRange, rng);
  }

  /** `inputIds` int32 `[B, T]` → logits `[B, L]`. */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): tf.Tensor {
    const { pooledOutput } = this.bert.forward(inputIds, options);
    return this.classifier.forward(this.dropout.forward(pooledOutput as tf.Tensor)); // [B, L]
  }
}

/** BERT with dropout and a linear classifier at every position (HF `BertForTokenClassification`). */
export class BertForTokenClassification extends Module<[tf.Tensor, BertForwardOptions?]> {
  readonly numLabels: number;
  readonly bert: BertModel;
  readonly dropout: Dropout;
  readonly classifier: Linear;

  constructor(config: BertConfig, options: BertHeadOptions = {}) {
    super();
    const { c, numLabels, dropoutP, rng } = headSetup(config, options, 'BertForTokenClassification');
    this.numLabels = numLabels;
    this.bert = new BertModel(c, { addPoolingLayer: false, seed: rng });
    this.dropout = new Dropout({ p: dropoutP, seed: rng });
    this.classifier = new Linear(c.hiddenSize, numLabels, { seed: rng });
    initBertWeights(this.classifier as unknown as AnyModule, c.initializerRange, rng);
  }

  /** `inputIds` int32 `[B, T]` → logits `[B, T, L]`. */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): tf.Tensor {
    const { lastHiddenState } = this.bert.forward(inputIds, options);
    return this.classifier.forward(this.dropout.forward(lastHiddenState)); // [B, T, L]
  }
}

export type QuestionAnsweringOutput = {
  /** `[B, T]` */
  startLogits: tf.Tensor;
  /** `[B, T]` */
  endLogits: tf.Tensor;
};

/** BERT with a linear layer giving start and end logits per position (HF `BertForQuestionAnswering`). */
export class BertForQuestionAnswering extends Module<[tf.Tensor, BertForwardOptions?], QuestionAnsweringOutput> {
  readonly bert: BertModel;
  readonly qaOutputs: Linear;

  constructor(config: BertConfig, options: { seed?: SeedLike } = {}) {
    super();
    const rng = Rng.from(options.seed ?? 0);
    this.bert = new BertModel(config, { addPoolingLayer: false, seed: rng });
    this.qaOutputs = new Linear(this.bert.config.hiddenSize, 2, { seed: rng });
    initBertWeights(this.qaOutputs as unknown as AnyModule, this.bert.config.initializerRange, rng);
  }

  /** `inputIds` int32 `[B, T]` → `{ startLogits [B, T], endLogits [B, T] }`. */
  forward(inputIds: tf.Tensor, options: BertForwardOptions = {}): QuestionAnsweringOutput {
    const { lastHiddenState } = this.bert.forward(inputIds, options);
    const [b, t] = lastHiddenState.shape as [number, number, number];
    const logits = this.qaOutputs.forward(lastHiddenState); // [B, T, 2]
    const [start, end] = tf.split(logits, 2, 2); // 2 × [B, T, 1]
    return { startLogits: tf.reshape(start, [b, t]), endLogits: tf.reshape(end, [b, t]) };
  }
}
