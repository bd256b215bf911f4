/**
 * The network behind `LstmForecaster` and `GruForecaster`: a recurrent encoder over the lookback
 * window and a linear head on its last layer's final hidden state.
 *
 * Letters: B batch, T lookback steps, F features per step, H hidden size, L layers, O outputs
 * (1 for the recursive strategy, the horizon for the direct one).
 */
import { Linear, Module, Rng, tf } from '@ml/core';
import { GRU } from '../layers/gru.js';
import { LSTM } from '../layers/lstm.js';

export type RecurrentCell = 'lstm' | 'gru';

export interface ForecastNetworkConfig {
  cell: RecurrentCell;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  dropout: number;
  outputs: number;
  seed: number;
}

export class ForecastNetwork extends Module {
  readonly config: ForecastNetworkConfig;
  readonly rnn: LSTM | GRU;
  readonly head: Linear;

  constructor(config: ForecastNetworkConfig) {
    super();
    this.config = { ...config };
    const rng = new Rng(config.seed);
    const options = { numLayers: config.numLayers, dropout: config.dropout, batchFirst: true, seed: rng.fork() };
    this.rnn = config.cell === 'lstm' ? new LSTM(config.inputSize, config.hiddenSize, options) : new GRU(config.inputSize, config.hiddenSize, options);
    this.head = new Linear(config.hiddenSize, config.outputs, { seed: rng.fork() });
  }

  /** `x`: `[B, T, F]` → `[B, O]`. */
  forward(x: tf.Tensor): tf.Tensor {
    const { hN } = this.rnn.forward(x); // [L, B, H]
    const last = tf.squeeze(tf.slice(hN, [this.config.numLayers - 1, 0, 0], [1, -1, -1]), [0]); // [B, H]
    return this.head.forward(last); // [B, O]
  }
}
