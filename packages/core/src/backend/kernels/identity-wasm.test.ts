/**
 * The data-sharing wasm Identity: values and shape as the cpu backend's, no backend memory added by
 * a clone, the shared data freed only when the last holder is disposed, and gradients through
 * kernels that save their inputs unchanged.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks } from '../../testing/index.js';
import { preloadBackends, randomValues, runKernelOn } from './kernel-test-support.js';

await preloadBackends();

describe('Identity [wasm replacement]', () => {
  it('matches the cpu backend for float32 and int32 inputs', async () => {
    const rng = new Rng(501);
    const floats = randomValues(rng, 12);
    const ints = Int32Array.from(floats, (v) => Math.round(v * 10));
    for (const values of [floats, ints]) {
      const inputs = { x: { values, shape: [3, 4] } };
      const actual = await runKernelOn('wasm', 'Identity', inputs, {});
      const expected = await runKernelOn('cpu', 'Identity', inputs, {});
      expect(actual.shape).toEqual(expected.shape);
      expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
    }
  }, 60_000);

  it('shares data: a clone outlives its source and frees the memory with the last holder', async () => {
    await setBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const x = tf.tensor([1, 2, 3, 4], [2, 2]);
      const y = tf.clone(x);
      expect(tf.engine().backend.numDataIds()).toBe(before + 1);
      x.dispose();
      expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
      y.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
  }, 60_000);

  it('keeps gradients of ops that save their inputs (x·x, exp, matMul) right', async () => {
    await setBackend('wasm');
    await assertNoLeaks(async () => {
      const x = tf.tensor([0.5, -1, 2, 0.25], [2, 2]);
      const w = tf.tensor([1, 2, 3, 4], [2, 2]);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.add(tf.mul(a, a), tf.matMul(tf.exp(a), b))));
      const [ga, gb] = g([x, w]);
      const e = [0.5, -1, 2, 0.25].map(Math.exp);
      // d/da: 2a + exp(a) ⊙ (1·bᵀ) (row sums of b); d/db: exp(a)ᵀ·1
      const expectA = [2 * 0.5 + e[0] * 3, 2 * -1 + e[1] * 7, 2 * 2 + e[2] * 3, 2 * 0.25 + e[3] * 7];
      const expectB = [e[0] + e[2], e[0] + e[2], e[1] + e[3], e[1] + e[3]];
      const [av, bv] = [await ga.data(), await gb.data()];
      expectA.forEach((v, i) => expect(av[i]).toBeCloseTo(v, 4));
      expectB.forEach((v, i) => expect(bv[i]).toBeCloseTo(v, 4));
      tf.dispose([x, w, ga, gb]);
    });
  }, 60_000);
});
