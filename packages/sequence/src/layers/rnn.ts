/**
 * `RNN`: the Elman network (Elman, "Finding Structure in Time", Cognitive Science 1990), exactly as
 * PyTorch 1.13's `torch.nn.RNN` (https://pytorch.org/docs/1.13/generated/torch.nn.RNN.html):
 *
 *   h' = act(x·W_ih + b_ih + h·W_hh + b_hh),  act = tanh or relu
 *
 * Letters as in `recurrent-base.ts`; here G = 1.
 */
import { tf } from '@ml/core';
import { unstackSteps } from './unstack-steps.js';
import { RecurrentBase, type CellState, type DirectionWeights, type RecurrentOptions, type RecurrentOutput } from './recurrent-base.js';

/** Options of {@link RNN}. */
export interface RNNOptions extends RecurrentOptions {
  /** The activation (PyTorch's `nonlinearity`). @default 'tanh' */
  nonlinearity?: 'tanh' | 'relu';
}

/** Defaults of the options {@link RNN} adds to `RECURRENT_DEFAULTS`. */
export const RNN_DEFAULTS = { nonlinearity: 'tanh' } as const satisfies Required<Pick<RNNOptions, 'nonlinearity'>>;

export class RNN extends RecurrentBase<RecurrentOutput> {
  readonly nonlinearity: 'tanh' | 'relu';

  /**
   * @param inputSize features per step, F (PyTorch's `input_size`)
   * @param hiddenSize hidden units per direction, H (PyTorch's `hidden_size`)
   */
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super('RNN', 1, false, inputSize, hiddenSize, options);
    const nonlinearity = options.nonlinearity ?? RNN_DEFAULTS.nonlinearity;
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw new Error(`RNN: 'nonlinearity' must be 'tanh' or 'relu'; received ${JSON.stringify(nonlinearity)}`);
    }
    this.nonlinearity = nonlinearity;
  }

  protected projectInputs(x: tf.Tensor, w: DirectionWeights, steps: number, batch: number): tf.Tensor[][] {
    const bias = w.biasIh !== null && w.biasHh !== null ? tf.add(w.biasIh, w.biasHh) : undefined; // [H]
    const proj = tf.fused.matMul({ a: x as tf.Tensor2D, b: w.weightIh as tf.Tensor2D, bias }); // [T·B, H]
    return unstackSteps(tf.reshape(proj, [steps, batch, this.hiddenSize])).map((t) => [t]); // T × [B, H]
  }

  protected cell(inputs: tf.Tensor[], state: CellState | null, w: DirectionWeights): CellState {
    const pre = state === null ? inputs[0] : tf.add(inputs[0], tf.matMul(state.h, w.weightHh)); // [B, H]
    return { h: this.nonlinearity === 'tanh' ? tf.tanh(pre) : tf.relu(pre) };
  }

  protected pack(output: tf.Tensor, hN: tf.Tensor): RecurrentOutput {
    return { output, hN };
  }
}
