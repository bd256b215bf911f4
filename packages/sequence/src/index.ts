/**
 * `@ml/sequence`: recurrent layers, text classifiers, word embeddings, time-series forecasting and seq2seq.
 * @packageDocumentation
 */
export {};
export {
  RecurrentBase,
  RECURRENT_DEFAULTS,
  type RecurrentOptions,
  type RecurrentForwardOptions,
  type RecurrentOutput,
  type CellState,
  type DirectionWeights,
} from './layers/recurrent-base.js';
export { RNN, RNN_DEFAULTS, type RNNOptions } from './layers/rnn.js';
export { LSTM, type LSTMOptions, type LSTMOutput } from './layers/lstm.js';
export { GRU, type GRUOptions } from './layers/gru.js';
export { BahdanauAttention, maskedAttention, type BahdanauAttentionOptions, type AttentionOutput } from './seq2seq/bahdanau-attention.js';
export { LuongAttention, type LuongAttentionOptions } from './seq2seq/luong-attention.js';
export {
  Seq2Seq,
  SEQ2SEQ_DEFAULTS,
  type Seq2SeqOptions,
  type Seq2SeqForwardOptions,
  type GreedyDecodeOptions,
  type EncodedSource,
  type DecoderState,
} from './seq2seq/seq2seq.js';
export { beamSearch, BEAM_SEARCH_DEFAULTS, type BeamSearchOptions, type BeamHypothesis, type BeamDecoder } from './seq2seq/beam-search.js';
export { KeyedVectors, MOST_SIMILAR_DEFAULTS, type MostSimilarOptions, type SimilarWord, type QueryTerm } from './embeddings/keyed-vectors.js';
export { Word2Vec, WORD2VEC_DEFAULTS, type Word2VecOptions, type Word2VecProgress } from './embeddings/word2vec.js';
export {
  toWord2VecFormat,
  fromWord2VecFormat,
  saveWord2VecFormat,
  loadWord2VecFormat,
  fromGloVeText,
  loadGloVe,
  EmbeddingFormatError,
  type Word2VecFormatOptions,
} from './embeddings/word2vec-format.js';
export { wordTokenize, type WordTokenizeOptions } from './classifiers/word-tokenize.js';
export type { TextLabel } from './classifiers/class-labels.js';
export { TextCnn, TEXT_CNN_DEFAULTS, type TextCnnOptions } from './classifiers/text-cnn.js';
export { RnnText, RNN_TEXT_DEFAULTS, type RnnTextOptions, type RnnPooling } from './classifiers/rnn-text.js';
export {
  NeuralTextClassifier,
  TEXT_CLASSIFIER_DEFAULTS,
  TEXT_CLASSIFIER_FIT_DEFAULTS,
  TEXT_CLASSIFIER_FORMAT_VERSION,
  type TextClassifierOptions,
  type TextClassifierFitOptions,
  type TextClassifierLoadOptions,
  type TextNetwork,
  type Tokenizer,
} from './classifiers/neural-text-classifier.js';
export { TextCnnClassifier, TEXT_CNN_CLASSIFIER_DEFAULTS, type TextCnnClassifierOptions } from './classifiers/text-cnn-classifier.js';
export { RnnTextClassifier, RNN_TEXT_CLASSIFIER_DEFAULTS, type RnnTextClassifierOptions } from './classifiers/rnn-text-classifier.js';
export {
  EmbeddingBagClassifier,
  EMBEDDING_BAG_CLASSIFIER_DEFAULTS,
  type EmbeddingBagClassifierOptions,
  type EmbeddingBagClassifierJSON,
} from './classifiers/embedding-bag-classifier.js';
export {
  makeWindows,
  MAKE_WINDOWS_DEFAULTS,
  trainTestSplitByTime,
  windowTrainTest,
  SeriesScaler,
  SeriesStandardScaler,
  SeriesMinMaxScaler,
  SERIES_MIN_MAX_SCALER_DEFAULTS,
  naiveForecast,
  NaiveForecaster,
  seasonalNaiveForecast,
  SeasonalNaiveForecaster,
  movingAverageForecast,
  MovingAverageForecaster,
  driftForecast,
  DriftForecaster,
  meanAbsolutePercentageError,
  ZeroActualError,
  symmetricMeanAbsolutePercentageError,
  meanAbsoluteScaledError,
  forecastMetrics,
  walkForwardValidation,
  WALK_FORWARD_DEFAULTS,
  type MakeWindowsOptions,
  type Windows,
  type TrainTestSplitByTimeOptions,
  type TimeSplit,
  type WindowTrainTestOptions,
  type TrainTestWindows,
  type ScalerChoice,
  type SeriesScalerState,
  type SeriesScalerJSON,
  type SeriesStandardScalerParams,
  type SeriesMinMaxScalerParams,
  type SeriesInput,
  type Forecaster,
  type SeasonalNaiveOptions,
  type MovingAverageOptions,
  type MeanAbsoluteScaledErrorOptions,
  type ForecastMetrics,
  type ForecastMetricsOptions,
  type WalkForwardOptions,
  type WalkForwardFold,
  type WalkForwardResult,
  type ForecasterFactory,
} from './timeseries/index.js';
export {
  RecurrentForecaster,
  RECURRENT_FORECASTER_DEFAULTS,
  LstmForecaster,
  GruForecaster,
  ForecastNetwork,
  type RecurrentForecasterOptions,
  type ForecastNetworkConfig,
  type RecurrentCell,
} from './timeseries/index.js';
