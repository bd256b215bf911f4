/**
 * The heap-copying wasm Concat against tfjs-backend-cpu's kernel (exact values and shapes): seeded
 * random shapes of ranks 1–4, every axis (negative too), 1–5 inputs with empty ones among them,
 * short and long rows, float32, int32 and bool data.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks } from '../../testing/index.js';
import { preloadBackends } from './kernel-test-support.js';

type DType = 'float32' | 'int32' | 'bool';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

async function run(backendName: 'cpu' | 'wasm', parts: { data: number[]; shape: number[] }[], dtype: DType, axis: number): Promise<{ shape: number[]; values: number[] }> {
  await setBackend(backendName);
  const xs = parts.map((p) => tf.tensor(p.data, p.shape, dtype));
  const out = tf.engine().runKernel('Concat', xs as unknown as tf.NamedTensorMap, { axis }) as tf.Tensor;
  const result = { shape: out.shape, values: Array.from(await out.data()) };
  tf.dispose([...xs, out]);
  return result;
}

await preloadBackends();

describe('Concat [wasm replacement]', () => {
  it('matches the cpu backend on seeded random concatenations', async () => {
    const rng = new Rng(801);
    for (let i = 0; i < 60; i++) {
      const rank = 1 + rng.int(4);
      const base = Array.from({ length: rank }, () => 1 + rng.int(rank <= 2 ? 40 : 6));
      const axis = rng.int(rank);
      const dtype = (['float32', 'int32', 'bool'] as const)[rng.int(3)];
      const parts = Array.from({ length: 1 + rng.int(5) }, () => {
        const shape = base.slice();
        shape[axis] = rng.int(8) === 0 ? 0 : 1 + rng.int(rank <= 2 ? 40 : 6); // empty inputs now and then
        const data = Array.from({ length: size(shape) }, () => (dtype === 'bool' ? rng.int(2) : dtype === 'int32' ? rng.int(2001) - 1000 : rng.normal()));
        return { data, shape };
      });
      const signedAxis = rng.int(2) === 0 ? axis : axis - rank;
      const label = `${dtype} axis ${signedAxis} ${parts.map((p) => `[${p.shape.join(', ')}]`).join(' ')}`;
      expect(await run('wasm', parts, dtype, signedAxis), label).toEqual(await run('cpu', parts, dtype, signedAxis));
    }
  }, 300_000);

  it('matches on the LSTM step\'s shapes (four [B, H] blocks side by side) and leaks nothing', async () => {
    const rng = new Rng(802);
    const parts = Array.from({ length: 4 }, () => ({ data: Array.from({ length: 6 * 20 }, () => rng.normal()), shape: [6, 20] }));
    expect(await run('wasm', parts, 'float32', 1)).toEqual(await run('cpu', parts, 'float32', 1));
    await setBackend('wasm');
    await assertNoLeaks(async () => {
      const a = tf.tensor2d([[1, 2], [3, 4]]);
      const b = tf.tensor2d([[5], [6]]);
      const c = tf.concat([a, b], 1);
      expect(Array.from(await c.data())).toEqual([1, 2, 5, 3, 4, 6]);
      tf.dispose([a, b, c]);
    });
  }, 60_000);
});
