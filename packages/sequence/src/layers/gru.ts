/**
 * `GRU`: Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder for Statistical
 * Machine Translation" (EMNLP 2014), exactly as PyTorch 1.13's `torch.nn.GRU`
 * (https://pytorch.org/docs/1.13/generated/torch.nn.GRU.html), gate order r, z, n, with the reset
 * gate applied after the hidden matmul (cuDNN's "reset-after" variant):
 *
 *   r = σ(x·W_ir + b_ir + h·W_hr + b_hr)    z = σ(x·W_iz + b_iz + h·W_hz + b_hz)
 *   n = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n)
 *
 * Letters as in `recurrent-base.ts`; here G = 3. `b_hr`, `b_hz` are folded into the input projection;
 * `b_hn` stays inside the reset product.
 */
import { tf } from '@ml/core';
import { unstackSteps } from './unstack-steps.js';
import { RecurrentBase, type CellState, type DirectionWeights, type RecurrentOptions, type RecurrentOutput } from './recurrent-base.js';

/** Options of {@link GRU}. */
export type GRUOptions = RecurrentOptions;

export class GRU extends RecurrentBase<RecurrentOutput> {
  /**
   * @param inputSize features per step, F (PyTorch's `input_size`)
   * @param hiddenSize hidden units per direction, H (PyTorch's `hidden_size`)
   */
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    super('GRU', 3, false, inputSize, hiddenSize, options);
  }

  protected projectInputs(x: tf.Tensor, w: DirectionWeights, steps: number, batch: number): tf.Tensor[][] {
    const H = this.hiddenSize;
    let bias: tf.Tensor | undefined;
    if (w.biasIh !== null && w.biasHh !== null) {
      const bhrz = tf.slice(w.biasHh, [0], [2 * H]); // [2H]
      bias = tf.add(w.biasIh, tf.pad(bhrz, [[0, H]])); // [3H]: b_i + [b_hr, b_hz, 0]
    }
    const proj = tf.fused.matMul({ a: x as tf.Tensor2D, b: w.weightIh as tf.Tensor2D, bias }); // [T·B, 3H]
    const [rz, n] = tf.split(proj, [2 * H, H], 1); // [T·B, 2H], [T·B, H]
    const rzSteps = unstackSteps(tf.reshape(rz, [steps, batch, 2 * H])); // T × [B, 2H]
    const nSteps = unstackSteps(tf.reshape(n, [steps, batch, H])); // T × [B, H]
    return rzSteps.map((t, i) => [t, nSteps[i]]);
  }

  protected cell(inputs: tf.Tensor[], state: CellState | null, w: DirectionWeights): CellState {
    const H = this.hiddenSize;
    const [xrz, xn] = inputs;
    if (state === null) {
      // h = 0: the hidden matmul is zero, only b_hn remains.
      const [r, z] = tf.split(tf.sigmoid(xrz), 2, 1); // [B, H] each
      const n = tf.tanh(w.biasHh !== null ? tf.add(xn, tf.mul(r, tf.slice(w.biasHh, [2 * H], [H]))) : xn);
      return { h: tf.sub(n, tf.mul(z, n)) };
    }
    const hp = tf.matMul(state.h, w.weightHh); // [B, 3H]
    const [hrz, hn] = tf.split(hp, [2 * H, H], 1); // [B, 2H], [B, H]
    const [r, z] = tf.split(tf.sigmoid(tf.add(xrz, hrz)), 2, 1); // [B, H] each
    const hnb = w.biasHh !== null ? tf.add(hn, tf.slice(w.biasHh, [2 * H], [H])) : hn;
    const n = tf.tanh(tf.add(xn, tf.mul(r, hnb))); // [B, H]
    return { h: tf.add(n, tf.mul(z, tf.sub(state.h, n))) };
  }

  protected pack(output: tf.Tensor, hN: tf.Tensor): RecurrentOutput {
    return { output, hN };
  }
}
