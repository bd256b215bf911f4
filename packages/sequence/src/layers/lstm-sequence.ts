/**
 * The LSTM recurrence over a whole sequence as one differentiable op with a hand-written backward
 * pass (backpropagation through time), with optional per-step masks for variable lengths.
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
 * zeros); `h0`, `c0`: `[B, H]`; `masks[t]`: `[B, 1]` with 0 where step t is padding (null: all valid).
 * Returns `[T + 2, B, H]`: rows 0…T−1 the outputs in time order (zeros on padding), row T the final
 * hidden state, row T + 1 the final cell state.
 */
export function lstmSequence(
  x: tf.Tensor,
  wih: tf.Tensor,
  whh: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  reverse: boolean,
  masks: readonly (tf.Tensor | null)[] | null = null,
): tf.Tensor {
  const [steps, batch, F] = x.shape as [number, number, number];
  const H = whh.shape[0];
  const gh = 4 * H;
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const maskOf = (t: number): tf.Tensor | null => masks?.[t] ?? null;
  const op = tf.customGrad((xIn, wihIn, whhIn, biasIn, h0In, c0In, save) => {
    const x2 = tf.reshape(xIn as tf.Tensor, [steps, batch * F]); // [T, B·F]
    const wcat = tf.concat([wihIn as tf.Tensor, whhIn as tf.Tensor, tf.reshape(biasIn as tf.Tensor, [1, gh])], 0); // [F+H+1, 4H]
    const wk = tf.split(wcat, 4, 1); // 4 × [F+H+1, H]
    // tanh(z) = 2σ(2z) − 1: wasm's Tanh is ~10× slower than its Sigmoid (XNNPACK) on these sizes.
    const wg2 = tf.mul(wk[2], 2);
    const tanh = (v: tf.Tensor): tf.Tensor => tf.sub(tf.mul(tf.sigmoid(tf.mul(v, 2)), 2), 1);
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
      const g = tf.sub(tf.mul(tf.sigmoid(tf.matMul(zin, wg2)), 2), 1);
      const o = tf.sigmoid(tf.matMul(zin, wk[3]));
      const cPrev = c;
      const cNew = tf.add(tf.mul(f, c), tf.mul(i, g)); // [B, H]
      const tc = tanh(cNew);
      const hNew = tf.mul(o, tc); // [B, H]
      const m = maskOf(t); // [B, 1] or null
      if (m === null) {
        [h, c] = [hNew, cNew];
        hs[t] = hNew;
      } else {
        // Padding (m = 0) keeps the state and outputs zeros.
        h = tf.add(h, tf.mul(m, tf.sub(hNew, h)));
        c = tf.add(c, tf.mul(m, tf.sub(cNew, c)));
        hs[t] = tf.mul(hNew, m);
      }
      zins.push(zin);
      kept.push(i, f, g, o, cPrev, tc);
    }
    // One tensor for the inputs of all steps (fewer saved tensors; the weight gradients use it in bulk).
    // Masks too: intermediates of the caller's forward are freed before backprop runs.
    const maskSteps = Array.from({ length: steps }, (_, t) => t).filter((t) => maskOf(t) !== null);
    (save as tf.GradSaveFunc)([tf.concat(zins, 0), ...kept, ...maskSteps.map((t) => maskOf(t) as tf.Tensor)]); // [T·B, F+H+1], 6 per step, masks
    const value = tf.reshape(tf.concat([...hs, h, c], 0), [steps + 2, batch, H]); // [T + 2, B, H]

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const whhT = tf.transpose(whhIn as tf.Tensor); // [4H, H], once (transposed products are slow on wasm)
      const dy2 = tf.reshape(dy, [steps + 2, batch * H]);
      const dyRow = (r: number): tf.Tensor => tf.reshape(tf.matMul(oneHotRow(steps + 2, r), dy2), [batch, H]);
      const one = tf.scalar(1);
      const gShift = tf.concat([tf.zeros([1, 2 * H]), tf.ones([1, H]), tf.zeros([1, H])], 1); // [1, 4H]
      const savedMask = new Map(maskSteps.map((t, k) => [t, saved[1 + 6 * steps + k]]));
      let dh = dyRow(steps); // into the final h
      let dc = dyRow(steps + 1); // into the final c
      const dz: tf.Tensor[] = new Array<tf.Tensor>(steps); // processing order
      for (let p = steps - 1; p >= 0; p--) {
        const [i, f, g, o, cPrev, tc] = saved.slice(1 + 6 * p, 7 + 6 * p);
        const t = timeOf(p);
        const m = savedMask.get(t) ?? null;
        const dOut = dyRow(t);
        // Gradients reaching the new h and c of this step (a padded step passes dh, dc through).
        const dhTotal = m === null ? tf.add(dh, dOut) : tf.mul(m, tf.add(dh, dOut));
        const dcIn = m === null ? dc : tf.mul(m, dc);
        const dcNew = tf.add(dcIn, tf.mul(dhTotal, tf.mul(o, tf.sub(one, tf.square(tc)))));
        const act = tf.concat([i, f, g, o], 1); // [B, 4H]
        // σ'(z) = a(1 − a) for i, f, o; tanh'(z) = 1 − g² = (1 − g)(1 + g) for g
        const slope = tf.mul(tf.sub(one, act), tf.add(act, gShift));
        const carry = tf.concat([g, cPrev, i, tc], 1); // what each gate multiplies
        dz[p] = tf.mul(tf.mul(tf.concat([dcNew, dcNew, dcNew, dhTotal], 1), carry), slope); // [B, 4H]
        const dhPrev = tf.matMul(dz[p], whhT); // [B, H]
        const dcPrev = tf.mul(dcNew, f);
        if (m === null) [dh, dc] = [dhPrev, dcPrev];
        else {
          const keep = tf.sub(one, m);
          [dh, dc] = [tf.add(dhPrev, tf.mul(keep, dh)), tf.add(dcPrev, tf.mul(keep, dc))];
        }
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
        dh,
        dc,
      ];
    };
    return { value, gradFunc };
  });
  return op(x, wih, whh, bias, h0, c0);
}
