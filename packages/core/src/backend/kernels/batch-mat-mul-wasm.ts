/**
 * A faster `BatchMatMul` for the wasm backend. tfjs-backend-wasm 4.22 serves a product with XNNPACK
 * only when it is a single plain (untransposed) matrix product; everything else runs on a slow
 * scalar loop (measured ~25 ms for [64, 128] × [3136, 128]ᵀ against ~1.5 ms with the operand already
 * transposed, and ~1.5 GFLOP/s on attention's [64, 64, 32] × [64, 32, 64] batches). This kernel
 * turns every float32 product it takes into plain (untransposed) row-major products:
 * - a transposed `a` of a product on the SIMD module with few columns (see `simdTransA`) is read in
 *   place by simd-matrix.ts's `matMulTA` (no copy);
 * - any other transposed operand is written out once (last two axes swapped) by the WebAssembly SIMD
 *   transpose of simd-matrix.ts, 4×4 blocks at a time (a JavaScript tile loop where the module
 *   cannot be made; tfjs's wasm `Transpose` is several times slower on power-of-two matrices);
 * - in Node, products of at least `threadMinMacs` multiply-adds (plain single ones included) run on
 *   the SIMD module split over two threads (matmul-threads.ts; bit-identical to one thread);
 * - products whose `b` entries are small enough to stay in cache (see `batchMatMulWasmPaths`) run,
 *   every batch entry in one call, on the SIMD module's register-blocked product: no per-entry
 *   XNNPACK operator, packing or copies (attention's batched products);
 * - otherwise, when `b` is one matrix shared by the whole batch (a dense layer on `[..., in]`
 *   inputs), `a`'s batch is folded into its rows: one `[batch·M, K] × [K, N]` XNNPACK product;
 * - otherwise each batch entry is copied (a contiguous heap copy) into its own matrices and
 *   multiplied on its own by XNNPACK. Broadcasting batches other than "equal" or "one side single"
 *   are left to tfjs's kernel.
 *
 * @see https://www.tensorflow.org/api_docs/python/tf/raw_ops/BatchMatMulV2
 */
import {
  BatchMatMul,
  broadcast_util,
  type BatchMatMulAttrs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelReplacement } from './kernel-replacement.js';
import { simdMatrix } from './simd-matrix.js';
import { backendMemory } from './wasm-binary.js';
import { matMulThreadsSupported, matMulTwoThreads } from './matmul-threads.js';

/**
 * Which paths the kernel takes (module state, for tests and benchmarks; not package API).
 * `simd`: use the WebAssembly SIMD module of simd-matrix.ts (false: the JavaScript transpose and
 * XNNPACK products only). A product runs on the SIMD module when its inner size K is at most
 * `simdMaxK` and one `b` entry (K·N floats) is at most `simdMaxBBytes`, so that the K × 8 column
 * strip it re-reads for every four rows stays in cache; larger ones keep XNNPACK, which packs `b`.
 * Measured here (CPU time per call, tfjs-wasm XNNPACK path → SIMD module): attention's
 * [64, 64, 32]·[64, 64, 32]ᵀ 1.43 → 0.49 ms, [64, 64, 64]·[64, 64, 32] 1.5 → 0.6 ms;
 * [1024, 128]·[384, 128]ᵀ 3.1 → 2.6–2.8 ms; [64, 512]·[128, 512]ᵀ 0.53 → 0.29 ms; but
 * [1024, 128]ᵀ·[1024, 512] (K = 1024) 4.0 → 5.3 ms, hence the K limit. `plainSimd`: plain
 * single products (no transpose, no batch; tfjs's kernel otherwise) take the SIMD module too under
 * the same limits: measured [64, 128]·[128, 512] 0.80 → 0.27 ms, [64, 512]·[512, 128]
 * 0.46 → 0.24 ms (an LSTM's per-step products), [1024, 128]·[128, 384] 3.2 → 2.8 ms; but the
 * whole GPT and LSTM training steps measured no difference (CPU time, interleaved, within noise),
 * so it is off by default: those products then keep XNNPACK's results bit for bit.
 */
export const batchMatMulWasmPaths = {
  simd: true,
  simdMaxK: 512,
  simdMaxBBytes: 512 * 1024,
  plainSimd: false,
  /**
   * Products of at least `threadMinMacs` multiply-adds (batch·M·N·K), with K ≤ `threadMaxK` and
   * one `b` entry of at most `threadMaxBBytes`, run on the SIMD module split over two threads
   * (matmul-threads.ts), plain single products included. On by default where the worker can run
   * (Node; `ML_WASM_MATMUL_THREADS=0` turns it off); the choice does not depend on whether the
   * worker has started yet, so a given product always gets the same bits. Measured (best of
   * interleaved calls, wall, on the loaded 2-core machine): [1024, 128]·[128, 384] 2.8 → 1.6–1.7 ms,
   * [1024, 512]·[512, 128] 3.6–4.0 → 2.1–2.5 ms, [1024, 128]ᵀ·[1024, 384] (K = 1024) 3.0–3.3 → 2.1–2.3
   * ms (but 0.8× in another run: the load varies), attention's [64, 64, 32]·[64, 64, 32]ᵀ (8.4 M)
   * 0.87–1.0× (hence the threshold above it); b of 2–4 MiB ([2048, 64]ᵀ·[2048, 512], 1024²)
   * 0.64–0.87× (hence `threadMaxBBytes`: the module re-reads all of b for every 4 rows).
   */
  threads: matMulThreadsSupported(),
  /**
   * Products on the SIMD module read a transposed `a` (transposeA: weight gradients xᵀ·dy,
   * attention's weightsᵀ·dout) in place with simd-matrix.ts's `matMulTA` instead of writing the
   * transpose first (same bits), when N ≤ `simdTransAMaxN` and one `a` entry (M·K floats) is at most
   * `simdTransAMaxABytes`; false: always transpose first (the previous path). The in-place form
   * reads 16 bytes per row of `a` (stride 4·M) for every 8 output columns (k in tiles of 256 so
   * that strip stays in L1), so it pays off for few columns. Measured (median CPU time per call,
   * both threads counted, interleaved, load 2.7–3.4 on 2 cores; transpose first → in place):
   * attention's [64, 64, 64]ᵀ·[64, 64, 32] 0.51 → 0.46 ms (two threads), 0.63 → 0.57 ms (one);
   * [1024, 128]ᵀ·[1024, 128] 1.25 → 1.09 ms (two), 1.25 → 1.22 ms (one); [1024, 512]ᵀ·[1024, 128]
   * 4.96 → 4.65 ms (two), 5.07 → 5.01 ms (one); but [1024, 128]ᵀ·[1024, 384] 3.36 → 3.44 ms (two),
   * 3.24 → 3.26 ms (one), hence the N limit (2 MiB: the largest `a` measured).
   */
  simdTransA: true,
  simdTransAMaxN: 128,
  simdTransAMaxABytes: 2 * 1024 * 1024,
  threadMinMacs: 12_000_000,
  threadMaxK: 1 << 16,
  threadMaxBBytes: 1536 * 1024,
};

interface Args {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: BatchMatMulAttrs;
}

const size = (shape: readonly number[]): number => shape.reduce((p, q) => p * q, 1);

/** Tile edge of `transposeLastTwo` (16×16 floats: measured fastest of 4, 8, 16, 32 here). */
const TILE = 16;

/**
 * `t` of shape [..., R, C] → a new heap tensor [..., C, R]: the SIMD module's transpose (measured
 * 0.25 ms for [1024, 128] and 0.10 ms for [128, 1024], against 0.69 and 0.93 ms for the JS loop
 * below), or, without the module, tile by tile with contiguous writes. tfjs's wasm `Transpose` walks a 2-D matrix element by element with a power-of-two output
 * stride and measured 1.3–2.5 ms for [1024, 128] (more than the product it feeds) against ~0.35 ms
 * for this loop; a GPT step transposes ~30 such matrices.
 */
function transposeLastTwo(t: TensorInfo, backend: BackendWasm): TensorInfo {
  const rank = t.shape.length;
  const R = t.shape[rank - 2] as number;
  const C = t.shape[rank - 1] as number;
  const batch = R * C === 0 ? 0 : size(t.shape) / (R * C);
  const out = backend.makeOutput([...t.shape.slice(0, -2), C, R], 'float32');
  if (batch === 0) return out;
  const simd = batchMatMulWasmPaths.simd ? simdMatrix(backend) : null;
  if (simd !== null) {
    simd.transpose(heapOffset(t, backend), heapOffset(out, backend), batch, R, C);
    return out;
  }
  // Views are taken after the allocation (an allocation may grow the heap and detach them).
  const src = backend.typedArrayFromHeap(t) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  for (let b = 0; b < batch; b++) {
    const o = b * R * C;
    for (let i0 = 0; i0 < R; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, R);
      for (let j0 = 0; j0 < C; j0 += TILE) {
        const j1 = Math.min(j0 + TILE, C);
        for (let j = j0; j < j1; j++) {
          const row = o + j * R;
          for (let i = i0; i < i1; i++) dst[row + i] = src[o + i * C + j] as number;
        }
      }
    }
  }
  return out;
}

/** Byte offset of `t`'s data in the backend's heap. */
function heapOffset(t: TensorInfo, backend: BackendWasm): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

/** A view of `t` with shape `shape` (same data, reference counted as tfjs's wasm `Reshape` does). */
function view(t: TensorInfo, shape: number[], backend: BackendWasm): TensorInfo {
  backend.incRef(t.dataId);
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

function sameDims(p: readonly number[], q: readonly number[]): boolean {
  return p.length === q.length && p.every((v, i) => v === q[i]);
}

function wrap(fallback: KernelFunc): KernelFunc {
  const plainProduct = (a: TensorInfo, b: TensorInfo, backend: BackendWasm): TensorInfo =>
    fallback({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;

  const kernel = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) {
      return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
    }
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = size(outerA);
    const batchB = size(outerB);
    const batched = batchA > 1 || batchB > 1;
    const broadcastable = batchA === 1 || batchB === 1 || sameDims(outerA, outerB);
    const rA = a.shape.length;
    const rB = b.shape.length;
    const M = transposeA ? a.shape[rA - 1] : a.shape[rA - 2];
    const K = transposeA ? a.shape[rA - 2] : a.shape[rA - 1];
    const kB = transposeB ? b.shape[rB - 1] : b.shape[rB - 2];
    const N = transposeB ? b.shape[rB - 2] : b.shape[rB - 1];
    if (K !== kB || M === undefined || K === undefined || N === undefined || !broadcastable) {
      return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo; // tfjs's error message
    }
    if (K === 0) {
      // tfjs-backend-wasm 4.22 leaves an empty sum's output uninitialised (measured: stale heap values).
      const out = backend.makeOutput([...broadcast_util.assertAndGetBroadcastShape(outerA, outerB), M, N], 'float32');
      (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
      return out;
    }
    const paths = batchMatMulWasmPaths;
    const threaded =
      paths.threads && paths.simd && K > 0 && Math.max(batchA, batchB) * M * N * K >= paths.threadMinMacs && K <= paths.threadMaxK && 4 * K * N <= paths.threadMaxBBytes;
    const simd = threaded || (paths.simd && K > 0 && K <= paths.simdMaxK && 4 * K * N <= paths.simdMaxBBytes) ? simdMatrix(backend) : null;
    const heap = threaded ? backendMemory(backend) : undefined;
    if (!batched && !transposeA && !transposeB && (simd === null || !(paths.plainSimd || threaded))) {
      return fallback(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo; // XNNPACK, operator cached by b
    }
    const outShape = [...broadcast_util.assertAndGetBroadcastShape(outerA, outerB), M, N];

    const temps: TensorInfo[] = [];
    const keep = (t: TensorInfo): TensorInfo => {
      temps.push(t);
      return t;
    };
    try {
      // Plain operands: a2 [batchA, M, K], b2 [batchB, K, N].
      // With the SIMD module (and `simdTransA`), a transposed `a` is read in place (matMulTA).
      const aInPlace = transposeA && simd !== null && paths.simdTransA && N <= paths.simdTransAMaxN && 4 * M * K <= paths.simdTransAMaxABytes;
      const a2 = keep(transposeA && !aInPlace ? transposeLastTwo(a, backend) : view(a, a.shape.slice(), backend));
      const b2 = keep(transposeB ? transposeLastTwo(b, backend) : view(b, b.shape.slice(), backend));
      if (simd !== null) {
        // Every entry in one call to the SIMD module (a shared side has stride 0).
        const batch = Math.max(batchA, batchB);
        const out = backend.makeOutput(outShape, 'float32');
        if (batch * M * N > 0) {
          const args = [heapOffset(a2, backend), heapOffset(b2, backend), heapOffset(out, backend), batch, M, K, N, batchA === 1 ? 0 : 4 * M * K, batchB === 1 ? 0 : 4 * K * N] as const;
          if (heap !== undefined) matMulTwoThreads(simd, heap, ...args, aInPlace ? 4 * M : undefined);
          else if (aInPlace) simd.matMulTA(...args, 4 * M);
          else simd.matMul(...args);
        }
        return out;
      }
      if (batchB === 1) {
        // One weight matrix for the whole batch: fold a's batch into rows.
        const out = plainProduct(keep(view(a2, [1, batchA * M, K], backend)), keep(view(b2, [1, K, N], backend)), backend);
        out.shape = outShape;
        return out;
      }
      const batch = Math.max(batchA, batchB);
      const out = backend.makeOutput(outShape, 'float32');
      // One `a` matrix buffer for the whole loop (XNNPACK caches its operator by the `b` operand, so
      // `b` needs a fresh tensor per entry; `a` is only read).
      const ai = keep(backend.makeOutput([1, M, K], 'float32'));
      for (let i = 0; i < batch; i++) {
        const bi = backend.makeOutput([1, K, N], 'float32');
        const ia = batchA === 1 ? 0 : i;
        const ib = batchB === 1 ? 0 : i;
        // Views are taken after the allocations (an allocation may grow the heap and detach them).
        if (batchA > 1 || i === 0) (backend.typedArrayFromHeap(ai) as Float32Array).set((backend.typedArrayFromHeap(a2) as Float32Array).subarray(ia * M * K, (ia + 1) * M * K));
        (backend.typedArrayFromHeap(bi) as Float32Array).set((backend.typedArrayFromHeap(b2) as Float32Array).subarray(ib * K * N, (ib + 1) * K * N));
        const oi = plainProduct(ai, bi, backend);
        (backend.typedArrayFromHeap(out) as Float32Array).set(backend.typedArrayFromHeap(oi) as Float32Array, i * M * N);
        backend.disposeData(oi.dataId);
        backend.disposeData(bi.dataId);
      }
      return out;
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
  return kernel as unknown as KernelFunc;
}

/** Replaces tfjs-backend-wasm's `BatchMatMul` for float32 products it would run on its slow path. */
export const batchMatMulWasmReplacement: KernelReplacement = { kernelName: BatchMatMul, wrap };
