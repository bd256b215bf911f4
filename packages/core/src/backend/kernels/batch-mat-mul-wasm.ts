/**
 * A faster `BatchMatMul` for the wasm backend. tfjs-backend-wasm 4.22 serves a product with XNNPACK
 * only when it is a single plain (untransposed) matrix product; everything else runs on a slow
 * scalar loop (measured ~25 ms for [64, 128] × [3136, 128]ᵀ against ~1.5 ms with the operand already
 * transposed, and ~1.5 GFLOP/s on attention's [64, 64, 32] × [64, 32, 64] batches). This kernel
 * runs every float32 product it takes on the packed SIMD product of simd-matrix.ts (faster than
 * XNNPACK here, see `batchMatMulWasmPaths`), every batch entry in one call:
 * - a transposed `a` with at most `simdTransAMaxM` columns is read in place by `matMulTA` (no copy);
 * - any other transposed operand is written out once (last two axes swapped) by the WebAssembly SIMD
 *   transpose of simd-matrix.ts, 4×4 blocks at a time (a JavaScript tile loop where the module
 *   cannot be made; tfjs's wasm `Transpose` is several times slower on power-of-two matrices);
 * - in Node, products of at least `threadMinMacs` multiply-adds run split over two threads
 *   (matmul-threads.ts; bit-identical to one thread).
 * Without the SIMD module (or with `simdProducts` off): when `b` is one matrix shared by the whole
 * batch (a dense layer on `[..., in]` inputs), `a`'s batch is folded into its rows, one
 * `[batch·M, K] × [K, N]` XNNPACK product; otherwise each batch entry is copied (a contiguous heap
 * copy) into its own matrices and multiplied on its own by XNNPACK. Broadcasting batches other
 * than "equal" or "one side single" are left to tfjs's kernel.
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
 * XNNPACK products only). The module packs `b` one 8-column panel of a k tile at a time and runs
 * every 4-row block of `a` over it, and streams `b` once for entries of fewer than 4 rows, so
 * neither K nor the size of `b` limits it. Entries of 1–3 rows measured (the `tf.matMul` call, ms,
 * best of 35; XNNPACK → SIMD module): with the same `b` every call (XNNPACK's packed operator cached)
 * [1, 2048]·[2048, 512] 0.115 → 0.130, [2, 512]·[512, 2048] 0.336 → 0.248, [3, 128]·[128, 5000]
 * 0.198 → 0.226; with a new `b` every call, which XNNPACK packs again (a gradient's `ones·dy` column
 * sum), 4.89 → 0.157 and 1.85 → 0.178. tfjs's own transposed-`b` path is a scalar loop
 * ([1, 128]·[5000, 128]ᵀ 1.8 ms; here 0.19).
 * `plainSimd`: plain single products (no transpose, no batch; tfjs's XNNPACK kernel otherwise)
 * take the SIMD module too. Measured one thread (CPU µs, this machine, best of 7; simd-matrix.ts's
 * GEMM): [64, 128]·[128, 512] 180 (46.7 GFLOP/s), [2048, 64]·[64, 512] 2,790 (48.1), [2048, 512]·[512, 64]
 * 2,805 (47.8), [128, 2048]ᵀ·[2048, 512] in place 5,620 (47.8); XNNPACK in the LSTM step:
 * [2048, 64]·[64, 512] 3,700–4,100 (33–36 GFLOP/s), [2048, 128]ᵀ·[2048, 512] 10,500 (25.6) with its transpose.
 */
export const batchMatMulWasmPaths = {
  simd: true,
  /** false: products on XNNPACK (folded or per entry), only the transposes on the SIMD module (tests). */
  simdProducts: true,
  plainSimd: true,
  /**
   * Plain single products below this many multiply-adds stay on XNNPACK even with `plainSimd` (the
   * gain there is at most a few µs a call, and they keep XNNPACK's bits). A GPT's one-token decode,
   * where most products are small, measured the same either way: 64 tokens in medians of 67–70 ms
   * with this threshold at 1 M, at 0, and with `plainSimd` off (in-process A/B, 32 calls each).
   */
  plainSimdMinMacs: 1 << 20,
  /**
   * Products of at least `threadMinMacs` multiply-adds (batch·M·N·K), with K ≤ `threadMaxK` and
   * one `b` entry of at most `threadMaxBBytes` (the worker gets a copy of it), run on the SIMD module
   * split over two threads (matmul-threads.ts), plain single products included. On by default where
   * the worker can run (Node; `ML_WASM_MATMUL_THREADS=0` turns it off); the choice does not depend
   * on whether the worker has started yet, so a given product always gets the same bits.
   */
  threads: matMulThreadsSupported(),
  /**
   * Products on the SIMD module read a transposed `a` (transposeA: weight gradients xᵀ·dy,
   * attention's weightsᵀ·dout) in place (simd-matrix.ts's `matMulTA`) instead of writing the
   * transpose first (same bits) when M ≤ `simdTransAMaxM`: a k tile of `a` (256·M floats) is read
   * once per 8 output columns and stays in L2 up to there. Measured one thread (CPU µs, best of 7,
   * transpose not counted → in place): [512, 1024]ᵀ·[1024, 128] 2,830 → 2,900, [256, 2048]ᵀ·[2048, 512]
   * 11,400 → 10,900, [128, 1024]ᵀ·[1024, 384] 2,100 → 2,020; but [1024, 1024]ᵀ·[1024, 64] 2,760 → 5,250 and
   * [2048, 64]ᵀ·[64, 512] 2,790 → 5,290.
   */
  simdTransA: true,
  simdTransAMaxM: 512,
  threadMinMacs: 12_000_000,
  threadMaxK: 1 << 16,
  threadMaxBBytes: 8 * 1024 * 1024,
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
    const simdFits = paths.simd && paths.simdProducts && K > 0;
    const threaded = paths.threads && simdFits && Math.max(batchA, batchB) * M * N * K >= paths.threadMinMacs && K <= paths.threadMaxK && 4 * K * N <= paths.threadMaxBBytes;
    const simd = simdFits ? simdMatrix(backend) : null;
    const heap = threaded ? backendMemory(backend) : undefined;
    const plainHere = paths.plainSimd && M * N * K >= paths.plainSimdMinMacs;
    if (!batched && !transposeA && !transposeB && (simd === null || !(plainHere || threaded))) {
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
      const aInPlace = transposeA && simd !== null && paths.simdTransA && M <= paths.simdTransAMaxM;
      const a2 = keep(transposeA && !aInPlace ? transposeLastTwo(a, backend) : view(a, a.shape.slice(), backend));
      const b2 = keep(transposeB ? transposeLastTwo(b, backend) : view(b, b.shape.slice(), backend));
      if (simd !== null) {
        // Every entry in one call to the SIMD module (a shared side has stride 0).
        const batch = Math.max(batchA, batchB);
        const out = backend.makeOutput(outShape, 'float32');
        if (batch * M * N > 0) {
          const args = [heapOffset(a2, backend), heapOffset(b2, backend), heapOffset(out, backend), batch, M, K, N, batchA === 1 ? 0 : 4 * M * K, batchB === 1 ? 0 : 4 * K * N] as const;
          if (heap !== undefined) matMulTwoThreads(simd, heap, ...args, aInPlace ? 4 * M : undefined);
          else if (aInPlace) simd.matMulTA(...args, 4 * M, simd.scratch);
          else simd.matMul(...args, simd.scratch);
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
