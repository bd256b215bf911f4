/**
 * `LSTM`: Hochreiter & Schmidhuber, "Long Short-Term Memory" (Neural Computation 1997), with a forget
 * gate (Gers et al., 2000), exactly as PyTorch 1.13's `torch.nn.LSTM`
 * (https://pytorch.org/docs/1.13/generated/torch.nn.LSTM.html), gate order i, f, g, o:
 *
 *   i = σ(x·W_ii + b_ii + h·W_hi + b_hi)    f = σ(x·W_if + b_if + h·W_hf + b_hf)
 *   g = tanh(x·W_ig + b_ig + h·W_hg + b_hg)  o = σ(x·W_io + b_io + h·W_ho + b_ho)
 *   c' = f ⊙ c + i ⊙ g                       h' = o ⊙ tanh(c')
 *
 * Letters as in `recurrent-base.ts`; here G = 4.
 */
import { tf } from '@ml/core';
import { unstackSteps } from './unstack-steps.js';
import {
  RecurrentBase,
  type CellState,
  type DirectionWeights,
  type RecurrentOptions,
  type RecurrentOutput,
} from './recurrent-base.js';
import { lstmSequence } from './lstm-sequence.js';

/** Options of {@link LSTM}. */
export type LSTMOptions = RecurrentOptions;

/** What `LSTM.forward` returns: {@link RecurrentOutput} plus the final cell state. */
export type LSTMOutput = RecurrentOutput & {
  /** Final cell state of every layer and direction: `[L·D, B, H]`. */
  cN: tf.Tensor;
};

export class LSTM extends RecurrentBase<LSTMOutput> {
  /**
   * @param inputSize features per step, F (PyTorch's `input_size`)
   * @param hiddenSize hidden units per direction, H (PyTorch's `hidden_size`)
   */
  constructor(inputSize: number, hiddenSize: number, options: LSTMOptions = {}) {
    super('LSTM', 4, true, inputSize, hiddenSize, options);
  }

  protected projectInputs(x: tf.Tensor, w: DirectionWeights, steps: number, batch: number): tf.Tensor[][] {
    const bias = w.biasIh !== null && w.biasHh !== null ? tf.add(w.biasIh, w.biasHh) : undefined; // [4H]
    const proj = tf.fused.matMul({ a: x as tf.Tensor2D, b: w.weightIh as tf.Tensor2D, bias }); // [T·B, 4H]
    return unstackSteps(tf.reshape(proj, [steps, batch, 4 * this.hiddenSize])).map((t) => [t]); // T × [B, 4H]
  }

  protected override runSequence(
    x: tf.Tensor,
    w: DirectionWeights,
    steps: number,
    batch: number,
    state: CellState | null,
    reverse: boolean,
    masks: readonly (tf.Tensor | null)[] | null,
  ): (CellState & { output: tf.Tensor }) | null {
    const H = this.hiddenSize;
    const bias = w.biasIh !== null && w.biasHh !== null ? tf.add(w.biasIh, w.biasHh) : tf.zeros([4 * H]); // [4H]
    const h0 = state?.h ?? tf.zeros([batch, H]);
    const c0 = state?.c ?? tf.zeros([batch, H]);
    const xs = tf.reshape(x, [steps, batch, x.shape[1] ?? 0]); // [T, B, F]
    const all = lstmSequence(xs, w.weightIh, w.weightHh, bias, h0, c0, reverse, masks); // [T + 2, B, H]
    const output = tf.slice(all, [0, 0, 0], [steps, batch, H]); // [T, B, H]
    const h = tf.reshape(tf.slice(all, [steps, 0, 0], [1, batch, H]), [batch, H]);
    const c = tf.reshape(tf.slice(all, [steps + 1, 0, 0], [1, batch, H]), [batch, H]);
    return { output, h, c };
  }

  protected cell(inputs: tf.Tensor[], state: CellState | null, w: DirectionWeights): CellState {
    const gates = state === null ? inputs[0] : tf.add(inputs[0], tf.matMul(state.h, w.weightHh)); // [B, 4H]
    const [i, f, g, o] = tf.split(gates, 4, 1); // 4 × [B, H]
    const ig = tf.mul(tf.sigmoid(i), tf.tanh(g));
    const c = state === null || state.c === undefined ? ig : tf.add(tf.mul(tf.sigmoid(f), state.c), ig); // [B, H]
    return { h: tf.mul(tf.sigmoid(o), tf.tanh(c)), c };
  }

  protected pack(output: tf.Tensor, hN: tf.Tensor, cN: tf.Tensor | null): LSTMOutput {
    if (cN === null) throw new Error('LSTM.forward: internal error, no cell state was produced');
    return { output, hN, cN };
  }
}
