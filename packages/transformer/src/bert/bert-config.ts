/** Configuration of a BERT encoder (Hugging Face `BertConfig` names in camelCase). */
import { checkPositiveInt, checkProbability } from '../internal/args.js';

export interface BertConfig {
  /** Vocabulary size (HF `vocab_size`). */
  vocabSize: number;
  /** Width (HF `hidden_size`). @default 768 */
  hiddenSize?: number;
  /** Encoder layers (HF `num_hidden_layers`). @default 12 */
  numHiddenLayers?: number;
  /** Attention heads (HF `num_attention_heads`). @default 12 */
  numAttentionHeads?: number;
  /** Feed-forward width (HF `intermediate_size`). @default 3072 */
  intermediateSize?: number;
  /** Feed-forward activation: `'gelu'` is the exact erf GELU, as HF's `gelu`. @default 'gelu' */
  hiddenAct?: 'gelu' | 'gelu_tanh' | 'relu';
  /** Dropout on embeddings and residual branches while training (HF `hidden_dropout_prob`). @default 0.1 */
  hiddenDropoutProb?: number;
  /** Dropout on attention weights while training (HF `attention_probs_dropout_prob`). @default 0.1 */
  attentionProbsDropoutProb?: number;
  /** Longest input in tokens (HF `max_position_embeddings`). @default 512 */
  maxPositionEmbeddings?: number;
  /** Segment (token type) vocabulary (HF `type_vocab_size`). @default 2 */
  typeVocabSize?: number;
  /** Standard deviation of the initial weights (HF `initializer_range`). @default 0.02 */
  initializerRange?: number;
  /** LayerNorm epsilon (HF `layer_norm_eps`). @default 1e-12 */
  layerNormEps?: number;
  /** Padding token id: its embedding row starts at zero and gets no gradient (HF `pad_token_id`). @default 0 */
  padTokenId?: number;
}

export const BERT_CONFIG_DEFAULTS = {
  hiddenSize: 768,
  numHiddenLayers: 12,
  numAttentionHeads: 12,
  intermediateSize: 3072,
  hiddenAct: 'gelu',
  hiddenDropoutProb: 0.1,
  attentionProbsDropoutProb: 0.1,
  maxPositionEmbeddings: 512,
  typeVocabSize: 2,
  initializerRange: 0.02,
  layerNormEps: 1e-12,
  padTokenId: 0,
} as const satisfies Required<Omit<BertConfig, 'vocabSize'>>;

export type ResolvedBertConfig = Required<BertConfig>;

/** Fills defaults and validates; errors name the field. */
export function resolveBertConfig(config: BertConfig): ResolvedBertConfig {
  const where = 'BertConfig';
  if (config === null || typeof config !== 'object') throw new TypeError(`${where}: expected an object with at least 'vocabSize'; received ${String(config)}`);
  const c: ResolvedBertConfig = { ...BERT_CONFIG_DEFAULTS, ...config };
  checkPositiveInt(c.vocabSize, 'vocabSize', where);
  checkPositiveInt(c.hiddenSize, 'hiddenSize', where);
  checkPositiveInt(c.numHiddenLayers, 'numHiddenLayers', where);
  checkPositiveInt(c.numAttentionHeads, 'numAttentionHeads', where);
  if (c.hiddenSize % c.numAttentionHeads !== 0) {
    throw new RangeError(`${where}: 'hiddenSize' must be divisible by 'numAttentionHeads'; received hiddenSize=${c.hiddenSize}, numAttentionHeads=${c.numAttentionHeads}`);
  }
  checkPositiveInt(c.intermediateSize, 'intermediateSize', where);
  if (!['gelu', 'gelu_tanh', 'relu'].includes(c.hiddenAct)) {
    throw new RangeError(`${where}: 'hiddenAct' must be 'gelu', 'gelu_tanh' or 'relu'; received ${JSON.stringify(c.hiddenAct)}`);
  }
  checkProbability(c.hiddenDropoutProb, 'hiddenDropoutProb', where);
  checkProbability(c.attentionProbsDropoutProb, 'attentionProbsDropoutProb', where);
  checkPositiveInt(c.maxPositionEmbeddings, 'maxPositionEmbeddings', where);
  checkPositiveInt(c.typeVocabSize, 'typeVocabSize', where);
  if (typeof c.initializerRange !== 'number' || !(c.initializerRange >= 0)) {
    throw new RangeError(`${where}: 'initializerRange' must be a number >= 0; received ${JSON.stringify(c.initializerRange)}`);
  }
  if (typeof c.layerNormEps !== 'number' || !(c.layerNormEps > 0)) {
    throw new RangeError(`${where}: 'layerNormEps' must be a number > 0; received ${JSON.stringify(c.layerNormEps)}`);
  }
  if (!Number.isInteger(c.padTokenId) || c.padTokenId < 0 || c.padTokenId >= c.vocabSize) {
    throw new RangeError(`${where}: 'padTokenId' must be an integer in [0, ${c.vocabSize}); received ${JSON.stringify(c.padTokenId)}`);
  }
  return c;
}

/**
 * Our dotted parameter name → Hugging Face's key: camelCase → snake_case per segment, except
 * `layerNorm` → `LayerNorm` (HF's capitalised name). Pass as `rename` to `fromTorchStateDict` /
 * `toTorchStateDict`: `encoder.layer.0.attention.self.query.weight`,
 * `embeddings.layerNorm.weight` → `embeddings.LayerNorm.weight`, `qaOutputs.weight` → `qa_outputs.weight`.
 */
export function bertTorchName(name: string): string {
  return name
    .split('.')
    .map((s) => (s === 'layerNorm' ? 'LayerNorm' : s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()))
    .join('.');
}
