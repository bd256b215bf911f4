/**
 * The LSTM recurrence over a whole sequence as one differentiable op with a hand-written backward
 * pass (backpropagation through time), for the common case without per-sequence lengths.
 *
 * Why: through tfjs autodiff every elementwise op of every step becomes a tape node, the recurrent
 * weight's gradient is T small matmuls, and on tfjs-backend-wasm 4.22 the ops that cut a tensor into
 * pieces are slow: `Slice`/`SplitV`/`Unpack` copy the whole input out of the wasm heap for every
 * piece, and `GatherV2` moves one element at a time. Here every piece is cut by a matmul with a
 * one-hot row (`[1, T] × [T, N]`, which XNNPACK serves at memory speed, and which is exact: 1·x + 0·y),
 * the gate pre-activations are produced gate-major (`[4, B, H]`) by one batched matmul so the four
 * gates never need a split, tanh(g) is 2σ(2g) − 1 so one sigmoid covers all gates, the activation
 * derivatives are computed in bulk once, and dW_hh is one `[H, T·B] × [T·B, 4H]` matmul.
 * (A non-finite value in the input would spread as NaN through the one-hot products.)
 *
 * Letters: T steps, B batch, H hidden, p processing order (t = p forward, T − 1 − p reverse).
 * Gate order i, f, g, o as PyTorch. With c' = f⊙c + i⊙g and h' = o⊙tanh(c'):
 *   dc  = dc_next + dh ⊙ o ⊙ (1 − tanh²c')
 *   dz  = [dc, dc, dc, dh] ⊙ [g⊙i(1−i), c⊙f(1−f), i⊙(1−g²), tanh(c')⊙o(1−o)]   (pre-activation grads)
 *   dh_prev = dz·W_hhᵀ,  dc_prev = dc ⊙ f
 */
import { tf } from '@ml/core';

/** Whether ops now are recorded for a gradient (tfjs's engine state; no public accessor exists). */
function recordingGradients(): boolean {
  const state = tf.engine().state as unknown as { gradientDepth?: number };
  return (state.gradientDepth ?? 1) > 0;
}

/** `[rows, cols]` with a single 1 at each `(r, ones[r])`. */
function oneHot(rows: number, cols: number, ones: number[]): tf.Tensor {
  const data = new Float32Array(rows * cols);
  ones.forEach((c, r) => (data[r * cols + c] = 1));
  return tf.tensor2d(data, [rows, cols]);
}

/**
 * `xp`: `[T, B, 4H]` projected inputs (biases included) in time order; `whh`: `[H, 4H]`; `h0`, `c0`:
 * `[B, H]`. Returns `[T + 1, B, H]`: rows 0…T−1 the hidden states in time order, row T the final
 * cell state (the final hidden state is row T − 1, or row 0 when `reverse`).
 */
export function lstmSequence(xp: tf.Tensor, whh: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, reverse: boolean): tf.Tensor {
  const [steps, batch, gh] = xp.shape as [number, number, number];
  const H = gh / 4;
  const training = recordingGradients();
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const op = tf.customGrad((xpIn, whhIn, h0In, c0In, save) => {
    const w = whhIn as tf.Tensor;
    // g's pre-activation doubled, so that tanh(z) = 2σ(2z) − 1 comes out of the one sigmoid.
    const scale = tf.tensor4d([1, 1, 2, 1], [1, 1, 4, 1]);
    const xp4 = tf.mul(tf.reshape(xpIn as tf.Tensor, [steps, batch, 4, H]), scale); // [T, B, 4, H]
    const xpT = tf.reshape(tf.transpose(xp4, [0, 2, 1, 3]), [steps, 4 * batch * H]); // [T, 4·B·H], gate-major rows
    const ws = tf.reshape(tf.mul(tf.reshape(w, [H, 4, H]), scale), [H, 4 * H]); // [H, 4H]
    const pick = [0, 1, 2, 3].map((k) => oneHot(1, 4, [k])); // [1, 4] each
    let h = h0In as tf.Tensor;
    let c = c0In as tf.Tensor;
    const hs: tf.Tensor[] = new Array<tf.Tensor>(steps); // time order
    const hPrev: tf.Tensor[] = []; // processing order, [B, H] each
    const acts: tf.Tensor[][] = [[], [], [], []]; // i, f, g, o in processing order
    const cPrev: tf.Tensor[] = [];
    const cs: tf.Tensor[] = [];
    for (let p = 0; p < steps; p++) {
      const t = timeOf(p);
      const xz = tf.reshape(tf.matMul(oneHot(1, steps, [t]), xpT), [4, batch, H]); // [4, B, H]
      const hz = tf.transpose(tf.reshape(tf.matMul(h, ws), [batch, 4, H]), [1, 0, 2]); // [4, B, H]
      const a = tf.reshape(tf.sigmoid(tf.add(xz, hz)), [4, batch * H]); // σ of every gate, gate-major
      const [i, f, gHalf, o] = pick.map((e) => tf.reshape(tf.matMul(e, a), [batch, H]));
      const g = tf.sub(tf.mul(gHalf, 2), 1); // tanh(z_g)
      hPrev.push(h);
      cPrev.push(c);
      c = tf.add(tf.mul(f, c), tf.mul(i, g)); // [B, H]
      h = tf.mul(o, tf.tanh(c)); // [B, H]
      hs[t] = h;
      cs.push(c);
      [i, f, g, o].forEach((v, k) => acts[k].push(v));
    }
    const value = tf.reshape(tf.concat([...hs, c], 0), [steps + 1, batch, H]); // [T + 1, B, H]
    if (training) {
      // Bulk, in processing order, [T·B, ·]: coefficients of the pre-activation gradients.
      const [i, f, g, o] = acts.map((list) => tf.concat(list, 0)); // [T·B, H] each
      const cp = tf.concat(cPrev, 0);
      const tc = tf.tanh(tf.concat(cs, 0));
      const one = tf.scalar(1);
      const coef = tf.concat(
        [
          tf.mul(g, tf.mul(i, tf.sub(one, i))),
          tf.mul(cp, tf.mul(f, tf.sub(one, f))),
          tf.mul(i, tf.sub(one, tf.square(g))),
          tf.mul(tc, tf.mul(o, tf.sub(one, o))),
        ],
        1,
      ); // [T·B, 4H]: dz = [dc, dc, dc, dh] ⊙ coef
      const dhToDc = tf.mul(o, tf.sub(one, tf.square(tc))); // [T·B, H]
      (save as tf.GradSaveFunc)([
        tf.reshape(coef, [steps, batch * gh]),
        tf.reshape(dhToDc, [steps, batch * H]),
        tf.reshape(f, [steps, batch * H]),
        tf.concat(hPrev, 0),
      ]);
    }
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [coefAll, dhToDcAll, fAll, hPrevAll] = saved; // [T, B·4H], [T, B·H], [T, B·H], [T·B, H]
      const wT = tf.transpose(w); // [4H, H], once (transposed products are slow on wasm)
      const dy2 = tf.reshape(dy, [steps + 1, batch * H]);
      const row = (m: tf.Tensor, r: number, n: number, shape: number[]): tf.Tensor =>
        tf.reshape(tf.matMul(oneHot(1, n, [r]), m), shape);
      let dc = row(dy2, steps, steps + 1, [batch, H]);
      let dh: tf.Tensor | null = null;
      const dz: tf.Tensor[] = new Array<tf.Tensor>(steps); // processing order
      for (let p = steps - 1; p >= 0; p--) {
        const dOut = row(dy2, timeOf(p), steps + 1, [batch, H]);
        const dhTotal = dh === null ? dOut : tf.add(dh, dOut);
        dc = tf.add(dc, tf.mul(dhTotal, row(dhToDcAll, p, steps, [batch, H])));
        dz[p] = tf.mul(tf.concat([dc, dc, dc, dhTotal], 1), row(coefAll, p, steps, [batch, gh])); // [B, 4H]
        dh = tf.matMul(dz[p], wT); // [B, H]
        dc = tf.mul(dc, row(fAll, p, steps, [batch, H]));
      }
      const dzAll = tf.concat(dz, 0); // [T·B, 4H], processing order
      const dWhh = tf.matMul(hPrevAll, dzAll, true, false); // [H, 4H]
      const dzTime = reverse ? tf.concat([...dz].reverse(), 0) : dzAll;
      return [tf.reshape(dzTime, [steps, batch, gh]), dWhh, dh ?? tf.zerosLike(h0In as tf.Tensor), dc];
    };
    return { value, gradFunc };
  });
  return op(xp, whh, h0, c0);
}
