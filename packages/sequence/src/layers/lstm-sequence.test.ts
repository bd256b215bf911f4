/**
 * `lstmSequence` on wasm: the fused path (@ml/core's `lstmRecurrenceForward`/`Backward`) against the
 * tensor-op path of the same function (`lstmRecurrenceWasmPaths.fused = false`), values and the
 * gradients with respect to all six inputs, for forward and reverse walks, padding masks and initial
 * states. (Both paths also meet the PyTorch fixtures in recurrent-layers.test.ts, on cpu and wasm.)
 *
 * Wasm only: the fused path exists on wasm alone; elsewhere both calls would take the same path.
 * Tolerance rtol 1e-5, atol 2e-6 (the fused σ/tanh are Cephes-style SIMD approximations, ~1 ulp;
 * the tensor path computes tanh as 2σ(2x) − 1 through tfjs's Sigmoid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng, lstmRecurrenceFused, lstmRecurrenceWasmPaths, setBackend, tf } from '@ml/core';
import { assertClose, assertNoLeaks } from '@ml/core/testing';
import { lstmSequence } from './lstm-sequence.js';

const tol = { rtol: 1e-5, atol: 2e-6 };

function normal(rng: Rng, shape: number[], scale: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => scale * rng.normal()), shape);
}

/** Value and gradients of Σ lstmSequence(...) ⊙ w with respect to x, wih, whh, bias, h0, c0. */
function run(inputs: tf.Tensor[], w: tf.Tensor, reverse: boolean, masks: (tf.Tensor | null)[] | null): tf.Tensor[] {
  return tf.tidy(() => {
    const f = (x: tf.Tensor, wih: tf.Tensor, whh: tf.Tensor, bias: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor) =>
      lstmSequence(x, wih, whh, bias, h0, c0, reverse, masks);
    const value = f(...(inputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]));
    const grads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(f(...(a as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor])), w)))(inputs);
    return [value, ...grads];
  });
}

describe('lstmSequence: fused wasm recurrence = tensor-op path', () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });
  afterAll(() => {
    lstmRecurrenceWasmPaths.fused = true;
  });

  const cases = [
    { label: 'forward', steps: 5, batch: 3, F: 6, H: 8, reverse: false, lengths: null },
    { label: 'reverse', steps: 4, batch: 2, F: 3, H: 4, reverse: true, lengths: null },
    { label: 'padding masks', steps: 6, batch: 4, F: 5, H: 8, reverse: false, lengths: [6, 3, 1, 5] },
    { label: 'padding masks, reverse', steps: 5, batch: 3, F: 4, H: 12, reverse: true, lengths: [2, 5, 4] },
  ];
  for (const c of cases) {
    it(`${c.label}: value and the six gradients`, async () => {
      expect(lstmRecurrenceFused(c.H)).toBe(true);
      const rng = new Rng(11 + c.steps);
      const G = 4 * c.H;
      const inputs = [
        normal(rng, [c.steps, c.batch, c.F], 1),
        normal(rng, [c.F, G], 0.4),
        normal(rng, [c.H, G], 0.4),
        normal(rng, [G], 0.3),
        normal(rng, [c.batch, c.H], 0.5),
        normal(rng, [c.batch, c.H], 0.5),
      ];
      const w = normal(rng, [c.steps + 2, c.batch, c.H], 1);
      const masks: (tf.Tensor | null)[] | null =
        c.lengths === null
          ? null
          : Array.from({ length: c.steps }, (_, t) =>
              c.lengths.every((n) => n > t) ? null : tf.tensor2d(c.lengths.map((n) => (n > t ? 1 : 0)), [c.batch, 1]),
            );
      await assertNoLeaks(async () => {
        lstmRecurrenceWasmPaths.fused = true;
        const fused = run(inputs, w, c.reverse, masks);
        lstmRecurrenceWasmPaths.fused = false;
        const plain = run(inputs, w, c.reverse, masks);
        lstmRecurrenceWasmPaths.fused = true;
        const names = ['value', 'dx', 'dWih', 'dWhh', 'dBias', 'dh0', 'dc0'];
        for (let k = 0; k < names.length; k++) await assertClose(fused[k] as tf.Tensor, plain[k] as tf.Tensor, { ...tol, label: names[k] });
        tf.dispose([...fused, ...plain]);
      }, c.label);
      tf.dispose([...inputs, w, ...(masks ?? []).flatMap((m) => (m === null ? [] : [m]))]);
    }, 60_000);
  }
});
