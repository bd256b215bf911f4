/**
 * The SIMD module of simd-matrix.ts on tfjs-backend-wasm's own memory: its transpose equals a plain
 * loop bit for bit, and its product equals a naive float32 loop (sum over k in increasing order, one
 * rounding per multiply and per add) bit for bit, for many shapes: 1×N, N×1, odd sizes, batches,
 * shared (stride 0) operands and every row/column remainder of its 4×8 blocking.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { randomValues } from './kernel-test-support.js';
import { packedBytes, simdMatrix, simdMatrixModuleBytes } from './simd-matrix.js';

/** A heap buffer of `n` floats filled with `values` (or zeros), and its byte offset. */
function heapBuffer(backend: BackendWasm, values: Float32Array): { t: tf.Tensor; offset: number } {
  const t = tf.tensor1d(values, 'float32');
  const offset = backend.typedArrayFromHeap(t as unknown as tf.TensorInfo).byteOffset;
  return { t, offset };
}

function heapValues(backend: BackendWasm, t: tf.Tensor): Float32Array {
  return (backend.typedArrayFromHeap(t as unknown as tf.TensorInfo) as Float32Array).slice();
}

/** The wasm backend and its SIMD module (which must exist there). */
async function wasmSimd(): Promise<{ backend: BackendWasm; simd: NonNullable<ReturnType<typeof simdMatrix>> }> {
  await setBackend('wasm');
  const backend = tf.backend() as BackendWasm;
  const simd = simdMatrix(backend);
  if (simd === null) throw new Error('expected the SIMD module on the wasm backend, received null');
  return { backend, simd };
}

describe('simdMatrix', () => {
  it('is a valid module and instantiates on the wasm backend\'s memory', async () => {
    expect(WebAssembly.validate(simdMatrixModuleBytes())).toBe(true);
    await setBackend('wasm');
    expect(simdMatrix(tf.backend() as BackendWasm)).not.toBeNull();
    expect(simdMatrix({ wasm: {} } as unknown as BackendWasm)).toBeNull(); // no memory: JS fallback
  }, 60_000);

  it('has a shared-memory variant (same code) that instantiates only on a shared memory of matching limits', () => {
    const shared = simdMatrixModuleBytes({ initialPages: 2, maximumPages: 300 });
    expect(WebAssembly.validate(shared)).toBe(true);
    // Only the import's limits differ: flag 3 (shared, with a maximum), 2 and 300 (LEB128 0xac 0x02) pages.
    const plain = simdMatrixModuleBytes();
    expect(shared.length).toBe(plain.length + 2);
    /** The bytes after the import "e" "m" of kind memory (0x02). */
    const limitsOf = (bytes: Uint8Array, n: number): number[] => {
      const at = Buffer.from(bytes).indexOf(Buffer.from([0x01, 0x65, 0x01, 0x6d, 0x02]));
      return Array.from(bytes.subarray(at + 5, at + 5 + n));
    };
    expect(limitsOf(plain, 2)).toEqual([0x00, 0x00]);
    expect(limitsOf(shared, 4)).toEqual([0x03, 0x02, 0xac, 0x02]);
    const module = new WebAssembly.Module(shared);
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 300, shared: true });
    const g = new WebAssembly.Instance(module, { e: { m: memory } }).exports['g'] as (...args: number[]) => void;
    const f = new Float32Array(memory.buffer);
    f.set([1, 2, 3, 4], 0); // a [2, 2]
    f.set([5, 6, 7, 8], 4); // b [2, 2]
    g(0, 16, 32, 1, 2, 2, 2, 0, 0, 64); // scratch from byte 64
    expect(Array.from(f.subarray(8, 12))).toEqual([19, 22, 43, 50]);
    expect(() => new WebAssembly.Instance(module, { e: { m: new WebAssembly.Memory({ initial: 2 }) } })).toThrow();
  });

  it('transposes [batch, R, C] exactly for edge and odd shapes', async () => {
    const { backend, simd } = await wasmSimd();
    const rng = new Rng(611);
    const shapes: [number, number, number][] = [[1, 1, 1], [1, 1, 9], [1, 9, 1], [2, 4, 4], [3, 5, 7], [1, 16, 12], [2, 33, 17], [1, 64, 130], [4, 3, 8], [1, 128, 36]];
    for (const [batch, R, C] of shapes) {
      const values = randomValues(rng, batch * R * C);
      const src = heapBuffer(backend, values);
      const dst = heapBuffer(backend, new Float32Array(batch * R * C).fill(-7));
      simd.transpose(src.offset, dst.offset, batch, R, C);
      const expected = new Float32Array(batch * R * C);
      for (let e = 0; e < batch; e++) for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) expected[e * R * C + j * R + i] = values[e * R * C + i * C + j] as number;
      expect(Array.from(heapValues(backend, dst.t)), JSON.stringify([batch, R, C])).toEqual(Array.from(expected));
      tf.dispose([src.t, dst.t]);
    }
  }, 60_000);

  it('multiplies batches equal to a naive float32 loop, with shared operands', async () => {
    const { backend, simd } = await wasmSimd();
    const rng = new Rng(612);
    // [batch, M, K, N, a shared, b shared]
    const cases: [number, number, number, number, boolean, boolean][] = [
      [1, 1, 1, 1, false, false], [1, 1, 9, 1, false, false], [2, 5, 3, 9, false, false], [3, 13, 7, 19, true, false],
      [3, 6, 5, 12, false, true], [1, 4, 1, 8, false, false], [2, 8, 16, 16, false, false], [1, 7, 33, 3, false, false],
      // k in tiles of 256 (partial sums through c, narrow last panels through the stage): one tile exactly, one over, several
      [1, 5, 256, 9, false, false], [1, 6, 257, 3, false, false], [1, 13, 600, 21, false, false], [2, 8, 513, 17, false, true],
      [3, 4, 300, 8, true, false], [1, 64, 128, 64, false, false],
      // fewer than 4 rows: full panels read in place from b (no packing), narrow ones packed
      [1, 1, 600, 24, false, false], [2, 3, 300, 17, false, true], [1, 2, 5, 8, false, false], [3, 1, 7, 16, true, false], [1, 3, 5, 2061, false, false],
    ];
    for (let n = 0; n < 6; n++) cases.push([1 + rng.int(3), 1 + rng.int(20), 1 + rng.int(20), 1 + rng.int(20), false, false]);
    for (const [batch, M, K, N, aShared, bShared] of cases) {
      const av = randomValues(rng, (aShared ? 1 : batch) * M * K);
      const bv = randomValues(rng, (bShared ? 1 : batch) * K * N);
      const a = heapBuffer(backend, av);
      const b = heapBuffer(backend, bv);
      const c = heapBuffer(backend, new Float32Array(batch * M * N).fill(-7));
      simd.matMul(a.offset, b.offset, c.offset, batch, M, K, N, aShared ? 0 : 4 * M * K, bShared ? 0 : 4 * K * N, simd.scratch);
      const expected = new Float32Array(batch * M * N);
      for (let e = 0; e < batch; e++) {
        const ao = aShared ? 0 : e * M * K;
        const bo = bShared ? 0 : e * K * N;
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++) {
            let s = 0;
            for (let k = 0; k < K; k++) s = Math.fround(s + Math.fround((av[ao + i * K + k] as number) * (bv[bo + k * N + j] as number)));
            expected[e * M * N + i * N + j] = s;
          }
      }
      expect(Array.from(heapValues(backend, c.t)), JSON.stringify([batch, M, K, N, aShared, bShared])).toEqual(Array.from(expected));
      tf.dispose([a.t, b.t, c.t]);
    }
  }, 60_000);

  it('multiplies with b packed once (packAll + matMulPacked) bit for bit as matMul', async () => {
    const { backend, simd } = await wasmSimd();
    const rng = new Rng(614);
    // [batch, M, K, N, b shared]: row and column remainders, fewer than 4 rows, k tiles, packed entries
    const cases: [number, number, number, number, boolean][] = [
      [1, 64, 128, 512, false], [1, 64, 512, 128, false], [1, 5, 3, 9, false], [1, 1, 7, 3, false], [2, 2, 300, 17, false],
      [3, 13, 600, 21, true], [2, 8, 257, 8, false], [1, 7, 1, 1, false],
    ];
    for (const [batch, M, K, N, bShared] of cases) {
      const bEntries = bShared ? 1 : batch;
      const a = heapBuffer(backend, randomValues(rng, batch * M * K));
      const b = heapBuffer(backend, randomValues(rng, bEntries * K * N));
      const bp = heapBuffer(backend, new Float32Array((bEntries * packedBytes(K, N)) / 4).fill(Number.NaN));
      const c1 = heapBuffer(backend, new Float32Array(batch * M * N).fill(-7));
      const c2 = heapBuffer(backend, new Float32Array(batch * M * N).fill(-7));
      for (let e = 0; e < bEntries; e++) simd.packAll(b.offset + 4 * e * K * N, K, N, bp.offset + e * packedBytes(K, N));
      simd.matMul(a.offset, b.offset, c1.offset, batch, M, K, N, 4 * M * K, bShared ? 0 : 4 * K * N, simd.scratch);
      simd.matMulPacked(a.offset, bp.offset, c2.offset, batch, M, K, N, 4 * M * K, bShared ? 0 : packedBytes(K, N), simd.scratch);
      const label = JSON.stringify([batch, M, K, N, bShared]);
      expect(Array.from(heapValues(backend, c2.t)), label).toEqual(Array.from(heapValues(backend, c1.t)));
      expect(heapValues(backend, c1.t).every((v) => v !== -7), label).toBe(true);
      tf.dispose([a.t, b.t, bp.t, c1.t, c2.t]);
    }
  }, 60_000);

  it('computes column blocks in place (ldb, ldc) bit for bit as the whole product, plain and transposed a', async () => {
    const { backend, simd } = await wasmSimd();
    const rng = new Rng(615);
    // [M, K, N, column block edges]
    const cases: [number, number, number, number[]][] = [
      [64, 128, 512, [0, 64, 256, 512]], [13, 300, 37, [0, 8, 16, 37]], [2, 600, 24, [0, 8, 24]], [5, 7, 9, [0, 8, 9]], [128, 40, 64, [0, 32, 40, 64]],
    ];
    for (const [M, K, N, edges] of cases) {
      for (const transA of [false, true]) {
        const a = heapBuffer(backend, randomValues(rng, M * K));
        const b = heapBuffer(backend, randomValues(rng, K * N));
        const c1 = heapBuffer(backend, new Float32Array(M * N).fill(-7));
        const c2 = heapBuffer(backend, new Float32Array(M * N).fill(-7));
        if (transA) simd.matMulTA(a.offset, b.offset, c1.offset, 1, M, K, N, 0, 0, 4 * M, simd.scratch);
        else simd.matMul(a.offset, b.offset, c1.offset, 1, M, K, N, 0, 0, simd.scratch);
        for (let q = 0; q + 1 < edges.length; q++) {
          const [j0, j1] = [edges[q] as number, edges[q + 1] as number];
          if (transA) simd.matMulTA(a.offset, b.offset + 4 * j0, c2.offset + 4 * j0, 1, M, K, j1 - j0, 0, 0, 4 * M, simd.scratch, 4 * N, 4 * N);
          else simd.matMul(a.offset, b.offset + 4 * j0, c2.offset + 4 * j0, 1, M, K, j1 - j0, 0, 0, simd.scratch, 4 * N, 4 * N);
        }
        const label = JSON.stringify([M, K, N, edges, transA]);
        expect(Array.from(heapValues(backend, c2.t)), label).toEqual(Array.from(heapValues(backend, c1.t)));
        tf.dispose([a.t, b.t, c1.t, c2.t]);
      }
    }
  }, 60_000);

  it('multiplies transposed-a batches in place (matMulTA) equal to the naive loop and to transpose-then-matMul, bit for bit', async () => {
    const { backend, simd } = await wasmSimd();
    const rng = new Rng(613);
    // [batch, M, K, N, a shared, b shared, extra floats per a row (lda = 4·(M + pad))]
    const cases: [number, number, number, number, boolean, boolean, number][] = [
      [1, 1, 1, 1, false, false, 0], [1, 4, 1, 8, false, false, 0], [1, 9, 1, 1, false, false, 0], [2, 5, 3, 9, false, false, 0],
      [3, 13, 7, 19, true, false, 0], [3, 6, 5, 12, false, true, 0], [2, 8, 16, 16, false, false, 0], [1, 7, 33, 3, false, false, 0],
      [1, 12, 40, 21, false, false, 5], [2, 3, 6, 13, false, false, 3], [1, 64, 70, 24, false, false, 0],
      // k in tiles of 256 (partial sums through c): one tile exactly, one step over, several, shared operands
      [1, 5, 256, 9, false, false, 0], [1, 6, 257, 3, false, false, 2], [1, 13, 600, 21, false, false, 0],
      [2, 8, 513, 17, false, true, 1], [3, 4, 300, 8, true, false, 0],
      [1, 1, 600, 24, false, false, 3], [2, 3, 300, 17, false, true, 0], [1, 2, 5, 8, false, false, 1],
    ];
    for (let n = 0; n < 6; n++) cases.push([1 + rng.int(3), 1 + rng.int(20), 1 + rng.int(20), 1 + rng.int(20), false, false, rng.int(3)]);
    for (const [batch, M, K, N, aShared, bShared, pad] of cases) {
      const L = M + pad; // floats per stored a row
      const aEntry = K * L;
      const av = randomValues(rng, (aShared ? 1 : batch) * aEntry);
      const bv = randomValues(rng, (bShared ? 1 : batch) * K * N);
      const a = heapBuffer(backend, av);
      const b = heapBuffer(backend, bv);
      const c = heapBuffer(backend, new Float32Array(batch * M * N).fill(-7));
      simd.matMulTA(a.offset, b.offset, c.offset, batch, M, K, N, aShared ? 0 : 4 * aEntry, bShared ? 0 : 4 * K * N, 4 * L, simd.scratch);
      const expected = new Float32Array(batch * M * N);
      for (let e = 0; e < batch; e++) {
        const ao = aShared ? 0 : e * aEntry;
        const bo = bShared ? 0 : e * K * N;
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++) {
            let s = 0;
            for (let k = 0; k < K; k++) s = Math.fround(s + Math.fround((av[ao + k * L + i] as number) * (bv[bo + k * N + j] as number)));
            expected[e * M * N + i * N + j] = s;
          }
      }
      const label = JSON.stringify([batch, M, K, N, aShared, bShared, pad]);
      expect(Array.from(heapValues(backend, c.t)), label).toEqual(Array.from(expected));
      if (pad === 0) {
        // The old path: transpose a, then the plain product.
        const at = heapBuffer(backend, new Float32Array(av.length));
        const c2 = heapBuffer(backend, new Float32Array(batch * M * N).fill(-7));
        simd.transpose(a.offset, at.offset, aShared ? 1 : batch, K, M);
        simd.matMul(at.offset, b.offset, c2.offset, batch, M, K, N, aShared ? 0 : 4 * M * K, bShared ? 0 : 4 * K * N, simd.scratch);
        expect(Array.from(heapValues(backend, c2.t)), label).toEqual(Array.from(heapValues(backend, c.t)));
        tf.dispose([at.t, c2.t]);
      }
      tf.dispose([a.t, b.t, c.t]);
    }
  }, 60_000);
});
