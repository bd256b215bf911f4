/**
 * The LSTM recurrence over a whole sequence as one differentiable op with a hand-written backward
 * pass (backpropagation through time), with optional per-step masks for variable lengths.
 *
 * On the wasm backend (hidden size divisible by 4) the recurrence runs in @ml/core's fused kernels
 * (`lstmRecurrenceForward`/`lstmRecurrenceBackward`, see `lstmSequenceFused` below): per step one
 * packed SIMD product (shared with @ml/core's second thread in Node) and one WebAssembly SIMD pass for
 * all pointwise work, no per-step tfjs kernels.
 * Measured on the lstm-step benchmark (wasm, CPU time, interleaved): the whole training step ran
 * ~840 tfjs kernels with the tensor path below and ~135 fused. Other backends (cpu, webgpu) and odd
 * hidden sizes use the tensor path below.
 *
 * Why: through tfjs autodiff every elementwise op of every step becomes a tape node and the weight
 * gradients are T small matmuls. Here, with few kernels per step (each tfjs kernel call costs tens of
 * µs on wasm, and XNNPACK runs wide products far faster than narrow ones: measured on wasm,
 * [64, 128] × [128, 512] at 23 GFLOP/s against 10 for four [64, 193] × [193, 128] gate products):
 * - the inputs of all steps are projected at once (`[T·B, F] × [F, 4H]` plus the bias), then each
 *   step does one `[B, H] × [H, 4H]` product and one sigmoid over all four gates; the g gate's
 *   columns of the weights and bias are doubled so that tanh(z) = 2σ(2z) − 1 comes out of the same
 *   sigmoid (wasm's Tanh is ~10× slower than its Sigmoid on these sizes), and the gates are cut
 *   apart with one split: 14 kernels per step, all binary ones on same-shape operands;
 * - the backward computes every step-independent factor in bulk over `[T·B, ·]` (the gate slopes
 *   times what each gate multiplies, and o ⊙ (1 − tanh²c')), so a step is 7 kernels; dW_ih, dW_hh,
 *   db and dx are one product each over all steps.
 *
 * Letters: T steps, B batch, F input features, H hidden, p processing order (t = p forward,
 * T − 1 − p reverse). Gate order i, f, g, o as PyTorch. With s = σ(z ⊙ [1, 1, 2, 1]) (blocks of H),
 * g = 2·s_g − 1, c' = f⊙c + i⊙g and h' = o⊙tanh(c'):
 *   dc  = dc_next + dh ⊙ o ⊙ (1 − tanh²c')
 *   dz  = [dc, dc, dc, dh] ⊙ [g, c, i, tanh c'] ⊙ s ⊙ (1 − s) ⊙ [1, 1, 4, 1]   (pre-activation grads;
 *         the 4 is tanh'(z_g) = 1 − g² = 4·s_g(1 − s_g))
 *   dh_prev = dz·W_hhᵀ,  dc_prev = dc ⊙ f
 */
import { tf, lstmRecurrenceBackward, lstmRecurrenceForward, lstmRecurrenceFused } from '@ml/core';

/** `[1, 4H]`: `value` on the g gate's block, 1 elsewhere. */
function gateScale(H: number, value: number): tf.Tensor {
  const data = new Float32Array(4 * H).fill(1);
  data.fill(value, 2 * H, 3 * H);
  return tf.tensor2d(data, [1, 4 * H]);
}

/** `[T, ...]` → T tensors (T = 1 is a reshape). */
function rows(x: tf.Tensor, steps: number, shape: number[]): tf.Tensor[] {
  const r = tf.reshape(x, [steps, ...shape]);
  return steps === 1 ? [tf.reshape(r, shape)] : tf.unstack(r);
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
  if (lstmRecurrenceFused(H)) return lstmSequenceFused(x, wih, whh, bias, h0, c0, reverse, masks);
  const gh = 4 * H;
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const maskOf = (t: number): tf.Tensor | null => masks?.[t] ?? null;
  const op = tf.customGrad((xIn, wihIn, whhIn, biasIn, h0In, c0In, save) => {
    const x2 = tf.reshape(xIn as tf.Tensor, [steps * batch, F]); // [T·B, F]
    const scale = gateScale(H, 2);
    const whhS = tf.mul(whhIn as tf.Tensor, scale); // [H, 4H], g block doubled
    const proj = tf.fused.matMul({
      a: x2 as tf.Tensor2D,
      b: tf.mul(wihIn as tf.Tensor, scale) as tf.Tensor2D,
      bias: tf.mul(biasIn as tf.Tensor, tf.reshape(scale, [gh])),
    }); // [T·B, 4H], time order
    const projSteps = rows(proj, steps, [batch, gh]); // T × [B, 4H]
    // Constants as same-shape tensors, and 2x as x + x: wasm runs same-shape binary ops on XNNPACK
    // (~6–16 µs on [64, 128]) but broadcasts a scalar with a plain loop (~40 µs).
    const onesBH = tf.ones([batch, H]);
    let h = h0In as tf.Tensor;
    let c = c0In as tf.Tensor;
    const hs: tf.Tensor[] = new Array<tf.Tensor>(steps); // time order
    // Per step p (processing order): the gate sigmoids s, and the state and tanh c' it used / made.
    const sAll: tf.Tensor[] = [];
    const hPrev: tf.Tensor[] = [];
    const cPrev: tf.Tensor[] = [];
    const tcAll: tf.Tensor[] = [];
    for (let p = 0; p < steps; p++) {
      const t = timeOf(p);
      const s = tf.sigmoid(tf.add(projSteps[t] as tf.Tensor, tf.matMul(h, whhS))); // [B, 4H]
      const [i, f, sg, o] = tf.split(s, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]; // 4 × [B, H]
      const g = tf.sub(tf.add(sg, sg), onesBH); // tanh(z_g) = 2σ(2z_g) − 1
      const cNew = tf.add(tf.mul(f, c), tf.mul(i, g)); // [B, H]
      const u = tf.sigmoid(tf.add(cNew, cNew));
      const tc = tf.sub(tf.add(u, u), onesBH); // tanh(c') = 2σ(2c') − 1
      const hNew = tf.mul(o, tc); // [B, H]
      sAll.push(s);
      hPrev.push(h);
      cPrev.push(c);
      tcAll.push(tc);
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
    }
    // A few bulk tensors for the backward (fewer saved tensors; its step-independent work runs in bulk).
    // Masks too: intermediates of the caller's forward are freed before backprop runs.
    const maskSteps = Array.from({ length: steps }, (_, t) => t).filter((t) => maskOf(t) !== null);
    (save as tf.GradSaveFunc)([
      tf.concat(sAll, 0), // [T·B, 4H]
      tf.concat(hPrev, 0), // [T·B, H]
      tf.concat(cPrev, 0), // [T·B, H]
      tf.concat(tcAll, 0), // [T·B, H]
      x2, // [T·B, F], time order
      ...maskSteps.map((t) => maskOf(t) as tf.Tensor),
    ]); // all but x2 in processing order
    const value = tf.reshape(tf.concat([...hs, h, c], 0), [steps + 2, batch, H]); // [T + 2, B, H]

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sSaved, hPrevSaved, cPrevSaved, tcSaved, xSaved] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const savedMask = new Map(maskSteps.map((t, k) => [t, saved[5 + k] as tf.Tensor]));
      const one = tf.scalar(1);
      // Step-independent factors, over all steps at once ([T·B, ·], processing order; same-shape ops
      // only, as in the forward).
      const [iAll, fAll, sgAll, oAll] = tf.split(sSaved, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]; // 4 × [T·B, H]
      const ones = tf.onesLike(iAll); // [T·B, H]
      const gAll = tf.sub(tf.add(sgAll, sgAll), ones);
      const i2 = tf.add(iAll, iAll);
      // What each gate's σ' multiplies (i twice more for g: tanh'(z_g) = 4·s_g(1 − s_g)), times σ'.
      const carry = tf.mul(tf.concat([gAll, cPrevSaved, tf.add(i2, i2), tcSaved], 1), tf.mul(sSaved, tf.sub(tf.onesLike(sSaved), sSaved))); // [T·B, 4H]
      const outSlope = tf.mul(oAll, tf.sub(ones, tf.square(tcSaved))); // [T·B, H]: o ⊙ (1 − tanh²c')
      const carrySteps = rows(carry, steps, [batch, gh]);
      const outSlopeSteps = rows(outSlope, steps, [batch, H]);
      const fSteps = rows(fAll, steps, [batch, H]);
      const dyRows = rows(dy, steps + 2, [batch, H]); // time order, then final h and c
      const whhT = tf.transpose(whhIn as tf.Tensor); // [4H, H], once (transposed products are slow on wasm)
      let dh = dyRows[steps] as tf.Tensor; // into the final h
      let dc = dyRows[steps + 1] as tf.Tensor; // into the final c
      const dz: tf.Tensor[] = new Array<tf.Tensor>(steps); // processing order
      for (let p = steps - 1; p >= 0; p--) {
        const t = timeOf(p);
        const m = savedMask.get(t) ?? null;
        const dOut = dyRows[t] as tf.Tensor;
        // Gradients reaching the new h and c of this step (a padded step passes dh, dc through).
        const dhTotal = m === null ? tf.add(dh, dOut) : tf.mul(m, tf.add(dh, dOut));
        const dcIn = m === null ? dc : tf.mul(m, dc);
        const dcNew = tf.add(dcIn, tf.mul(dhTotal, outSlopeSteps[p] as tf.Tensor)); // [B, H]
        dz[p] = tf.mul(tf.concat([dcNew, dcNew, dcNew, dhTotal], 1), carrySteps[p] as tf.Tensor); // [B, 4H]
        const dhPrev = tf.matMul(dz[p], whhT); // [B, H]
        const dcPrev = tf.mul(dcNew, fSteps[p] as tf.Tensor);
        if (m === null) [dh, dc] = [dhPrev, dcPrev];
        else {
          const keep = tf.sub(one, m);
          [dh, dc] = [tf.add(dhPrev, tf.mul(keep, dh)), tf.add(dcPrev, tf.mul(keep, dc))];
        }
      }
      const dzAll = tf.concat(dz, 0); // [T·B, 4H], processing order
      const dzTime = reverse ? tf.concat([...dz].reverse(), 0) : dzAll; // [T·B, 4H], time order
      const dWhh = tf.matMul(hPrevSaved, dzAll, true, false); // [H, 4H]
      const dWih = tf.matMul(xSaved, dzTime, true, false); // [F, 4H]
      // Σ over rows as a product (wasm's Sum over axis 0 transposes first).
      const dBias = tf.matMul(tf.ones([1, steps * batch]), dzAll); // [1, 4H]
      const dx = tf.matMul(dzTime, tf.transpose(wihIn as tf.Tensor)); // [T·B, F]
      return [tf.reshape(dx, [steps, batch, F]), dWih, dWhh, tf.reshape(dBias, [gh]), dh, dc];
    };
    return { value, gradFunc };
  });
  return op(x, wih, whh, bias, h0, c0);
}

/**
 * {@link lstmSequence} on the wasm backend: the recurrence runs in @ml/core's two fused kernels
 * (`lstmRecurrenceForward`/`lstmRecurrenceBackward`: per step one packed SIMD product and one
 * WebAssembly SIMD pass over the heap for all the pointwise work, no per-step engine kernels), and the
 * step-independent work stays bulk tensor ops: the input projection `[T·B, F] × [F, 4H]` plus the
 * bias before, and dW_ih, dW_hh, db and dx as one product each after.
 */
function lstmSequenceFused(
  x: tf.Tensor,
  wih: tf.Tensor,
  whh: tf.Tensor,
  bias: tf.Tensor,
  h0: tf.Tensor,
  c0: tf.Tensor,
  reverse: boolean,
  masks: readonly (tf.Tensor | null)[] | null,
): tf.Tensor {
  const [steps, batch, F] = x.shape as [number, number, number];
  const gh = 4 * whh.shape[0];
  // [T, B] 0/1 (null: every step valid).
  const mask =
    masks === null || masks.every((m) => m === null)
      ? null
      : tf.tidy(() => {
          const ones = tf.ones([batch, 1]);
          return tf.transpose(tf.concat(Array.from({ length: steps }, (_, t) => masks[t] ?? ones), 1)); // [T, B]
        });
  const op = tf.customGrad((xIn, wihIn, whhIn, biasIn, h0In, c0In, save) => {
    const x2 = tf.reshape(xIn as tf.Tensor, [steps * batch, F]); // [T·B, F]
    // Product then bias add rather than tf.fused.matMul: wasm's _FusedMatMul is XNNPACK on one
    // thread, while BatchMatMul takes @ml/core's packed SIMD product (two threads in Node).
    // Measured in the lstm-step benchmark (same process runs, alternating): 38.2 → 36.3 ms.
    const proj = tf.add(tf.matMul(x2, wihIn as tf.Tensor), biasIn as tf.Tensor); // [T·B, 4H]
    const r = lstmRecurrenceForward(proj, whhIn as tf.Tensor, h0In as tf.Tensor, c0In as tf.Tensor, mask, reverse);
    (save as tf.GradSaveFunc)([r.gates, r.hPrev, r.cPrev, r.tanhC, x2, ...(mask === null ? [] : [mask])]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [gates, hPrev, cPrev, tanhC, xSaved] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const { dz, dh0, dc0 } = lstmRecurrenceBackward(dy, gates, cPrev, tanhC, tf.transpose(whhIn as tf.Tensor), saved[5] ?? null, reverse); // dz [T·B, 4H]
      const dWhh = tf.matMul(hPrev, dz, true, false); // [H, 4H]
      const dWih = tf.matMul(xSaved, dz, true, false); // [F, 4H]
      const dBias = tf.matMul(tf.ones([1, steps * batch]), dz); // [1, 4H]: Σ over rows as a product
      const dx = tf.matMul(dz, tf.transpose(wihIn as tf.Tensor)); // [T·B, F]
      return [tf.reshape(dx, [steps, batch, F]), dWih, dWhh, tf.reshape(dBias, [gh]), dh0, dc0];
    };
    return { value: r.y, gradFunc };
  });
  const out = op(x, wih, whh, bias, h0, c0);
  mask?.dispose();
  return out;
}
