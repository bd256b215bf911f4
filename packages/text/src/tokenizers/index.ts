/** Subword tokenizers: WordPiece (BERT) and byte-level BPE (GPT-2), with their shared encoding API. */
export type { Encoding } from './encoding.js';
export { ENCODE_DEFAULTS, type EncodeOptions } from './encode-options.js';
export type { AddedToken } from './added-token.js';
export type { TemplateSpec } from './template.js';
export { SubwordTokenizer, type DecodeOptions, type BatchInput } from './subword-tokenizer.js';
export { bertNormalize, BERT_NORMALIZE_DEFAULTS, type BertNormalizeOptions, type AlignedText } from './bert-normalize.js';
export { bertPreTokenize } from './bert-pre-tokenize.js';
export { basicTokenize, type BasicToken } from './basic-tokenize.js';
export {
  WordPieceTokenizer,
  WORDPIECE_DEFAULTS,
  cleanUpTokenization,
  type WordPieceTokenizerOptions,
  type WordPieceTrainerOptions,
} from './wordpiece-tokenizer.js';
export {
  ByteLevelBpeTokenizer,
  BYTE_LEVEL_BPE_DEFAULTS,
  type ByteLevelBpeTokenizerOptions,
  type ByteLevelBpeTrainerOptions,
} from './byte-level-bpe-tokenizer.js';
export { BYTE_LEVEL, GPT2_PATTERN } from './byte-level.js';
export { loadTokenizer } from './load-tokenizer.js';
