import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { availableBackends, getBackend, setBackend } from './set-backend.js';
import { BackendUnavailableError } from './errors.js';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';

describe('setBackend', () => {
  it('rejects an unknown name, naming the argument and the value received', async () => {
    await expect(setBackend('gpu' as never)).rejects.toThrow(/'name' must be one of .* received "gpu"/);
  });

  it('selects cpu and wasm and reports what is in use', async () => {
    expect((await setBackend('cpu')).name).toBe('cpu');
    expect(getBackend()).toBe('cpu');
    expect((await setBackend('wasm')).name).toBe('wasm');
    expect(getBackend()).toBe('wasm');
  });

  it('lists wasm and cpu as available, fastest first', async () => {
    const list = await availableBackends();
    expect(list.slice(-2)).toEqual(['wasm', 'cpu']);
  });

  it("'auto' never picks a software WebGPU adapter unless asked", async () => {
    const info = await setBackend('auto');
    if (info.name === 'webgpu') expect(info.adapter ?? '').not.toMatch(/swiftshader/i);
    expect(info.reason).toMatch(/^auto/);
  });

  it('explains why webgpu is unavailable, and what is', async () => {
    const list = await availableBackends();
    if (list.includes('webgpu')) return; // covered by the webgpu suite below
    const err = await setBackend('webgpu').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(/Available backends: 'wasm', 'cpu'/);
  });
});

await describeBackends('gradients are registered', () => {
  it('differentiates a composite function', async () => {
    await assertNoLeaks(async () => {
      const x = tf.tensor1d([0.5, -1, 2]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.sigmoid(v), tf.square(v))))(x);
      // d/dx [σ(x)·x²] = σ(x)(1−σ(x))·x² + 2x·σ(x)
      const s = (v: number): number => 1 / (1 + Math.exp(-v));
      const expected = [0.5, -1, 2].map((v) => s(v) * (1 - s(v)) * v * v + 2 * v * s(v));
      await assertClose(g, expected, { rtol: 1e-5 });
      tf.dispose([x, g]);
    });
  });
});
