/**
 * The wasm BatchMatMul replacement (transposed operands written out, then the SIMD module's product
 * or XNNPACK's plain product on split or folded batches) against tfjs-backend-cpu's kernel: every
 * transpose combination, batches with broadcasting, shapes that are not multiples of the blocks, and
 * a dense layer's gradient shapes; each on five path settings: the default (the SIMD module's packed
 * product for everything but small plain products, a transposed `a` of at most 512 columns read in
 * place), plain single products on XNNPACK, SIMD transposes with XNNPACK products only, no SIMD at
 * all, and the SIMD module with every transposed `a` written out first; and the in-place transposed `a` against
 * transposing first, bit for bit, on one and two threads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, maxRelativeError } from '../../testing/index.js';
import { preloadBackends, randomValues, runKernelOn } from './kernel-test-support.js';
import { batchMatMulWasmPaths } from './batch-mat-mul-wasm.js';
import { matMulThreadsReady, stopMatMulThreads } from './matmul-threads.js';

const DEFAULT_PATHS = { ...batchMatMulWasmPaths };
const PATHS = [
  { name: 'default paths', paths: DEFAULT_PATHS },
  { name: 'XNNPACK plain products', paths: { ...DEFAULT_PATHS, plainSimd: false } },
  { name: 'SIMD transposes, XNNPACK products', paths: { ...DEFAULT_PATHS, simdProducts: false } },
  { name: 'no SIMD module', paths: { ...DEFAULT_PATHS, simd: false } },
  { name: 'SIMD module, transposed a written out first', paths: { ...DEFAULT_PATHS, simdTransA: false } },
];

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

async function checkCase(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean, rng: Rng): Promise<void> {
  const inputs = { a: { values: randomValues(rng, size(aShape)), shape: aShape }, b: { values: randomValues(rng, size(bShape)), shape: bShape } };
  const attrs = { transposeA, transposeB };
  const actual = await runKernelOn('wasm', 'BatchMatMul', inputs, attrs);
  const expected = await runKernelOn('cpu', 'BatchMatMul', inputs, attrs);
  const label = JSON.stringify({ aShape, bShape, transposeA, transposeB });
  expect(actual.shape, label).toEqual(expected.shape);
  expect(await maxRelativeError(actual.values, expected.values), label).toBeLessThan(1e-5);
}

await preloadBackends();

for (const { name, paths } of PATHS) describe(`BatchMatMul [wasm replacement, ${name}]`, () => {
  beforeEach(() => void Object.assign(batchMatMulWasmPaths, paths));
  afterEach(() => void Object.assign(batchMatMulWasmPaths, DEFAULT_PATHS));

  it('matches the cpu backend for every transpose combination on seeded random shapes', async () => {
    const rng = new Rng(401);
    for (let i = 0; i < 60; i++) {
      const [m, k, n] = [1 + rng.int(40), 1 + rng.int(70), 1 + rng.int(40)];
      const batch = rng.int(3) === 0 ? [] : [1 + rng.int(3)];
      const bBatch = batch.length > 0 && rng.int(3) === 0 ? [1] : batch; // broadcast b over a's batch
      const transposeA = rng.random() < 0.5;
      const transposeB = rng.random() < 0.5;
      const aShape = [...batch, ...(transposeA ? [k, m] : [m, k])];
      const bShape = [...bBatch, ...(transposeB ? [n, k] : [k, n])];
      await checkCase(aShape, bShape, transposeA, transposeB, rng);
    }
  }, 300_000);

  it('matches on a dense layer\'s gradient shapes (dx = dy·Wᵀ, dW = xᵀ·dy)', async () => {
    const rng = new Rng(402);
    await checkCase([64, 128], [3136, 128], false, true, rng);
    await checkCase([64, 3136], [64, 128], true, false, rng);
    await checkCase([3, 5], [7, 3], true, true, rng);
  }, 120_000);

  it('gives zeros for an empty sum (K = 0) and empty outputs for M, N or batch 0', async () => {
    const rng = new Rng(405);
    await checkCase([3, 0], [0, 4], false, false, rng);
    await checkCase([2, 0, 3], [2, 4, 0], true, true, rng);
    await checkCase([0, 3, 5], [0, 5, 4], false, false, rng);
    await checkCase([3, 5], [5, 0], false, false, rng);
  }, 60_000);

  it('matches on attention\'s batched shapes, rank-4 batches and a shared operand on either side', async () => {
    const rng = new Rng(404);
    await checkCase([8, 16, 8], [8, 16, 8], false, true, rng); // scores = q·kᵀ
    await checkCase([8, 16, 16], [8, 16, 8], false, false, rng); // weights·v
    await checkCase([8, 16, 16], [8, 16, 8], true, false, rng); // dv = weightsᵀ·dout
    await checkCase([2, 3, 5, 4], [2, 3, 4, 6], false, false, rng);
    await checkCase([2, 3, 4, 5], [2, 3, 6, 4], true, true, rng);
    await checkCase([5, 4], [3, 4, 6], false, false, rng); // a shared by b's batch
    await checkCase([2, 3, 5, 4], [4, 6], false, false, rng); // b shared: folded into one product
    await checkCase([2, 3, 4, 5], [6, 4], true, true, rng);
    await checkCase([64, 64, 32], [64, 64, 32], false, true, rng); // a GPT step's attention scores
    await checkCase([64, 64, 64], [64, 64, 32], true, false, rng);
  }, 120_000);

  it('leaks neither tensors nor backend memory', async () => {
    await setBackend('wasm');
    const rng = new Rng(403);
    const a = tf.tensor(randomValues(rng, 6 * 4), [6, 4]);
    const b = tf.tensor(randomValues(rng, 5 * 4), [5, 4]);
    const c = tf.tensor(randomValues(rng, 5 * 6), [5, 6]);
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.matMul(a, b, false, true);
      const both = tf.matMul(a, c, true, true);
      const batched = tf.tidy(() => tf.matMul(tf.stack([a, a]), tf.stack([b, b]), false, true));
      await out.data();
      await both.data();
      await batched.data();
      tf.dispose([out, both, batched]);
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([a, b, c]);
  }, 60_000);
});

describe('BatchMatMul [wasm replacement]: a transposed a read in place', () => {
  afterEach(() => void Object.assign(batchMatMulWasmPaths, DEFAULT_PATHS));

  it('gives the same bits as transposing it first, on one and two threads, batched and broadcast', async () => {
    await setBackend('wasm');
    // Two threads where this runtime has them (Node): the worker is started before the first product.
    if (DEFAULT_PATHS.threads) expect(await matMulThreadsReady()).toBe(true);
    const rng = new Rng(406);
    const cases: [number[], number[]][] = [
      [[64, 48], [64, 40]], // a weight gradient xᵀ·dy (K = rows)
      [[33, 13], [33, 7]], // odd sizes: every row/column remainder
      [[4, 16, 9], [4, 16, 5]], // attention's dv = weightsᵀ·dout
      [[3, 16, 9], [16, 5]], // b shared by a's batch
      [[16, 9], [2, 16, 5]], // a shared by b's batch
      [[300, 70], [300, 24]],
    ];
    for (const [aShape, bShape] of cases) {
      const a = tf.tensor(randomValues(rng, size(aShape)), aShape);
      const b = tf.tensor(randomValues(rng, size(bShape)), bShape);
      const outs: Float32Array[] = [];
      for (const simdTransA of [false, true])
        for (const threads of [false, DEFAULT_PATHS.threads]) {
          Object.assign(batchMatMulWasmPaths, { ...DEFAULT_PATHS, simdTransA, threads, threadMinMacs: 0 });
          const out = tf.matMul(a, b, true, false);
          outs.push((await out.data()) as Float32Array);
          out.dispose();
        }
      for (const out of outs.slice(1)) expect(out, JSON.stringify({ aShape, bShape })).toEqual(outs[0]);
      tf.dispose([a, b]);
    }
    await stopMatMulThreads();
  }, 60_000);
});
