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
