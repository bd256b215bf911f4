/**
 * The two-thread product of matmul-threads.ts: bit for bit the one-thread SIMD product (splitting
 * rows or batch entries does not change any element's sum), on its own (a plain WebAssembly memory
 * as the heap) and through the wasm BatchMatMul kernel (odd M, batches, broadcast strides,
 * transposed operands, K > 512, empty shapes); the worker's half runs on every call here
 * (`mainTakesAll: false`, so the test does not depend on timing); one worker is reused; a stuck
 * worker turns into the one-thread result and a recorded failure, never a hang.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks } from '../../testing/index.js';
import { preloadBackends, randomValues } from './kernel-test-support.js';
import { batchMatMulWasmPaths } from './batch-mat-mul-wasm.js';
import { SIMD_MATMUL_SCRATCH_BYTES, packedBytes, simdMatrixModuleBytes, type SimdMatrix } from './simd-matrix.js';
import {
  matMulThreadsFailure,
  matMulThreadsReady,
  matMulThreadsStats,
  matMulThreadsSupported,
  matMulThreadsTuning,
  matMulTwoThreads,
  pauseMatMulWorkerForTests,
  SplitProduct,
  stopMatMulThreads,
} from './matmul-threads.js';

const DEFAULT_PATHS = { ...batchMatMulWasmPaths };
const DEFAULT_TUNING = { ...matMulThreadsTuning };

/** The SIMD module on a plain (unshared) memory, standing in for the backend heap. */
function plainHeap(pages: number): { heap: WebAssembly.Memory; simd: SimdMatrix } {
  const heap = new WebAssembly.Memory({ initial: pages });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(simdMatrixModuleBytes()), { e: { m: heap } });
  return {
    heap,
    simd: {
      scratch: (pages * 65536 - SIMD_MATMUL_SCRATCH_BYTES) & ~15, // the last bytes of the memory
      transpose: instance.exports['t'] as SimdMatrix['transpose'],
      matMul: instance.exports['g'] as SimdMatrix['matMul'],
      matMulTA: instance.exports['h'] as SimdMatrix['matMulTA'],
      packAll: instance.exports['k'] as SimdMatrix['packAll'],
      matMulPacked: instance.exports['p'] as SimdMatrix['matMulPacked'],
    },
  };
}

interface Case {
  batch: number;
  M: number;
  K: number;
  N: number;
  sharedA: boolean;
  sharedB: boolean;
  /** `a` stored transposed ([K, M] per entry): the in-place `matMulTA` product. */
  transA?: boolean;
}

/** Runs `c` once on one thread and once on two, from the same inputs; returns both outputs. */
function runBoth(c: Case, rng: Rng): { one: Float32Array; two: Float32Array; workerChunks: number } {
  const { batch, M, K, N, sharedA, sharedB, transA = false } = c;
  const aFloats = (sharedA ? 1 : batch) * M * K;
  const bFloats = (sharedB ? 1 : batch) * K * N;
  const cFloats = batch * M * N;
  const bytes = 4 * (aFloats + bFloats + 2 * cFloats) + 64;
  const { heap, simd } = plainHeap(Math.ceil(bytes / 65536) + 1);
  const f = new Float32Array(heap.buffer);
  const a = 16;
  const b = a + 4 * aFloats;
  const c1 = b + 4 * bFloats;
  const c2 = c1 + 4 * cFloats;
  f.set(randomValues(rng, aFloats), a / 4);
  f.set(randomValues(rng, bFloats), b / 4);
  f.fill(Number.NaN, c1 / 4, c2 / 4 + cFloats); // every output element must be written
  const sa = sharedA ? 0 : 4 * M * K;
  const sb = sharedB ? 0 : 4 * K * N;
  if (transA) simd.matMulTA(a, b, c1, batch, M, K, N, sa, sb, 4 * M, simd.scratch);
  else simd.matMul(a, b, c1, batch, M, K, N, sa, sb, simd.scratch);
  const before = matMulThreadsStats.workerChunks;
  matMulTwoThreads(simd, heap, a, b, c2, batch, M, K, N, sa, sb, transA ? 4 * M : undefined);
  const out = new Float32Array(heap.buffer);
  return { one: out.slice(c1 / 4, c1 / 4 + cFloats), two: out.slice(c2 / 4, c2 / 4 + cFloats), workerChunks: matMulThreadsStats.workerChunks - before };
}

const supported = matMulThreadsSupported();

describe('matMulThreadsSupported', () => {
  it('is true in Node (this test runner) unless ML_WASM_MATMUL_THREADS=0', () => {
    const previous = process.env['ML_WASM_MATMUL_THREADS'];
    const nodeOk = typeof process.getBuiltinModule === 'function';
    expect(supported).toBe(nodeOk && previous !== '0');
    try {
      process.env['ML_WASM_MATMUL_THREADS'] = '0';
      expect(matMulThreadsSupported()).toBe(false);
      process.env['ML_WASM_MATMUL_THREADS'] = '1';
      expect(matMulThreadsSupported()).toBe(nodeOk);
    } finally {
      if (previous === undefined) delete process.env['ML_WASM_MATMUL_THREADS'];
      else process.env['ML_WASM_MATMUL_THREADS'] = previous;
    }
  });
});

describe.skipIf(!supported)('matMulTwoThreads', () => {
  beforeAll(async () => {
    expect(await matMulThreadsReady()).toBe(true);
  }, 60_000);
  afterEach(() => void Object.assign(matMulThreadsTuning, DEFAULT_TUNING));
  afterAll(async () => {
    await stopMatMulThreads();
  });

  it('equals the one-thread SIMD product bit for bit, the worker computing the last chunks', () => {
    matMulThreadsTuning.mainTakesAll = false;
    const rng = new Rng(911);
    const cases: Case[] = [
      { batch: 1, M: 2, K: 3, N: 5, sharedA: false, sharedB: false },
      { batch: 1, M: 7, K: 13, N: 9, sharedA: false, sharedB: false }, // odd M below 4 rows per chunk
      { batch: 1, M: 37, K: 70, N: 19, sharedA: false, sharedB: false }, // odd M, rows in blocks of 4
      { batch: 1, M: 130, K: 600, N: 33, sharedA: false, sharedB: false }, // K > 512
      { batch: 3, M: 5, K: 6, N: 7, sharedA: false, sharedB: false }, // odd batch: split by entries
      { batch: 9, M: 4, K: 8, N: 12, sharedA: true, sharedB: false }, // a shared by b's batch
      { batch: 10, M: 6, K: 5, N: 8, sharedA: false, sharedB: true }, // b shared by a's batch
      { batch: 2, M: 1, K: 1, N: 1, sharedA: false, sharedB: false },
      // fewer rows than columns: split by column blocks of 8 (N not a multiple of 8, K tiles, < 4 rows)
      { batch: 1, M: 20, K: 513, N: 100, sharedA: false, sharedB: false },
      { batch: 1, M: 3, K: 5, N: 17, sharedA: false, sharedB: false },
      { batch: 1, M: 64, K: 40, N: 512, sharedA: false, sharedB: false },
    ];
    for (let i = 0; i < 20; i++) {
      cases.push({ batch: 1 + rng.int(4), M: 1 + rng.int(60), K: 1 + rng.int(90), N: 1 + rng.int(40), sharedA: rng.int(4) === 0, sharedB: rng.int(4) === 0 });
    }
    // The same with a stored transposed (matMulTA): row chunks are blocks of a's columns.
    for (const c of cases.slice()) cases.push({ ...c, transA: true });
    cases.push({ batch: 1, M: 130, K: 1030, N: 24, sharedA: false, sharedB: false, transA: true }); // a weight gradient's shape, small
    for (const c of cases) {
      const { one, two, workerChunks } = runBoth(c, rng);
      const label = JSON.stringify(c);
      expect(two, label).toEqual(one);
      expect(Array.from(two).some(Number.isNaN), label).toBe(false);
      const byColumn = c.batch === 1 && c.M < c.N && c.N >= 16;
      const units = c.batch >= 2 ? c.batch : byColumn ? c.N : c.M;
      const chunks = byColumn ? Math.min(8, Math.floor(c.N / 8)) : Math.min(8, units);
      expect(workerChunks, label).toBe(units < 2 ? 0 : chunks - Math.ceil(chunks / 2));
    }
  });

  it('gives the same bits when this thread may take every chunk (either thread may run any chunk)', () => {
    const rng = new Rng(912);
    for (let i = 0; i < 10; i++) {
      const c: Case = { batch: 1 + rng.int(3), M: 8 + rng.int(120), K: 1 + rng.int(200), N: 1 + rng.int(64), sharedA: false, sharedB: rng.int(2) === 0, transA: i % 2 === 1 };
      const { one, two } = runBoth(c, rng);
      expect(two, JSON.stringify(c)).toEqual(one);
    }
  });

  it('reuses one worker, and starts a new one only after it is stopped', async () => {
    matMulThreadsTuning.mainTakesAll = false;
    const rng = new Rng(913);
    const started = matMulThreadsStats.workersStarted;
    for (let i = 0; i < 5; i++) runBoth({ batch: 1, M: 16, K: 8, N: 8, sharedA: false, sharedB: false }, rng);
    expect(matMulThreadsStats.workersStarted).toBe(started);
    await stopMatMulThreads();
    expect(await matMulThreadsReady()).toBe(true);
    expect(matMulThreadsStats.workersStarted).toBe(started + 1);
    const { one, two, workerChunks } = runBoth({ batch: 1, M: 16, K: 8, N: 8, sharedA: false, sharedB: false }, rng);
    expect(two).toEqual(one);
    expect(workerChunks).toBe(4);
  }, 60_000);

  it('does not wait for a paused worker when this thread may take every chunk, and uses it again once it runs', () => {
    const rng = new Rng(915);
    const timeouts = matMulThreadsStats.timeouts;
    pauseMatMulWorkerForTests(true);
    const paused = runBoth({ batch: 1, M: 64, K: 48, N: 40, sharedA: false, sharedB: false }, rng);
    expect(paused.two).toEqual(paused.one);
    expect(paused.workerChunks).toBe(0);
    pauseMatMulWorkerForTests(false);
    matMulThreadsTuning.mainTakesAll = false;
    const resumed = runBoth({ batch: 5, M: 6, K: 7, N: 9, sharedA: false, sharedB: false }, rng);
    expect(resumed.two).toEqual(resumed.one);
    expect(resumed.workerChunks).toBe(2);
    expect(matMulThreadsStats.timeouts).toBe(timeouts);
    expect(matMulThreadsFailure()).toBeUndefined();
  });

  /** Steps of a SplitProduct session against one-thread `matMulPacked`, on a plain heap. */
  async function splitSteps(M: number, K: number, N: number, steps: number, rng: Rng): Promise<{ one: Float32Array[]; two: Float32Array[]; split: boolean }> {
    const packed = packedBytes(K, N);
    const bytes = 4 * (steps * M * K + K * N + 2 * M * N) + packed + 256;
    const { heap, simd } = plainHeap(Math.ceil(bytes / 65536) + 1);
    const f = new Float32Array(heap.buffer);
    const aAt = (t: number): number => 64 + 4 * t * M * K;
    const b = aAt(steps);
    const bp = b + 4 * K * N;
    const c1 = bp + packed;
    const c2 = c1 + 4 * M * N;
    f.set(randomValues(rng, steps * M * K), aAt(0) / 4);
    f.set(randomValues(rng, K * N), b / 4);
    simd.packAll(b, K, N, bp);
    // The worker takes a session only once idle (its previous job reported done): give it time.
    let session = SplitProduct.start(simd, heap, M, K, N, bp);
    for (let i = 0; session === null && N >= 16 && i < 400; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      session = SplitProduct.start(simd, heap, M, K, N, bp);
    }
    const one: Float32Array[] = [];
    const two: Float32Array[] = [];
    for (let t = 0; t < steps; t++) {
      f.fill(Number.NaN, c1 / 4, c2 / 4 + M * N);
      simd.matMulPacked(aAt(t), bp, c1, 1, M, K, N, 0, 0, simd.scratch);
      if (session === null) simd.matMulPacked(aAt(t), bp, c2, 1, M, K, N, 0, 0, simd.scratch);
      else session.run(aAt(t), c2);
      const out = new Float32Array(heap.buffer);
      one.push(out.slice(c1 / 4, c1 / 4 + M * N));
      two.push(out.slice(c2 / 4, c2 / 4 + M * N));
    }
    session?.end();
    return { one, two, split: session !== null };
  }

  it('splits a repeated product (SplitProduct) by columns with the worker, bit for bit as one thread', async () => {
    const rng = new Rng(916);
    matMulThreadsTuning.splitMinTimeoutMs = 60_000; // a loaded machine may deschedule the worker: wait for it
    const before = matMulThreadsStats.workerChunks;
    // [M, K, N]: an LSTM step's shapes, odd sizes, N not a multiple of 8, fewer than 4 rows
    for (const [M, K, N] of [[64, 128, 512], [64, 512, 128], [13, 37, 41], [3, 300, 16], [7, 5, 23]] as [number, number, number][]) {
      const { one, two, split } = await splitSteps(M, K, N, 5, rng);
      expect(split, JSON.stringify([M, K, N])).toBe(true);
      for (let t = 0; t < one.length; t++) {
        expect(Array.from(two[t] as Float32Array).some(Number.isNaN)).toBe(false);
        expect(two[t], JSON.stringify([M, K, N, t])).toEqual(one[t]);
      }
    }
    expect(matMulThreadsStats.workerChunks - before).toBe(25); // every step's other half came from the worker
    expect((await splitSteps(4, 4, 8, 1, rng)).split).toBe(false); // N < 16: one thread
  }, 60_000);

  it('finishes a split product on this thread when the worker does not answer, and ends the session', async () => {
    const rng = new Rng(917);
    matMulThreadsTuning.splitMinTimeoutMs = 20;
    const timeouts = matMulThreadsStats.timeouts;
    const chunks = matMulThreadsStats.workerChunks;
    pauseMatMulWorkerForTests(true);
    const stuck = await splitSteps(16, 24, 40, 3, rng);
    expect(stuck.split).toBe(true);
    for (let t = 0; t < 3; t++) expect(stuck.two[t]).toEqual(stuck.one[t]);
    expect(matMulThreadsStats.timeouts).toBe(timeouts + 1); // one wait, then the rest on this thread
    expect(matMulThreadsStats.workerChunks).toBe(chunks);
    pauseMatMulWorkerForTests(false);
    // The worker leaves the ended session and takes work again.
    const again = await splitSteps(16, 24, 40, 2, rng);
    expect(again.two).toEqual(again.one);
    expect(matMulThreadsFailure()).toBeUndefined();
  }, 60_000);

  it('turns a stuck worker into the one-thread result and a recorded failure, not a hang', async () => {
    matMulThreadsTuning.mainTakesAll = false;
    matMulThreadsTuning.minTimeoutMs = 50;
    const rng = new Rng(914);
    pauseMatMulWorkerForTests(true);
    const timeouts = matMulThreadsStats.timeouts;
    const { one, two, workerChunks } = runBoth({ batch: 1, M: 40, K: 24, N: 16, sharedA: false, sharedB: false }, rng);
    expect(two).toEqual(one);
    expect(workerChunks).toBe(0);
    expect(matMulThreadsStats.timeouts).toBe(timeouts + 1);
    expect(matMulThreadsFailure()).toMatch(/did not answer within 50 ms/);
    // Failed: later products stay on this thread (no new worker until stopped and restarted).
    expect(await matMulThreadsReady()).toBe(false);
    const again = runBoth({ batch: 2, M: 8, K: 8, N: 8, sharedA: false, sharedB: false }, rng);
    expect(again.two).toEqual(again.one);
    expect(again.workerChunks).toBe(0);
    await stopMatMulThreads();
    expect(matMulThreadsFailure()).toBeUndefined();
    expect(await matMulThreadsReady()).toBe(true);
  }, 60_000);
});

const size = (shape: readonly number[]): number => shape.reduce((p, q) => p * q, 1);

describe.skipIf(!supported)('BatchMatMul [wasm] on two threads', () => {
  beforeAll(async () => {
    await preloadBackends();
    expect(await matMulThreadsReady()).toBe(true);
  }, 60_000);
  afterEach(() => {
    Object.assign(batchMatMulWasmPaths, DEFAULT_PATHS);
    Object.assign(matMulThreadsTuning, DEFAULT_TUNING);
  });
  afterAll(async () => {
    await stopMatMulThreads();
  });

  /**
   * The kernel's output with `threads` on (every size) and off (the one-thread SIMD module for every
   * size), and (`old`) off with a transposed `a` written out first instead of read in place.
   */
  async function bothWays(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean, rng: Rng): Promise<{ one: Float32Array; two: Float32Array; old: Float32Array; workerChunks: number }> {
    await setBackend('wasm');
    const a = tf.tensor(randomValues(rng, size(aShape)), aShape);
    const b = tf.tensor(randomValues(rng, size(bShape)), bShape);
    const simdEverywhere = { plainSimd: true, threadMaxBBytes: 1 << 30 };
    Object.assign(batchMatMulWasmPaths, { ...simdEverywhere, threads: false, simdTransA: false });
    const old = tf.matMul(a, b, transposeA, transposeB);
    Object.assign(batchMatMulWasmPaths, { ...simdEverywhere, threads: false, simdTransA: true });
    const one = tf.matMul(a, b, transposeA, transposeB);
    Object.assign(batchMatMulWasmPaths, { ...simdEverywhere, threads: true, threadMinMacs: 0 });
    matMulThreadsTuning.mainTakesAll = false;
    const before = matMulThreadsStats.workerChunks;
    const two = tf.matMul(a, b, transposeA, transposeB);
    const workerChunks = matMulThreadsStats.workerChunks - before;
    expect(two.shape).toEqual(one.shape);
    const out = { one: (await one.data()) as Float32Array, two: (await two.data()) as Float32Array, old: (await old.data()) as Float32Array, workerChunks };
    tf.dispose([a, b, one, two, old]);
    return out;
  }

  it('equals the one-thread SIMD kernel bit for bit for transposes, batches, broadcasting, K > 512 and empty shapes', async () => {
    const rng = new Rng(921);
    const cases: [number[], number[], boolean, boolean][] = [
      [[37, 20], [20, 11], false, false],
      [[20, 37], [11, 20], true, true],
      [[3, 9, 16], [3, 16, 5], false, false],
      [[3, 16, 9], [3, 5, 16], true, true],
      [[2, 3, 5, 4], [4, 6], false, false], // b shared by a's batch
      [[5, 4], [3, 4, 6], false, false], // a shared by b's batch
      [[2, 2, 7, 6], [2, 2, 5, 6], false, true],
      [[70, 1030], [1030, 24], false, false], // K > 512
      [[1030, 70], [24, 1030], true, true],
      [[64, 64, 32], [64, 64, 32], false, true], // attention scores
      [[1030, 70], [1030, 24], true, false], // a weight gradient xᵀ·dy, a read in place
      [[3, 16, 9], [16, 5], true, false], // transposed a batch, b shared
      [[16, 9], [3, 16, 5], true, false], // transposed a shared by b's batch
      [[2, 2, 33, 13], [2, 2, 33, 7], true, false], // attention's dv = weightsᵀ·dout, odd sizes
    ];
    for (const [aShape, bShape, ta, tb] of cases) {
      const { one, two, old, workerChunks } = await bothWays(aShape, bShape, ta, tb, rng);
      const label = JSON.stringify({ aShape, bShape, ta, tb });
      expect(two, label).toEqual(one);
      expect(one, label).toEqual(old);
      expect(workerChunks, label).toBeGreaterThan(0);
    }
    for (const [aShape, bShape] of [[[0, 5], [5, 4]], [[3, 5], [5, 0]], [[0, 3, 5], [0, 5, 4]], [[2, 0, 5], [2, 5, 4]]]) {
      const { one, two } = await bothWays(aShape as number[], bShape as number[], false, false, rng);
      expect(two).toEqual(one);
    }
    for (const [aShape, bShape] of [[[5, 0], [5, 4]], [[0, 3], [0, 4]], [[2, 5, 0], [2, 5, 4]]]) {
      const { one, two, old } = await bothWays(aShape as number[], bShape as number[], true, false, rng);
      expect(two).toEqual(one);
      expect(one).toEqual(old);
    }
  }, 120_000);

  it('takes two threads by default only above the work threshold (plain products included)', async () => {
    await setBackend('wasm');
    matMulThreadsTuning.mainTakesAll = false; // every threaded call waits for the worker: no busy worker left over
    expect(batchMatMulWasmPaths.threads).toBe(true);
    const rng = new Rng(923);
    const jobsFor = async (aShape: number[], bShape: number[], transposeB: boolean): Promise<number> => {
      const a = tf.tensor(randomValues(rng, size(aShape)), aShape);
      const b = tf.tensor(randomValues(rng, size(bShape)), bShape);
      const before = matMulThreadsStats.jobs;
      const out = tf.matMul(a, b, false, transposeB);
      const jobs = matMulThreadsStats.jobs - before;
      await out.data();
      tf.dispose([a, b, out]);
      return jobs;
    };
    expect(await jobsFor([1024, 128], [128, 128], false)).toBe(1); // 16.8 M multiply-adds, plain
    expect(await jobsFor([1024, 128], [512, 128], true)).toBe(1); // a tied output layer
    expect(await jobsFor([64, 64, 32], [64, 64, 32], true)).toBe(0); // 8.4 M: below the threshold
    expect(await jobsFor([8, 2048], [2048, 1100], false)).toBe(0); // b of 8.6 MiB: above threadMaxBBytes
  }, 60_000);

  it('leaks neither tensors nor backend memory', async () => {
    await setBackend('wasm');
    Object.assign(batchMatMulWasmPaths, { threads: true, threadMinMacs: 0 });
    const rng = new Rng(922);
    const a = tf.tensor(randomValues(rng, 40 * 12), [40, 12]);
    const b = tf.tensor(randomValues(rng, 9 * 12), [9, 12]);
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.matMul(a, b, false, true);
      const batched = tf.tidy(() => tf.matMul(tf.stack([a, a, a]), tf.stack([b, b, b]), false, true));
      await out.data();
      await batched.data();
      tf.dispose([out, batched]);
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([a, b]);
  }, 60_000);
});
