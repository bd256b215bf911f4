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
