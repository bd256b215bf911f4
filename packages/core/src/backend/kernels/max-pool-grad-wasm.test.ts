/**
 * The wasm MaxPoolGrad replacement against tfjs-backend-cpu's kernel: seeded random windows, strides
 * and paddings, ties (the first maximum in row-major window order takes the gradient), overlapping
 * windows (gradients add up) and padding (never wins).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, maxRelativeError } from '../../testing/index.js';
import { preloadBackends, randomValues, runKernelOn } from './kernel-test-support.js';

interface PoolCase {
  xShape: [number, number, number, number];
  filterSize: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Runs MaxPool then MaxPoolGrad of one case on wasm and on cpu; the gradients agree to 1e-5. */
async function checkCase(c: PoolCase, x: Float32Array, rng: Rng): Promise<void> {
  const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode };
  const y = await runKernelOn('cpu', 'MaxPool', { x: { values: x, shape: c.xShape } }, attrs);
  const dy = randomValues(rng, size(y.shape));
  const inputs = { dy: { values: dy, shape: y.shape }, input: { values: x, shape: c.xShape }, output: y };
  const actual = await runKernelOn('wasm', 'MaxPoolGrad', inputs, attrs);
  const expected = await runKernelOn('cpu', 'MaxPoolGrad', inputs, attrs);
  const label = JSON.stringify(c);
  expect(actual.shape, label).toEqual(c.xShape);
  expect(await maxRelativeError(actual.values, expected.values), label).toBeLessThan(1e-5);
}

function randomCase(rng: Rng): PoolCase {
  const filterSize: [number, number] = [1 + rng.int(3), 1 + rng.int(3)];
  const strides: [number, number] = [1 + rng.int(3), 1 + rng.int(3)];
  const xShape: [number, number, number, number] = [1 + rng.int(3), filterSize[0] + rng.int(6), filterSize[1] + rng.int(6), 1 + rng.int(9)];
  const kind = rng.int(3);
  const c: PoolCase = { xShape, filterSize, strides, pad: kind === 0 ? 'valid' : 'same' };
  if (kind === 2) {
    c.pad = rng.int(Math.floor(Math.min(...filterSize) / 2) + 1);
    c.dimRoundingMode = (['floor', 'round', 'ceil'] as const)[rng.int(3)];
  }
  return c;
}

await preloadBackends();

describe('MaxPoolGrad [wasm replacement]', () => {
  it('matches the cpu backend on seeded random cases', async () => {
    const rng = new Rng(301);
    for (let i = 0; i < 80; i++) {
      const c = randomCase(rng);
      await checkCase(c, randomValues(rng, size(c.xShape)), rng);
    }
  }, 300_000);

  it('sends a tied window\'s gradient to its first maximum, and sums overlapping windows', async () => {
    const rng = new Rng(302);
    for (const c of [
      { xShape: [2, 6, 6, 3], filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
      { xShape: [1, 7, 7, 2], filterSize: [3, 3], strides: [1, 1], pad: 'same' },
      { xShape: [1, 5, 6, 4], filterSize: [3, 2], strides: [2, 1], pad: 1 },
    ] as PoolCase[]) {
      // Few distinct values: many ties inside each window.
      const x = Float32Array.from({ length: size(c.xShape) }, () => rng.int(3));
      await checkCase(c, x, rng);
    }
  }, 120_000);

  it('routes LeNet\'s pooling gradient exactly', async () => {
    const rng = new Rng(303);
    const c: PoolCase = { xShape: [2, 28, 28, 32], filterSize: [2, 2], strides: [2, 2], pad: 'valid' };
    await checkCase(c, randomValues(rng, size(c.xShape)), rng);
  }, 120_000);

  it('leaks neither tensors nor backend memory', async () => {
    await setBackend('wasm');
    const x = tf.tensor(randomValues(new Rng(304), 2 * 4 * 4 * 3), [2, 4, 4, 3]);
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const g = tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid'))(x);
      await g.data();
      g.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    x.dispose();
  }, 60_000);
});
