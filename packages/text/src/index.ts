/**
 * `@ml/text`: normalisation, English and CJK tokenisation, stop words, stemming, n-grams,
 * vocabularies, Count/TF-IDF vectorizers and WordPiece / byte-level BPE tokenizers.
 * @packageDocumentation
 */
export { stripAccents, type StripAccentsMode } from './normalize/strip-accents.js';
export { normalizeText, NORMALIZE_TEXT_DEFAULTS, type NormalizeTextOptions } from './normalize/normalize-text.js';
export { isCjkChar } from './normalize/is-cjk-char.js';
export { pythonRegex } from './pretokenize/python-regex.js';
export { regexTokenize } from './pretokenize/regex-tokenize.js';
export { cjkTokenize, CJK_TOKENIZE_DEFAULTS, type CjkTokenizeOptions } from './pretokenize/cjk-tokenize.js';
export { wordNgrams } from './pretokenize/word-ngrams.js';
export { charNgrams } from './pretokenize/char-ngrams.js';
export { charWbNgrams } from './pretokenize/char-wb-ngrams.js';
export { ENGLISH_STOP_WORDS } from './stopwords/english-stop-words.js';
export { CHINESE_STOP_WORDS } from './stopwords/chinese-stop-words.js';
export { getStopWords, type StopWordsInput } from './stopwords/get-stop-words.js';
export { porterStem } from './stem/porter-stemmer.js';
export { ANALYZER_DEFAULTS, type Analyzer, type AnalyzerOptions } from './vectorize/analyzer-options.js';
export { buildAnalyzer } from './vectorize/build-analyzer.js';
export type { DocFrequency } from './vectorize/doc-frequency.js';
export type { VocabularyInput } from './vectorize/validate-vocabulary.js';
export { NotFittedError } from './vectorize/not-fitted-error.js';
export { CountVectorizer, COUNT_VECTORIZER_DEFAULTS, type CountVectorizerOptions } from './vectorize/count-vectorizer.js';
export { TfidfTransformer, TFIDF_DEFAULTS, type TfidfOptions } from './vectorize/tfidf-transformer.js';
export { TfidfVectorizer, TFIDF_VECTORIZER_DEFAULTS, type TfidfVectorizerOptions } from './vectorize/tfidf-vectorizer.js';
export type { VectorizerJSON, CustomFunctions, JsonValue } from './vectorize/vectorizer-json.js';
export { SPECIAL_TOKENS } from './vocab/special-tokens.js';
export { Vocabulary, VOCABULARY_DEFAULTS, type VocabularyOptions, type VocabularyJSON } from './vocab/vocabulary.js';
export {
  ENCODE_DEFAULTS,
  SubwordTokenizer,
  bertNormalize,
  BERT_NORMALIZE_DEFAULTS,
  bertPreTokenize,
  basicTokenize,
  WordPieceTokenizer,
  WORDPIECE_DEFAULTS,
  cleanUpTokenization,
  ByteLevelBpeTokenizer,
  BYTE_LEVEL_BPE_DEFAULTS,
  BYTE_LEVEL,
  GPT2_PATTERN,
  loadTokenizer,
  type Encoding,
  type EncodeOptions,
  type AddedToken,
  type TemplateSpec,
  type DecodeOptions,
  type BatchInput,
  type BertNormalizeOptions,
  type AlignedText,
  type BasicToken,
  type WordPieceTokenizerOptions,
  type WordPieceTrainerOptions,
  type ByteLevelBpeTokenizerOptions,
  type ByteLevelBpeTrainerOptions,
} from './tokenizers/index.js';
