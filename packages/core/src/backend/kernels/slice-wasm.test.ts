/**
 * The heap-copying wasm Slice, SplitV and Unpack against tfjs-backend-cpu's kernels (exact values and
 * shapes): seeded random begins and sizes over ranks 1–5 (and a scalar) (short and long contiguous runs, whole axes,
 * empty slices), float32, int32 and bool data, every split axis and size list (with -1), every unpack
 * axis (negative ones too), and the gradient of concat (which splits) on wasm.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks } from '../../testing/index.js';
import { preloadBackends } from './kernel-test-support.js';

type DType = 'float32' | 'int32' | 'bool';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function values(rng: Rng, n: number, dtype: DType): number[] {
  return Array.from({ length: n }, () => (dtype === 'bool' ? rng.int(2) : dtype === 'int32' ? rng.int(2001) - 1000 : rng.normal()));
}

/** Runs `kernelName` on `backendName` and returns every output's shape and values. */
async function run(backendName: 'cpu' | 'wasm', kernelName: string, input: { name: string; data: number[]; shape: number[]; dtype: DType }, attrs: object): Promise<{ shape: number[]; values: number[] }[]> {
  await setBackend(backendName);
  const x = tf.tensor(input.data, input.shape, input.dtype);
  // A copy of the attributes: tfjs's SplitV writes the size of a -1 piece into its size list.
  const out = tf.engine().runKernel(kernelName, { [input.name]: x }, structuredClone(attrs) as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
  const outs = Array.isArray(out) ? out : [out];
  const result = [];
  for (const t of outs) result.push({ shape: t.shape, values: Array.from(await t.data()) });
  tf.dispose([x, ...outs]);
  return result;
}

async function expectSame(kernelName: string, input: { name: string; data: number[]; shape: number[]; dtype: DType }, attrs: object): Promise<void> {
  const label = `${kernelName} ${input.dtype} [${input.shape.join(', ')}] ${JSON.stringify(attrs)}`;
  const actual = await run('wasm', kernelName, input, attrs);
  const expected = await run('cpu', kernelName, input, attrs);
  expect(actual, label).toEqual(expected);
}

function randomShape(rng: Rng, rank: number): number[] {
  return Array.from({ length: rank }, () => 1 + rng.int(rank <= 2 ? 40 : 6));
}

await preloadBackends();

describe('Slice, SplitV, Unpack [wasm replacements]', () => {
  it('Slice matches the cpu backend on seeded random slices of ranks 1–5 and three dtypes', async () => {
    const rng = new Rng(701);
    for (let i = 0; i < 80; i++) {
      const rank = 1 + rng.int(5);
      const shape = randomShape(rng, rank);
      const dtype = (['float32', 'int32', 'bool'] as const)[rng.int(3)];
      const begin = shape.map((d) => rng.int(d));
      // Sizes: whole remaining axis (-1 or explicit), partial, or empty now and then.
      const sizeAttr = shape.map((d, a) => {
        const left = d - (begin[a] as number);
        const pick = rng.int(4);
        return pick === 0 ? -1 : pick === 1 ? left : i % 17 === 0 ? 0 : 1 + rng.int(left);
      });
      await expectSame('Slice', { name: 'x', data: values(rng, size(shape), dtype), shape, dtype }, { begin, size: sizeAttr });
    }
  }, 300_000);

  it('Slice of a scalar returns the scalar (as tfjs-backend-wasm\'s own kernel does; the cpu backend returns no values)', async () => {
    await setBackend('wasm');
    await assertNoLeaks(async () => {
      const x = tf.scalar(-2.5);
      // The kernel directly: tf.slice refuses scalars before any kernel runs.
      const y = tf.engine().runKernel('Slice', { x }, { begin: [], size: [] }) as tf.Tensor;
      expect(y.shape).toEqual([]);
      expect(Array.from(await y.data())).toEqual([-2.5]);
      tf.dispose([x, y]);
    });
  }, 60_000);

  it('Slice matches on the LSTM shapes (row blocks and gate columns of [T·B, 4H])', async () => {
    const rng = new Rng(702);
    const shape = [6 * 5, 4 * 7];
    const data = values(rng, size(shape), 'float32');
    await expectSame('Slice', { name: 'x', data, shape, dtype: 'float32' }, { begin: [10, 0], size: [5, 28] });
    await expectSame('Slice', { name: 'x', data, shape, dtype: 'float32' }, { begin: [0, 14], size: [30, 7] });
    await expectSame('Slice', { name: 'x', data, shape, dtype: 'float32' }, { begin: [3, 20], size: [1, 8] });
  }, 60_000);

  it('SplitV matches the cpu backend for every axis, equal splits and size lists with -1', async () => {
    const rng = new Rng(703);
    for (let i = 0; i < 40; i++) {
      const rank = 1 + rng.int(4);
      const shape = randomShape(rng, rank);
      const axis = rng.int(rank) - (rng.int(2) === 0 ? 0 : rank); // negative axes too
      const d = shape[(axis + rank) % rank] as number;
      let numOrSizeSplits: number | number[];
      if (rng.int(2) === 0) {
        const divisors = Array.from({ length: d }, (_, k) => k + 1).filter((k) => d % k === 0);
        numOrSizeSplits = divisors[rng.int(divisors.length)] as number;
      } else {
        const sizes: number[] = [];
        let left = d;
        while (left > 0) {
          const s = rng.int(left + 1); // zero-sized pieces too
          sizes.push(s);
          left -= s;
          if (sizes.length > 4) break;
        }
        if (left > 0) sizes.push(left);
        // -1 ("the rest") anywhere but first: tfjs 4.22's prepareSplitSize sums from a -1 there.
        if (sizes.length > 1 && rng.int(3) === 0) sizes[1 + rng.int(sizes.length - 1)] = -1;
        numOrSizeSplits = sizes;
      }
      const dtype = (['float32', 'int32', 'bool'] as const)[rng.int(3)];
      await expectSame('SplitV', { name: 'x', data: values(rng, size(shape), dtype), shape, dtype }, { numOrSizeSplits, axis });
    }
  }, 300_000);

  it('Unpack matches the cpu backend for every axis (negative too) and three dtypes', async () => {
    const rng = new Rng(704);
    for (let i = 0; i < 30; i++) {
      const rank = 1 + rng.int(4);
      const shape = randomShape(rng, rank);
      const axis = rng.int(rank) - (rng.int(2) === 0 ? 0 : rank);
      const dtype = (['float32', 'int32', 'bool'] as const)[rng.int(3)];
      await expectSame('Unpack', { name: 'value', data: values(rng, size(shape), dtype), shape, dtype }, { axis });
    }
  }, 300_000);

  it('is the kernel registered for wasm (not tfjs\'s)', async () => {
    await setBackend('wasm');
    for (const name of ['Slice', 'SplitV', 'Unpack']) {
      expect(String(tf.getKernel(name, 'wasm')?.kernelFunc), name).toContain('OnHeap');
    }
  });

  it('frees nothing it should keep and leaks nothing: split pieces outlive their source; concat gradient', async () => {
    await setBackend('wasm');
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const x = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]]);
      const [a, b] = tf.split(x, [1, 3], 1);
      const rows = tf.unstack(x);
      x.dispose();
      expect(Array.from(await a!.data())).toEqual([1, 5]);
      expect(Array.from(await b!.data())).toEqual([2, 3, 4, 6, 7, 8]);
      expect(Array.from(await rows[1]!.data())).toEqual([5, 6, 7, 8]);
      tf.dispose([a!, b!, ...rows]);
      // d/dp Σ w ⊙ concat(p, q) = the matching block of w (concat's gradient splits w).
      const p = tf.tensor2d([[1, 2], [3, 4]]);
      const q = tf.tensor2d([[5], [6]]);
      const w = tf.tensor2d([[0.5, -1, 2], [3, 0.25, -4]]);
      const [gp, gq] = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(w, tf.concat([u, v], 1))))([p, q]);
      expect(Array.from(await gp!.data())).toEqual([0.5, -1, 3, 0.25]);
      expect(Array.from(await gq!.data())).toEqual([2, -4]);
      tf.dispose([p, q, w, gp!, gq!]);
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
  }, 60_000);
});
