/**
 * The heap-copying wasm GatherV2 against tfjs-backend-cpu's kernel (exact values and shapes): seeded
 * random tables of ranks 1–4, every axis, index tensors of ranks 0–2 with repeats, batchDims 0 and 1,
 * short and long slices, float32, int32 and bool data; an embedding lookup; out-of-range indices throw.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks } from '../../testing/index.js';
import { preloadBackends } from './kernel-test-support.js';

type DType = 'float32' | 'int32' | 'bool';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

interface Case {
  x: { data: number[]; shape: number[]; dtype: DType };
  indices: { data: number[]; shape: number[] };
  axis: number;
  batchDims: number;
}

async function run(backendName: 'cpu' | 'wasm', c: Case): Promise<{ shape: number[]; values: number[] }> {
  await setBackend(backendName);
  const x = tf.tensor(c.x.data, c.x.shape, c.x.dtype);
  const indices = tf.tensor(c.indices.data, c.indices.shape, 'int32');
  const out = tf.engine().runKernel('GatherV2', { x, indices }, { axis: c.axis, batchDims: c.batchDims }) as tf.Tensor;
  const result = { shape: out.shape, values: Array.from(await out.data()) };
  tf.dispose([x, indices, out]);
  return result;
}

await preloadBackends();

describe('GatherV2 [wasm replacement]', () => {
  it('matches the cpu backend on seeded random gathers', async () => {
    const rng = new Rng(901);
    for (let i = 0; i < 60; i++) {
      const batchDims = rng.int(3) === 0 ? 1 : 0;
      const rank = Math.max(1 + batchDims, 1 + rng.int(4));
      const shape = Array.from({ length: rank }, () => 1 + rng.int(rank <= 2 ? 30 : 5));
      const axis = batchDims + rng.int(rank - batchDims);
      const dtype = (['float32', 'int32', 'bool'] as const)[rng.int(3)];
      const dim = shape[axis] as number;
      // Indices: batchDims leading axes equal to x's, then 0–2 more axes (0 only without batchDims).
      const extra = Array.from({ length: batchDims === 1 ? 1 + rng.int(2) : rng.int(3) }, () => 1 + rng.int(6));
      const idShape = [...shape.slice(0, batchDims), ...extra];
      const c: Case = {
        x: { data: Array.from({ length: size(shape) }, () => (dtype === 'bool' ? rng.int(2) : dtype === 'int32' ? rng.int(2001) - 1000 : rng.normal())), shape, dtype },
        indices: { data: Array.from({ length: size(idShape) }, () => rng.int(dim)), shape: idShape },
        axis,
        batchDims,
      };
      const label = JSON.stringify({ shape, dtype, axis, batchDims, idShape });
      expect(await run('wasm', c), label).toEqual(await run('cpu', c));
    }
  }, 300_000);

  it('matches on an embedding lookup ([vocab, E] table, [T, B] ids) and leaks nothing', async () => {
    const rng = new Rng(902);
    const c: Case = {
      x: { data: Array.from({ length: 50 * 24 }, () => rng.normal()), shape: [50, 24], dtype: 'float32' },
      indices: { data: Array.from({ length: 7 * 5 }, () => rng.int(50)), shape: [7, 5] },
      axis: 0,
      batchDims: 0,
    };
    expect(await run('wasm', c)).toEqual(await run('cpu', c));
    await setBackend('wasm');
    await assertNoLeaks(async () => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const ids = tf.tensor1d([2, 0, 2], 'int32');
      const y = tf.gather(x, ids);
      expect(Array.from(await y.data())).toEqual([5, 6, 1, 2, 5, 6]);
      tf.dispose([x, ids, y]);
    });
  }, 60_000);

  it('throws on an index outside [0, dim)', async () => {
    await setBackend('wasm');
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    for (const bad of [2, -1]) {
      const ids = tf.tensor1d([0, bad], 'int32');
      expect(() => tf.engine().runKernel('GatherV2', { x, indices: ids }, { axis: 0, batchDims: 0 })).toThrow(/index value/);
      ids.dispose();
    }
    x.dispose();
  }, 60_000);
});
