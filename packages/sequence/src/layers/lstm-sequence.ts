/**
 * The LSTM recurrence over a whole sequence as one differentiable op with a hand-written backward
 * pass (backpropagation through time), for the common case without per-sequence lengths.
 *
 * Why: through tfjs autodiff every elementwise op of every step becomes a tape node and the weight
 * gradients are T small matmuls; and on tfjs-backend-wasm 4.22 the ops that cut a tensor into pieces
 * are slow: `Slice`/`SplitV`/`Unpack` copy the whole input out of the wasm heap for every piece, and
 * `GatherV2` moves one element at a time. Here:
 * - step t's input row is cut from x `[T, B·F]` by a matmul with a one-hot row (`[1, T] × [T, B·F]`,
 *   served by XNNPACK at memory speed, and exact: 1·x + 0·y);
 * - each gate is its own matmul `[x_t, h, 1] × W_k` (`W_k` = rows of W_ih, W_hh and the bias for gate
 *   k), so no gate is ever split out of a wider tensor;
 * - the backward keeps each step's activations (saved per step, not re-extracted), and computes dW_ih,
 *   dW_hh, db (one `[F+H+1, T·B] × [T·B, 4H]` matmul) and dx (one `[T·B, 4H] × [4H, F]`) in bulk.
 * (A non-finite input value would spread as NaN through the one-hot products.)
 *
 * Letters: T steps, B batch, F input features, H hidden, p processing order (t = p forward,
 * T − 1 − p reverse). Gate order i, f, g, o as PyTorch. With c' = f⊙c + i⊙g and h' = o⊙tanh(c'):
 *   dc  = dc_next + dh ⊙ o ⊙ (1 − tanh²c')
 *   dz  = [dc, dc, dc, dh] ⊙ [g, c, i, tanh c'] ⊙ [i(1−i), f(1−f), 1−g², o(1−o)]   (pre-activation grads)
 *   dh_prev = dz·W_hhᵀ,  dc_prev = dc ⊙ f
 */
import { tf } from '@ml/core';

/** `[1, cols]` with a 1 at `col`. */
function oneHotRow(cols: number, col: number): tf.Tensor {
  const data = new Float32Array(cols);
  data[col] = 1;
  return tf.tensor2d(data, [1, cols]);
}

/**
 * `x`: `[T, B, F]` in time order; `wih`: `[F, 4H]`; `whh`: `[H, 4H]`; `bias`: `[4H]` (b_ih + b_hh, or
 * zeros); `h0`, `c0`: `[B, H]`. Returns `[T + 1, B, H]`: rows 0…T−1 the hidden states in time order,
 * row T the final cell state (the final hidden state is row T − 1, or row 0 when `reverse`).
 */
export function lstmSequence(
  x: tf.Tensor,
  wih: tf.Tensor,
  whh: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  reverse: boolean,
): tf.Tensor {
  const [steps, batch, F] = x.shape as [number, number, number];
  const H = whh.shape[0];
  const gh = 4 * H;
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const op = tf.customGrad((xIn, wihIn, whhIn, biasIn, h0In, c0In, save) => {
    const x2 = tf.reshape(xIn as tf.Tensor, [steps, batch * F]); // [T, B·F]
    const wcat = tf.concat([wihIn as tf.Tensor, whhIn as tf.Tensor, tf.reshape(biasIn as tf.Tensor, [1, gh])], 0); // [F+H+1, 4H]
    const wk = tf.split(wcat, 4, 1); // 4 × [F+H+1, H]
    const ones = tf.ones([batch, 1]);
    let h = h0In as tf.Tensor;
    let c = c0In as tf.Tensor;
    const hs: tf.Tensor[] = new Array<tf.Tensor>(steps); // time order
    const zins: tf.Tensor[] = []; // processing order
    const kept: tf.Tensor[] = []; // per step p: i, f, g, o, cPrev, tc
    for (let p = 0; p < steps; p++) {
      const t = timeOf(p);
      const xt = tf.reshape(tf.matMul(oneHotRow(steps, t), x2), [batch, F]); // [B, F]
      const zin = tf.concat([xt, h, ones], 1); // [B, F+H+1]
      const i = tf.sigmoid(tf.matMul(zin, wk[0])); // [B, H]
      const f = tf.sigmoid(tf.matMul(zin, wk[1]));
      const g = tf.tanh(tf.matMul(zin, wk[2]));
      const o = tf.sigmoid(tf.matMul(zin, wk[3]));
      const cPrev = c;
      c = tf.add(tf.mul(f, c), tf.mul(i, g)); // [B, H]
      const tc = tf.tanh(c);
      h = tf.mul(o, tc); // [B, H]
      hs[t] = h;
      zins.push(zin);
      kept.push(i, f, g, o, cPrev, tc);
    }
    // One tensor for the inputs of all steps (fewer saved tensors; the weight gradients use it in bulk).
    (save as tf.GradSaveFunc)([tf.concat(zins, 0), ...kept]); // [T·B, F+H+1], then 6 per step
    const value = tf.reshape(tf.concat([...hs, c], 0), [steps + 1, batch, H]); // [T + 1, B, H]

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const whhT = tf.transpose(whhIn as tf.Tensor); // [4H, H], once (transposed products are slow on wasm)
      const dy2 = tf.reshape(dy, [steps + 1, batch * H]);
      const dyRow = (r: number): tf.Tensor => tf.reshape(tf.matMul(oneHotRow(steps + 1, r), dy2), [batch, H]);
      const one = tf.scalar(1);
      const gShift = tf.concat([tf.zeros([1, 2 * H]), tf.ones([1, H]), tf.zeros([1, H])], 1); // [1, 4H]
      let dc = dyRow(steps);
      let dh: tf.Tensor | null = null;
      const dz: tf.Tensor[] = new Array<tf.Tensor>(steps); // processing order
      for (let p = steps - 1; p >= 0; p--) {
        const [i, f, g, o, cPrev, tc] = saved.slice(1 + 6 * p, 7 + 6 * p);
        const dOut = dyRow(timeOf(p));
        const dhTotal = dh === null ? dOut : tf.add(dh, dOut);
        dc = tf.add(dc, tf.mul(dhTotal, tf.mul(o, tf.sub(one, tf.square(tc)))));
        const act = tf.concat([i, f, g, o], 1); // [B, 4H]
        // σ'(z) = a(1 − a) for i, f, o; tanh'(z) = 1 − g² = (1 − g)(1 + g) for g
        const slope = tf.mul(tf.sub(one, act), tf.add(act, gShift));
        const carry = tf.concat([g, cPrev, i, tc], 1); // what each gate multiplies
        dz[p] = tf.mul(tf.mul(tf.concat([dc, dc, dc, dhTotal], 1), carry), slope); // [B, 4H]
        dh = tf.matMul(dz[p], whhT); // [B, H]
        dc = tf.mul(dc, f);
      }
      const zinAll = saved[0]; // [T·B, F+H+1], processing order
      const dzAll = tf.concat(dz, 0); // [T·B, 4H], processing order
      const dW = tf.matMul(zinAll, dzAll, true, false); // [F+H+1, 4H]
      const [dWih, dWhh, dBias] = tf.split(dW, [F, H, 1], 0);
      const dzTime = reverse ? tf.concat([...dz].reverse(), 0) : dzAll; // [T·B, 4H], time order
      const dx = tf.matMul(dzTime, tf.transpose(wihIn as tf.Tensor)); // [T·B, F]
      return [
        tf.reshape(dx, [steps, batch, F]),
        dWih,
        dWhh,
        tf.reshape(dBias, [gh]),
        dh ?? tf.zerosLike(h0In as tf.Tensor),
        dc,
      ];
    };
    return { value, gradFunc };
  });
  return op(x, wih, whh, bias, h0, c0);
}
