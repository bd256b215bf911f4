/**
 * `@ml/transformer`: attention, transformer blocks, BERT-style encoders, translation, generation, Hugging Face import.
 * @packageDocumentation
 */
export { scaledDotProductAttention, causalMask, additiveMask, type AttentionMasks, type ScaledDotProductAttentionOptions } from './attention/scaled-dot-product-attention.js';
export {
  MultiheadAttention,
  MULTIHEAD_ATTENTION_DEFAULTS,
  KeyValueCache,
  type MultiheadAttentionOptions,
  type MultiheadAttentionCallOptions,
  type AttentionOutput,
} from './attention/multihead-attention.js';
export { TransformerEncoderLayer, TRANSFORMER_LAYER_DEFAULTS, type TransformerLayerOptions, type EncoderLayerCallOptions } from './layers/transformer-encoder-layer.js';
export { TransformerDecoderLayer, type DecoderLayerCallOptions } from './layers/transformer-decoder-layer.js';
export { TransformerEncoder, type TransformerEncoderOptions } from './layers/transformer-encoder.js';
export { TransformerDecoder, type TransformerDecoderOptions, type DecoderCallOptions } from './layers/transformer-decoder.js';
export type { FeedForwardActivation } from './layers/feed-forward.js';
export { SinusoidalPositionalEncoding, sinusoidalTable } from './position/sinusoidal-positional-encoding.js';
export { LearnedPositionalEmbedding } from './position/learned-positional-embedding.js';
export { RotaryEmbedding } from './position/rotary-embedding.js';
export { Gpt, type GptForwardOptions } from './gpt/gpt.js';
export { GptBlock, CausalSelfAttention, GptMlp } from './gpt/gpt-block.js';
export { GPT_CONFIG_DEFAULTS, resolveGptConfig, type GptConfig, type ResolvedGptConfig } from './gpt/gpt-config.js';
export { generate, GENERATE_DEFAULTS, type GenerateOptions, type GenerateResult, type StopReason } from './generation/generate.js';
export { applyRepetitionPenalty, banRepeatedNgrams, topKFilter, topPFilter } from './generation/logits-processors.js';
export { loadGpt2, saveGpt2, gptConfigFromHf, gpt2KeyFromOurs } from './hf/gpt2.js';
export { readHfFolder, type HfFolder } from './hf/read-hf-folder.js';
export { BERT_CONFIG_DEFAULTS, resolveBertConfig, bertTorchName, type BertConfig, type ResolvedBertConfig } from './bert/bert-config.js';
export { BertModel, BertEmbeddings, BertEncoder, BertPooler, initBertWeights, type BertForwardOptions, type BertModelOutput, type BertModelOptions } from './bert/bert-model.js';
export { BertLayer, BertAttention, BertSelfAttention, BertResidualOutput, BertIntermediate } from './bert/bert-layer.js';
export {
  BertForMaskedLM,
  BertForSequenceClassification,
  BertForTokenClassification,
  BertForQuestionAnswering,
  BertOnlyMlmHead,
  BertLmPredictionHead,
  BertPredictionHeadTransform,
  BERT_HEAD_DEFAULTS,
  BERT_TIED_TORCH_KEYS,
  type BertHeadOptions,
  type QuestionAnsweringOutput,
} from './bert/bert-heads.js';
export {
  TransformerSeq2Seq,
  SEQ2SEQ_CONFIG_DEFAULTS,
  resolveSeq2SeqConfig,
  type Seq2SeqConfig,
  type ResolvedSeq2SeqConfig,
  type Seq2SeqBatch,
  type Seq2SeqLossOptions,
} from './translation/transformer-seq2seq.js';
export { translate, TRANSLATE_DEFAULTS, type TranslateOptions, type Translation, type TranslationHypothesis } from './translation/translate.js';
export { maskTokens, MASK_TOKENS_DEFAULTS, IGNORE_INDEX, type MaskTokensOptions, type MaskedTokens } from './bert/mask-tokens.js';
export { trainLoop, padBatch, bertNoDecay, BERT_TRAIN_DEFAULTS, type BertTrainOptions, type TrainStepInfo, type TrainResult } from './bert/train-bert.js';
export { pretrainMlm, type PretrainMlmOptions } from './bert/pretrain-mlm.js';
export { fineTuneSequenceClassification, fineTuneQuestionAnswering, type SequenceClassificationData, type QuestionAnsweringData } from './bert/fine-tune.js';
export { packBertBody, loadBertBody, freezeBertLayers, type HasBertBody, type FreezeBertLayersOptions } from './bert/bert-transfer.js';
export {
  answerQuestion,
  qaWindows,
  encodeQaExamples,
  ANSWER_QUESTION_DEFAULTS,
  type AnswerQuestionOptions,
  type QaWindowOptions,
  type QaAnswer,
  type QaExample,
} from './qa/answer-question.js';
export { loadBert, saveBert, bertConfigFromHf, BERT_ARCHITECTURES, type BertArchitecture, type AnyBert, type LoadBertOptions, type LoadedBert } from './hf/bert.js';
