/**
 * `lstmRecurrenceForward` / `lstmRecurrenceBackward` (wasm kernels) against the unfused formula in
 * tfjs ops on the same backend: the outputs, final states and saved values of the forward walk, and
 * the gradients of Σ y ⊙ w with respect to the input projections (= dz), h0 and c0 from tf.grads of
 * the op-by-op formula. Cases: forward and reverse walks, with and without padding masks, and inputs
 * large enough to saturate the gates (the exp argument clamp); the per-step products on the SIMD
 * module and on tfjs's BatchMatMul (XNNPACK).
 *
 * Wasm only: the kernels exist for the 'wasm' backend alone (cpu and webgpu callers keep tensor ops;
 * `lstmRecurrenceFused` says so, tested below).
 * Tolerance: the SIMD σ (Cephes expf, ~1 ulp) and tanh = 2σ(2x) − 1 against tfjs's wasm Sigmoid and
 * Tanh: rtol 1e-5, atol 2e-6.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertClose, assertNoLeaks } from '../../testing/index.js';
import { randomValues } from './kernel-test-support.js';
import { lstmRecurrenceBackward, lstmRecurrenceForward, lstmRecurrenceFused, lstmRecurrenceWasmPaths } from './lstm-recurrence-wasm.js';

const tol = { rtol: 1e-5, atol: 2e-6 };

/** The recurrence op by op: `[T + 2, B, H]` (outputs, final h, final c), differentiable. */
function reference(proj: tf.Tensor, whh: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, mask: number[][] | null, reverse: boolean): tf.Tensor {
  const [batch, H] = h0.shape as [number, number];
  const steps = (proj.shape[0] as number) / batch;
  let h = h0;
  let c = c0;
  const ys: tf.Tensor[] = new Array<tf.Tensor>(steps);
  for (let p = 0; p < steps; p++) {
    const t = reverse ? steps - 1 - p : p;
    const z = tf.add(tf.slice(proj, [t * batch, 0], [batch, 4 * H]), tf.matMul(h, whh));
    const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const cNew = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    const hNew = tf.mul(tf.sigmoid(zo), tf.tanh(cNew));
    if (mask === null) {
      [h, c, ys[t]] = [hNew, cNew, hNew];
    } else {
      const m = tf.tensor2d(mask[t] as number[], [batch, 1]);
      const keep = tf.sub(1, m);
      h = tf.add(tf.mul(m, hNew), tf.mul(keep, h));
      c = tf.add(tf.mul(m, cNew), tf.mul(keep, c));
      ys[t] = tf.mul(m, hNew);
    }
  }
  return tf.stack([...ys, h, c]);
}

interface Inputs {
  proj: tf.Tensor;
  whh: tf.Tensor;
  h0: tf.Tensor;
  c0: tf.Tensor;
  w: tf.Tensor;
}

function inputs(steps: number, batch: number, H: number, seed: number, projScale = 1): Inputs {
  const rng = new Rng(seed);
  const t = (shape: number[], scale: number) => tf.mul(tf.tensor(randomValues(rng, shape.reduce((a, b) => a * b, 1)), shape), scale);
  return {
    proj: t([steps * batch, 4 * H], projScale),
    whh: t([H, 4 * H], 0.4),
    h0: t([batch, H], 0.5),
    c0: t([batch, H], 0.5),
    w: t([steps + 2, batch, H], 1),
  };
}

describe('lstmRecurrenceForward / lstmRecurrenceBackward (wasm)', () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });
  afterAll(() => {
    lstmRecurrenceWasmPaths.fused = true;
    lstmRecurrenceWasmPaths.simdProducts = true;
  });

  it('is available on wasm for H divisible by 4 only, and can be switched off', async () => {
    expect(lstmRecurrenceFused(8)).toBe(true);
    expect(lstmRecurrenceFused(6)).toBe(false);
    lstmRecurrenceWasmPaths.fused = false;
    expect(lstmRecurrenceFused(8)).toBe(false);
    lstmRecurrenceWasmPaths.fused = true;
    await setBackend('cpu');
    expect(lstmRecurrenceFused(8)).toBe(false);
    const x = tf.zeros([2, 32]);
    expect(() => lstmRecurrenceForward(x, tf.zeros([8, 32]), tf.zeros([2, 8]), tf.zeros([2, 8]), null, false)).toThrow(/needs the 'wasm' backend.*received backend 'cpu', hidden 8/);
    await setBackend('wasm');
  });

  const cases: { label: string; steps: number; batch: number; H: number; reverse: boolean; lengths: number[] | null; projScale: number }[] = [
    { label: 'forward walk', steps: 5, batch: 3, H: 8, reverse: false, lengths: null, projScale: 1 },
    { label: 'reverse walk', steps: 4, batch: 2, H: 12, reverse: true, lengths: null, projScale: 1 },
    { label: 'padding masks', steps: 6, batch: 4, H: 4, reverse: false, lengths: [6, 2, 4, 1], projScale: 1 },
    { label: 'padding masks, reverse walk', steps: 5, batch: 3, H: 8, reverse: true, lengths: [5, 3, 1], projScale: 1 },
    { label: 'saturated gates (|z| up to ~200)', steps: 3, batch: 2, H: 8, reverse: false, lengths: null, projScale: 60 },
    { label: 'one step, one sequence', steps: 1, batch: 1, H: 4, reverse: true, lengths: null, projScale: 1 },
  ];
  for (const [c, simdProducts] of cases.flatMap((c) => [[c, true], [c, false]] as const)) {
    it(`${c.label}, ${simdProducts ? 'SIMD' : 'XNNPACK'} step products: values, saved tensors and gradients equal the op-by-op formula`, async () => {
      lstmRecurrenceWasmPaths.simdProducts = simdProducts;
      const { proj, whh, h0, c0, w } = inputs(c.steps, c.batch, c.H, 7 + c.steps, c.projScale);
      const maskRows = c.lengths === null ? null : Array.from({ length: c.steps }, (_, t) => (c.lengths as number[]).map((n) => (t < n ? 1 : 0)));
      const mask = maskRows === null ? null : tf.tensor2d(maskRows, [c.steps, c.batch]);
      const backend = tf.backend() as BackendWasm;
      const heapTensors = backend.dataIdMap.numDataIds(); // scratch heap buffers of the kernels are freed too
      await assertNoLeaks(async () => {
        const pairs = tf.tidy(() => {
          const r = lstmRecurrenceForward(proj, whh, h0, c0, mask, c.reverse);
          // The gates recomputed from the saved hPrev (itself checked through y and the gradients),
          // tanh c' from the saved gates and cPrev.
          const [zi, zf, zg, zo] = tf.split(tf.add(proj, tf.matMul(r.hPrev, whh)), 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          const [i, f, gg] = tf.split(r.gates, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          // Gradients of Σ y ⊙ w: dz is the gradient of the projections.
          const { dz, dh0, dc0 } = lstmRecurrenceBackward(w, r.gates, r.cPrev, r.tanhC, tf.transpose(whh), mask, c.reverse);
          const g = tf.grads((p: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(reference(p, whh, a, b, maskRows, c.reverse), w)));
          const [wantDz, wantDh0, wantDc0] = g([proj, h0, c0]) as [tf.Tensor, tf.Tensor, tf.Tensor];
          const first = c.reverse ? c.steps - 1 : 0; // the first processed step starts from h0, c0
          return {
            y: [r.y, reference(proj, whh, h0, c0, maskRows, c.reverse)],
            gates: [r.gates, tf.concat([tf.sigmoid(zi), tf.sigmoid(zf), tf.tanh(zg), tf.sigmoid(zo)], 1)],
            tanhC: [r.tanhC, tf.tanh(tf.add(tf.mul(f, r.cPrev), tf.mul(i, gg)))],
            'hPrev[first]': [tf.slice(r.hPrev, [first * c.batch, 0], [c.batch, c.H]), h0],
            'cPrev[first]': [tf.slice(r.cPrev, [first * c.batch, 0], [c.batch, c.H]), c0],
            dz: [dz, wantDz],
            dh0: [dh0, wantDh0],
            dc0: [dc0, wantDc0],
          } as Record<string, [tf.Tensor, tf.Tensor]>;
        });
        for (const [label, [got, want]] of Object.entries(pairs)) await assertClose(got, want, { ...tol, label });
        if (c.lengths !== null) {
          // Padding rows get exactly zero pre-activation gradients (±0).
          const dzData = await (pairs.dz as [tf.Tensor, tf.Tensor])[0].data();
          for (let t = 0; t < c.steps; t++) {
            for (let b = 0; b < c.batch; b++) {
              if (t < (c.lengths[b] as number)) continue;
              for (let k = 0; k < 4 * c.H; k++) expect(Math.abs(dzData[(t * c.batch + b) * 4 * c.H + k] as number)).toBe(0);
            }
          }
        }
        for (const [label, pair] of Object.entries(pairs)) if (!label.endsWith('[first]')) tf.dispose(pair);
        for (const [label, pair] of Object.entries(pairs)) if (label.endsWith('[first]')) pair[0].dispose();
      }, c.label);
      expect(backend.dataIdMap.numDataIds()).toBe(heapTensors);
      tf.dispose([proj, whh, h0, c0, w, ...(mask === null ? [] : [mask])]);
    }, 60_000);
  }
});
