/**
 * Matrix transposes and batched float32 products inside the wasm backend's heap, in a
 * hand-assembled WebAssembly SIMD module that imports the backend's own memory (as heap-copy.ts
 * does). BatchMatMul (batch-mat-mul-wasm.ts) uses it for:
 * - `transpose(src, dst, batch, R, C)`: [batch, R, C] → [batch, C, R], 4×4 blocks loaded as four
 *   v128 rows and transposed with eight `i8x16.shuffle`s, in tiles of 16 rows; edges scalar;
 * - `matMul(a, b, c, batch, M, K, N, aStride, bStride, pack)`: c[e] = a[e]·b[e] for plain
 *   (untransposed) row-major [M, K]·[K, N] entries. For each k tile of at most 256 steps, each
 *   8-column panel of `b` is packed (kt rows of 32 bytes, zero beyond N) into the scratch at `pack`
 *   and stays in L1 while every 4-row block of `a` runs over it in eight f32x4 accumulators: per k,
 *   two v128 loads of the panel, four `v128.load32_splat`s of `a`, eight multiplies and eight adds
 *   (the loop measured ~47–50 GFLOP/s here, against ~30–40 for the previous unpacked 4×8 loop that
 *   re-read all of `b` for every 4 rows, ~25 for a transposed `a`, and ~33–36 for tfjs's XNNPACK).
 *   Partial sums go through `c` between k tiles (exact float32 stores and loads); a last panel
 *   narrower than 8 columns computes into a staging tile; entries of fewer than 4 rows stream `b`
 *   once instead (c's rows start at zero, then a[i, k]·b[k, :] is added for k in order). Each
 *   output element is the sum over k in increasing order, one multiply and one add per step (no
 *   fused multiply-add), so it equals a naive float32 loop bit for bit. `aStride`/`bStride` are
 *   byte steps between entries (0: shared).
 * - `matMulTA(…, lda, pack)`: the same product with `a` stored transposed ([K, M] per entry, `lda`
 *   bytes between its rows), read in place (no transposed copy): the 4-row block splats
 *   a[k, i..i+3] with four `v128.load32_splat`s at immediate offsets; same sums, so the same bits
 *   as `transpose` then `matMul`.
 * Where the module cannot be made (no `memory` export, no SIMD), `simdMatrix` returns null and the
 * caller keeps its JavaScript path.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, get, perMemory, section, set, sleb, tee, uleb, vec } from './wasm-binary.js';

/** The module's exports; all pointers are byte offsets in the backend's heap. */
export interface SimdMatrix {
  /** Byte offset of SIMD_MATMUL_SCRATCH_BYTES of scratch in the heap, kept for this module's products (`pack`). */
  scratch: number;
  transpose(src: number, dst: number, batch: number, rows: number, cols: number): void;
  /**
   * `pack`: byte offset of SIMD_MATMUL_SCRATCH_BYTES of scratch (16-byte aligned) that no operand
   * overlaps. `ldb`, `ldc`: bytes between the rows of `b` and `c` (omitted or 0: 4·n), so that a
   * block of columns of a wider product can be computed in place.
   */
  matMul(a: number, b: number, c: number, batch: number, m: number, k: number, n: number, aStride: number, bStride: number, pack: number, ldb?: number, ldc?: number): void;
  /**
   * `matMul` with each `a` entry stored transposed ([K, M], `lda` bytes from one of its rows to the
   * next; 4·M for a whole matrix): c[e] = a[e]ᵀ·b[e], read in place, same bits as transposing first.
   */
  matMulTA(a: number, b: number, c: number, batch: number, m: number, k: number, n: number, aStride: number, bStride: number, lda: number, pack: number, ldb?: number, ldc?: number): void;
  /** `b` [k, n] → ⌈n/8⌉ panels of k rows of 8 floats (zero beyond n) at `dst` (`packedBytes(k, n)` bytes), for `matMulPacked`. */
  packAll(b: number, k: number, n: number, dst: number): void;
  /**
   * `matMul` with every `b` entry already packed by `packAll` (`bStride`: bytes between packed
   * entries): for a `b` used by many products (an RNN's recurrent weight, once per step). Same bits.
   */
  matMulPacked(a: number, bPacked: number, c: number, batch: number, m: number, k: number, n: number, aStride: number, bStride: number, pack: number, ldb?: number, ldc?: number): void;
}

// ---- a tiny assembler -------------------------------------------------------------------------

const i32 = (v: number): number[] => [0x41, ...sleb(v)];
const ADD = 0x6a;
const MUL = 0x6c;
const NE = 0x47;
const GT_U = 0x4b;
const GE_U = 0x4f;
const f32Load = (offset = 0): number[] => [0x2a, 0x02, ...uleb(offset)];
const f32Store = (offset = 0): number[] => [0x38, 0x02, ...uleb(offset)];
const F32_ADD = 0x92;
const F32_MUL = 0x94;
const f32Zero = [0x43, 0, 0, 0, 0];
const v128Load = (offset = 0): number[] => [0xfd, 0x00, 0x00, ...uleb(offset)];
const v128Store = (offset = 0): number[] => [0xfd, 0x0b, 0x00, ...uleb(offset)];
const v128Zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const F32X4_SPLAT = [0xfd, 0x13];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
/** i8x16.shuffle picking 32-bit lanes (0–3: first operand, 4–7: second). */
const shuffle32 = (lanes: number[]): number[] => [0xfd, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])];
/** `local += value` (value: code leaving one i32). */
const addTo = (local: number, value: number[]): number[] => [...get(local), ...value, ADD, ...set(local)];
/** `while (!(exitCond)) { body }` with exitCond evaluated first. */
const whileNot = (exitCond: number[], body: number[]): number[] => [0x02, 0x40, 0x03, 0x40, ...exitCond, 0x0d, 0x01, ...body, 0x0c, 0x00, 0x0b, 0x0b];
/** `do { body } while (cond)`. */
const doWhile = (body: number[], cond: number[]): number[] => [0x03, 0x40, ...body, ...cond, 0x0d, 0x00, 0x0b];

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

// ---- transpose(src 0, dst 1, batch 2, R 3, C 4) ------------------------------------------------

function transposeBody(): number[] {
  const [src, dst, batch, R, C] = [0, 1, 2, 3, 4];
  const [i, j, ps, pd, , C4, R4, e, r0, r1, r2, r3, t0, t1, t2, t3] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
  const locals = [
    [...uleb(8), I32], // 5..12
    [...uleb(8), V128], // 13..20: four loaded rows, four half-transposed pairs
  ];
  /** Rows `first`..`first + 3` of the tile: src at ps + row·C4, dst at pd + 4·row (+ R4 per column). */
  const rowOffset = (row: number): number[] => (row === 0 ? [] : row === 1 ? [...get(C4), ADD] : [...get(C4), ...i32(row), MUL, ADD]);
  const simdBlock = (first: number): number[] => [
    ...get(ps), ...rowOffset(first), ...v128Load(), ...set(r0),
    ...get(ps), ...rowOffset(first + 1), ...v128Load(), ...set(r1),
    ...get(ps), ...rowOffset(first + 2), ...v128Load(), ...set(r2),
    ...get(ps), ...rowOffset(first + 3), ...v128Load(), ...set(r3),
    ...get(r0), ...get(r1), ...shuffle32([0, 4, 1, 5]), ...set(t0),
    ...get(r0), ...get(r1), ...shuffle32([2, 6, 3, 7]), ...set(t1),
    ...get(r2), ...get(r3), ...shuffle32([0, 4, 1, 5]), ...set(t2),
    ...get(r2), ...get(r3), ...shuffle32([2, 6, 3, 7]), ...set(t3),
    ...get(pd), ...get(t0), ...get(t2), ...shuffle32([0, 1, 4, 5]), ...v128Store(4 * first),
    ...get(pd), ...get(R4), ADD, ...get(t0), ...get(t2), ...shuffle32([2, 3, 6, 7]), ...v128Store(4 * first),
    ...get(pd), ...get(R4), ...get(R4), ADD, ADD, ...get(t1), ...get(t3), ...shuffle32([0, 1, 4, 5]), ...v128Store(4 * first),
    ...get(pd), ...get(R4), ...i32(3), MUL, ADD, ...get(t1), ...get(t3), ...shuffle32([2, 3, 6, 7]), ...v128Store(4 * first),
  ];
  // One scalar element: *(pd + dOff) = *(ps + sOff).
  const cell = (dOff: number[], sOff: number[]): number[] => [...get(pd), ...dOff, ...get(ps), ...sOff, ...f32Load(), ...f32Store()];
  /**
   * Tiles of `T` rows (T = 16: each destination row gets one whole 64-byte line per column, so a
   * power-of-two destination stride does not thrash the cache; then T = 4 for the rest).
   */
  const rowTiles = (T: number): number[] => {
    const blocks: number[] = [];
    const cells: number[] = [];
    for (let q = 0; q < T; q += 4) blocks.push(...simdBlock(q));
    for (let r = 0; r < T; r++) cells.push(...cell(r === 0 ? [] : [...i32(4 * r), ADD], rowOffset(r)));
    return whileNot([...get(i), ...i32(T), ADD, ...get(R), GT_U], [
      ...get(src), ...get(i), ...get(C4), MUL, ADD, ...set(ps),
      ...get(dst), ...get(i), ...i32(2), 0x74, ADD, ...set(pd),
      ...i32(0), ...set(j),
      ...whileNot([...get(j), ...i32(4), ADD, ...get(C), GT_U], [
        ...blocks,
        ...addTo(ps, i32(16)),
        ...addTo(pd, [...get(R4), ...i32(2), 0x74]),
        ...addTo(j, i32(4)),
      ]),
      // remaining columns of these rows
      ...whileNot([...get(j), ...get(C), GE_U], [...cells, ...addTo(ps, i32(4)), ...addTo(pd, get(R4)), ...addTo(j, i32(1))]),
      ...addTo(i, i32(T)),
    ]);
  };
  const body = [
    ...get(C), ...i32(2), 0x74, ...set(C4),
    ...get(R), ...i32(2), 0x74, ...set(R4),
    ...i32(0), ...set(e),
    ...whileNot([...get(e), ...get(batch), GE_U], [
      ...i32(0), ...set(i),
      ...rowTiles(16),
      ...rowTiles(4),
      // remaining rows
      ...whileNot([...get(i), ...get(R), GE_U], [
        ...get(src), ...get(i), ...get(C4), MUL, ADD, ...set(ps),
        ...get(dst), ...get(i), ...i32(2), 0x74, ADD, ...set(pd),
        ...i32(0), ...set(j),
        ...whileNot([...get(j), ...get(C), GE_U], [
          ...cell([], []),
          ...addTo(ps, i32(4)),
          ...addTo(pd, get(R4)),
          ...addTo(j, i32(1)),
        ]),
        ...addTo(i, i32(1)),
      ]),
      ...addTo(src, [...get(R4), ...get(C), MUL]),
      ...addTo(dst, [...get(R4), ...get(C), MUL]),
      ...addTo(e, i32(1)),
    ]),
    0x0b,
  ];
  return [...vec(locals), ...body];
}

/**
 * k steps per tile of the products: `b`'s 8-column panel of one tile (KC·32 bytes) is packed into
 * the scratch and stays in L1 while every row block of the tile runs over it. Partial sums go
 * through `c` between tiles (float32 stores and loads are exact), so every element is still the one
 * sum over k in increasing order.
 */
export const MATMUL_K_TILE = 256;

/** Bytes of `packAll`'s output for a [k, n] `b`. */
export const packedBytes = (k: number, n: number): number => Math.ceil(n / 8) * k * 32;

/** Bytes of scratch a product needs (`pack` argument): one packed panel and a 4 × 8 staging tile. */
export const SIMD_MATMUL_SCRATCH_BYTES = MATMUL_K_TILE * 32 + 128;

const LOAD32_SPLAT = (offset = 0): number[] => [0xfd, 0x09, 0x02, ...uleb(offset)];
const SHL = 0x74;
const LT_U = 0x49;
const EQZ = 0x45;
const SUB = 0x6b;
const call = (f: number): number[] => [0x10, ...uleb(f)];

// ---- mk(pA 0, pB 1, pC 2, kt 3, rowStep 4, kStep 5, cStride 6, first 7, bStride 8): the micro-kernel

/** The locals the micro-kernel works on (function parameters, or the products' own locals when inline). */
interface MicroKernelLocals {
  /** i32: a's element (0, k) (advanced by kStep per k: clobbered), the packed panel (clobbered), c's row 0. */
  pA: number; pB: number; pC: number;
  kt: number; rowStep: number; kStep: number; cStride: number; first: number;
  /** i32: bytes between the panel's rows (32 packed; 4·N reading `b` in place). */
  bStride: number;
  /** i32 scratch: the panel's end, a's row offsets 1..3, c's row offsets 1..3. */
  pBEnd: number; ar: number[]; cr: number[];
  /** v128 scratch: 2R accumulators, two panel vectors, one broadcast. */
  acc: number[]; b0: number; b1: number; xv: number;
}

/**
 * C[R rows, 8 columns] (+)= A[R rows, kt]·P where P is a packed panel (kt rows of 8 floats, 32 bytes
 * each, at pB). A's element (r, k) is at pA + r·rowStep + k·kStep (`transA`: rowStep is 4, taken as
 * immediate offsets); C's rows are cStride bytes apart. `first`: start from zero, else from C.
 * Per k: two v128 loads of P, R `v128.load32_splat`s of A, 2R multiplies and 2R adds.
 * The code on the given locals (emitted inline in the products' 4-row loops).
 */
function microKernel(R: number, transA: boolean, l: MicroKernelLocals): number[] {
  const { pA, pB, pC, kt, rowStep, kStep, cStride, first, bStride, pBEnd, ar, cr, acc, b0, b1, xv } = l;
  const rowOf = (offs: number[], r: number): number[] => (r === 0 ? [] : [...get(offs[r] as number), ADD]);
  const code: number[] = [...get(pB), ...get(kt), ...get(bStride), MUL, ADD, ...set(pBEnd)];
  for (let r = 1; r < R; r++) {
    code.push(...get(cStride), ...i32(r), MUL, ...set(cr[r] as number));
    if (!transA) code.push(...get(rowStep), ...i32(r), MUL, ...set(ar[r] as number));
  }
  const init = (load: boolean): number[] => {
    const out: number[] = [];
    for (let r = 0; r < R; r++) for (let v = 0; v < 2; v++) out.push(...(load ? [...get(pC), ...rowOf(cr, r), ...v128Load(16 * v)] : v128Zero), ...set(acc[2 * r + v] as number));
    return out;
  };
  code.push(...get(first), 0x04, 0x40, ...init(false), 0x05, ...init(true), 0x0b);
  const step: number[] = [...get(pB), ...v128Load(), ...set(b0), ...get(pB), ...v128Load(16), ...set(b1)];
  for (let r = 0; r < R; r++) {
    step.push(...get(pA), ...(transA ? LOAD32_SPLAT(4 * r) : [...rowOf(ar, r), ...LOAD32_SPLAT()]), ...set(xv));
    for (let v = 0; v < 2; v++) {
      const t = acc[2 * r + v] as number;
      step.push(...get(t), ...get(xv), ...get(v === 0 ? b0 : b1), ...F32X4_MUL, ...F32X4_ADD, ...set(t));
    }
  }
  step.push(...addTo(pA, get(kStep)), ...addTo(pB, get(bStride)));
  code.push(...doWhile(step, [...get(pB), ...get(pBEnd), NE]));
  for (let r = 0; r < R; r++) for (let v = 0; v < 2; v++) code.push(...get(pC), ...rowOf(cr, r), ...get(acc[2 * r + v] as number), ...v128Store(16 * v));
  return code;
}

/** The micro-kernel as a function (the rarer paths: single rows, narrow last panels). */
function microKernelBody(R: number, transA: boolean): number[] {
  const locals = [[...uleb(7), I32], [...uleb(2 * R + 3), V128]];
  const l: MicroKernelLocals = {
    pA: 0, pB: 1, pC: 2, kt: 3, rowStep: 4, kStep: 5, cStride: 6, first: 7, bStride: 8,
    pBEnd: 9, ar: [-1, 10, 11, 12], cr: [-1, 13, 14, 15],
    acc: Array.from({ length: 2 * R }, (_, x) => 16 + x), b0: 16 + 2 * R, b1: 17 + 2 * R, xv: 18 + 2 * R,
  };
  return [...vec(locals), ...microKernel(R, transA, l), 0x0b];
}

// ---- pack(src 0, rowBytes 1, w 2, kt 3, dst 4): one panel of b -------------------------------------

/** kt rows of b's columns j..j+w (w ≤ 8; src at column j) → kt rows of 8 floats, zero beyond w. */
function packBody(): number[] {
  const [src, rowBytes, w, kt, dst] = [0, 1, 2, 3, 4];
  const [end, x] = [5, 6];
  const locals = [[...uleb(2), I32]];
  const full = doWhile([
    ...get(dst), ...get(src), ...v128Load(), ...v128Store(),
    ...get(dst), ...get(src), ...v128Load(16), ...v128Store(16),
    ...addTo(src, get(rowBytes)), ...addTo(dst, i32(32)),
  ], [...get(dst), ...get(end), NE]);
  const partial = doWhile([
    ...i32(0), ...set(x),
    ...doWhile([
      ...get(dst), ...get(x), ...i32(2), SHL, ADD,
      ...get(x), ...get(w), LT_U, 0x04, F32, ...get(src), ...get(x), ...i32(2), SHL, ADD, ...f32Load(), 0x05, ...f32Zero, 0x0b,
      ...f32Store(),
      ...addTo(x, i32(1)),
    ], [...get(x), ...i32(8), NE]),
    ...addTo(src, get(rowBytes)), ...addTo(dst, i32(32)),
  ], [...get(dst), ...get(end), NE]);
  const code = [
    ...get(dst), ...get(kt), ...i32(5), SHL, ADD, ...set(end),
    ...get(w), ...i32(8), 0x46, 0x04, 0x40, ...full, 0x05, ...partial, 0x0b,
    0x0b,
  ];
  return [...vec(locals), ...code];
}

// ---- copy(src 0, srcStride 1, dst 2, dstStride 3, rows 4, w 5): a rows × w float block -------------

function copyBody(): number[] {
  const [src, srcStride, dst, dstStride, rows, w] = [0, 1, 2, 3, 4, 5];
  const [r, x] = [6, 7];
  const locals = [[...uleb(2), I32]];
  const code = [
    ...i32(0), ...set(r),
    ...doWhile([
      ...i32(0), ...set(x),
      ...doWhile([
        ...get(dst), ...get(x), ...i32(2), SHL, ADD, ...get(src), ...get(x), ...i32(2), SHL, ADD, ...f32Load(), ...f32Store(),
        ...addTo(x, i32(1)),
      ], [...get(x), ...get(w), NE]),
      ...addTo(src, get(srcStride)), ...addTo(dst, get(dstStride)), ...addTo(r, i32(1)),
    ], [...get(r), ...get(rows), NE]),
    0x0b,
  ];
  return [...vec(locals), ...code];
}

// ---- small(a 0, b 1, c 2, K 3, N 4, rowStep 5, kStep 6, ldb 7, ldc 8): R = 1, 2 or 3 rows -----------

/**
 * One entry of R < 4 rows, without packing: the rows of c start at zero and get a[i, k]·b[k, :]
 * added for k in increasing order while b's rows stream by once (8, then 4 columns per step, then
 * scalar ones): the same sums as the blocked path.
 */
/** Columns per block of the small-row path (a multiple of 8: 4 KiB of each c row). */
const SMALL_COLUMNS = 1024;

function smallRowsBody(R: number): number[] {
  const [a, b, c, K, N, rowStep, kStep, ldb, ldc] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [k, j, pa, pb, N4, q, bj, j0, j1] = [9, 10, 11, 12, 13, 14, 15, 16, 17];
  const xv = [18, 19, 20].slice(0, R);
  const bv = 18 + R;
  const xs = [19 + R, 20 + R, 21 + R].slice(0, R);
  const locals = [[...uleb(9), I32], [...uleb(R + 1), V128], [...uleb(R), F32]];
  /** Address of c's row r at column j: q (= c + 4j) + r·4N. */
  const cAt = (r: number): number[] => (r === 0 ? get(q) : [...get(q), ...get(ldc), ...i32(r), MUL, ADD]);
  const columnAddresses = [...get(c), ...get(j), ...i32(2), SHL, ADD, ...set(q), ...get(pb), ...get(j), ...i32(2), SHL, ADD, ...set(bj)];
  const vecStep = (off: number): number[] => {
    const out = [...get(bj), ...v128Load(off), ...set(bv)];
    for (let r = 0; r < R; r++) out.push(...cAt(r), ...cAt(r), ...v128Load(off), ...get(xv[r] as number), ...get(bv), ...F32X4_MUL, ...F32X4_ADD, ...v128Store(off));
    return out;
  };
  const scalarStep: number[] = [];
  for (let r = 0; r < R; r++) scalarStep.push(...cAt(r), ...cAt(r), ...f32Load(), ...get(xs[r] as number), ...get(bj), ...f32Load(), F32_MUL, F32_ADD, ...f32Store());
  const code: number[] = [
    ...get(N), ...i32(2), SHL, ...set(N4),
    ...Array.from({ length: R }, (_, r) => [...get(c), ...(r === 0 ? [] : [...get(ldc), ...i32(r), MUL, ADD]), ...i32(0), ...get(N4), 0xfc, 0x0b, 0x00]).flat(), // memory.fill(row, 0, 4N)
    // Column blocks of SMALL_COLUMNS, so that c's R row pieces stay in L1 over the k loop.
    ...i32(0), ...set(j0),
    ...whileNot([...get(j0), ...get(N), GE_U], [
      ...i32(SMALL_COLUMNS), ...get(N), ...get(j0), SUB, ...tee(j1), ...get(j1), ...i32(SMALL_COLUMNS), 0x4b, 0x1b, ...get(j0), ADD, ...set(j1),
      ...get(a), ...set(pa), ...get(b), ...set(pb),
      ...i32(0), ...set(k),
      ...whileNot([...get(k), ...get(K), GE_U], [
        ...Array.from({ length: R }, (_, r) => [...get(pa), ...(r === 0 ? [] : [...get(rowStep), ...i32(r), MUL, ADD]), ...f32Load(), ...tee(xs[r] as number), ...F32X4_SPLAT, ...set(xv[r] as number)]).flat(),
        ...get(j0), ...set(j),
        ...whileNot([...get(j), ...i32(8), ADD, ...get(j1), 0x4b], [...columnAddresses, ...vecStep(0), ...vecStep(16), ...addTo(j, i32(8))]),
        ...whileNot([...get(j), ...i32(4), ADD, ...get(j1), 0x4b], [...columnAddresses, ...vecStep(0), ...addTo(j, i32(4))]),
        ...whileNot([...get(j), ...get(j1), GE_U], [...columnAddresses, ...scalarStep, ...addTo(j, i32(1))]),
        ...addTo(pa, get(kStep)), ...addTo(pb, get(ldb)), ...addTo(k, i32(1)),
      ]),
      ...get(j1), ...set(j0),
    ]),
    0x0b,
  ];
  return [...vec(locals), ...code];
}

// ---- packAll(b 0, K 1, N 2, dst 3): every panel of b, for `matMulPacked` ---------------------------

/** b [K, N] → ⌈N/8⌉ panels of K rows of 8 floats (zero beyond N), panel after panel. */
function packAllBody(): number[] {
  const [b, K, N, dst] = [0, 1, 2, 3];
  const [j, w] = [4, 5];
  const locals = [[...uleb(2), I32]];
  const code = [
    ...i32(0), ...set(j),
    ...whileNot([...get(j), ...get(N), GE_U], [
      ...i32(8), ...get(N), ...get(j), SUB, ...tee(w), ...get(w), ...i32(8), 0x4b, 0x1b, ...set(w),
      ...get(b), ...get(j), ...i32(2), SHL, ADD, ...get(N), ...i32(2), SHL, ...get(w), ...get(K), ...get(dst), ...call(FN.pack),
      ...addTo(dst, [...get(K), ...i32(5), SHL]), ...addTo(j, i32(8)),
    ]),
    0x0b,
  ];
  return [...vec(locals), ...code];
}

/** Function indices of the internal functions (after t, g, h). */
const FN = { mk4: 3, mk4TA: 4, mk1: 5, pack: 6, copy: 7, small1: 8, small2: 9, small3: 10 };

// ---- matMul(a 0, b 1, c 2, batch 3, M 4, K 5, N 6, sa 7, sb 8, pack 9) -----------------------------
// ---- matMulTA(a 0, b 1, c 2, batch 3, M 4, K 5, N 6, sa 7, sb 8, lda 9, pack 10) -------------------

/**
 * The product: for each entry, for each k tile of at most MATMUL_K_TILE steps, for each 8-column
 * panel of b (packed into the scratch once), every 4-row block of a (then single rows) through the
 * micro-kernel. A last panel narrower than 8 columns computes into a staging tile that is copied to
 * c (and from it, after the first k tile). `transA`: a's entries are stored transposed ([K, M],
 * `lda` bytes between rows), read in place.
 */
function matMulBody(transA: boolean, prepacked = false): number[] {
  const [a, b, c, batch, M, K, N, sa, sb] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const lda = 9; // transA only
  const pack = transA ? 10 : 9;
  const [ldb, ldc] = [pack + 1, pack + 2]; // byte strides of b's and c's rows (0: 4·N)
  const base = pack + 3;
  const [N4, rowStep, kStep, stage, e, k0, kt, first, aT, bT, j, w, i, pA, pC, pP, pS] = Array.from({ length: 17 }, (_, x) => base + x) as [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];
  // The inline 4-row kernel's own locals: i32 pA, pB, pBEnd, ar1..3, cr1..3, then v128 ×11.
  const mi = base + 17;
  const ml: MicroKernelLocals = {
    pA: mi, pB: mi + 1, pC, kt, rowStep, kStep, cStride: ldc, first, bStride: pS,
    pBEnd: mi + 2, ar: [-1, mi + 3, mi + 4, mi + 5], cr: [-1, mi + 6, mi + 7, mi + 8],
    acc: Array.from({ length: 8 }, (_, x) => mi + 9 + x), b0: mi + 17, b1: mi + 18, xv: mi + 19,
  };
  const locals = [[...uleb(17 + 9), I32], [...uleb(11), V128]];
  const mk4 = transA ? FN.mk4TA : FN.mk4;
  const kernelArgs = (pc: number[], cStride: number[]): number[] => [...get(pA), ...get(pP), ...pc, ...get(kt), ...get(rowStep), ...get(kStep), ...cStride, ...get(first), ...get(pS)];
  /** Row blocks of R rows while at least R remain, on c directly (full panel) or through the stage. */
  const rows = (R: number, full: boolean): number[] => {
    const fn = R === 4 ? mk4 : FN.mk1;
    const body = full
      ? R === 4
        ? [...get(pA), ...set(ml.pA), ...get(pP), ...set(ml.pB), ...microKernel(4, transA, ml)]
        : [...kernelArgs(get(pC), get(ldc)), ...call(fn)]
      : [
          ...get(first), EQZ, 0x04, 0x40, ...get(pC), ...get(ldc), ...get(stage), ...i32(32), ...i32(R), ...get(w), ...call(FN.copy), 0x0b,
          ...kernelArgs(get(stage), i32(32)), ...call(fn),
          ...get(stage), ...i32(32), ...get(pC), ...get(ldc), ...i32(R), ...get(w), ...call(FN.copy),
        ];
    return whileNot([...get(i), ...i32(R), ADD, ...get(M), 0x4b /* gt_u */], [
      ...body,
      ...addTo(i, i32(R)), ...addTo(pA, [...get(rowStep), ...i32(R), MUL]), ...addTo(pC, [...get(ldc), ...i32(R), MUL]),
    ]);
  };
  const panel = (full: boolean): number[] => [...i32(0), ...set(i), ...get(aT), ...set(pA), ...get(c), ...get(j), ...i32(2), SHL, ADD, ...set(pC), ...rows(4, full), ...rows(1, full)];
  const code = [
    ...get(N), ...i32(2), SHL, ...set(N4),
    ...get(ldb), EQZ, 0x04, 0x40, ...get(N4), ...set(ldb), 0x0b,
    ...get(ldc), EQZ, 0x04, 0x40, ...get(N4), ...set(ldc), 0x0b,
    ...(transA ? [...i32(4), ...set(rowStep), ...get(lda), ...set(kStep)] : [...get(K), ...i32(2), SHL, ...set(rowStep), ...i32(4), ...set(kStep)]),
    ...get(pack), ...i32(MATMUL_K_TILE * 32), ADD, ...set(stage),
    ...i32(0), ...set(e),
    ...whileNot([...get(e), ...get(batch), GE_U], [
      ...get(M), ...i32(prepacked ? 0 : 4), LT_U, 0x04, 0x40, // (prepacked: never)
      ...[1, 2, 3].flatMap((R) => [...get(M), ...i32(R), 0x46, 0x04, 0x40, ...get(a), ...get(b), ...get(c), ...get(K), ...get(N), ...get(rowStep), ...get(kStep), ...get(ldb), ...get(ldc), ...call(R === 1 ? FN.small1 : R === 2 ? FN.small2 : FN.small3), 0x0b]),
      0x05,
      ...i32(0), ...set(k0),
      ...whileNot([...get(k0), ...get(K), GE_U], [
        ...i32(MATMUL_K_TILE), ...get(K), ...get(k0), SUB, ...tee(kt), ...get(kt), ...i32(MATMUL_K_TILE), 0x4b, 0x1b, ...set(kt),
        ...get(k0), EQZ, ...set(first),
        ...get(a), ...get(k0), ...get(kStep), MUL, ADD, ...set(aT),
        ...get(b), ...get(k0), ...get(ldb), MUL, ADD, ...set(bT),
        ...i32(0), ...set(j),
        ...whileNot([...get(j), ...get(N), GE_U], [
          ...i32(8), ...get(N), ...get(j), SUB, ...tee(w), ...get(w), ...i32(8), 0x4b, 0x1b, ...set(w),
          ...(prepacked
            ? [...get(b), ...get(j), ...get(K), MUL, ...i32(2), SHL, ADD, ...get(k0), ...i32(5), SHL, ADD, ...set(pP)] // panel j/8, row k0
            : [...get(bT), ...get(j), ...i32(2), SHL, ADD, ...get(ldb), ...get(w), ...get(kt), ...get(pack), ...call(FN.pack), ...get(pack), ...set(pP)]),
          ...i32(32), ...set(pS),
          ...get(w), ...i32(8), 0x46, 0x04, 0x40, ...panel(true), 0x05, ...panel(false), 0x0b,
          ...addTo(j, i32(8)),
        ]),
        ...addTo(k0, get(kt)),
      ]),
      0x0b,
      ...addTo(a, get(sa)), ...addTo(b, get(sb)), ...addTo(c, [...get(M), ...get(ldc), MUL]),
      ...addTo(e, i32(1)),
    ]),
    0x0b,
  ];
  return [...vec(locals), ...code];
}

/** Page limits of a shared memory import (64 KiB pages). */
export interface SharedMemoryLimits {
  initialPages: number;
  maximumPages: number;
}

/**
 * The module's bytes (wasm 1.0 + SIMD128): imports memory `e.m`, exports `t` (transpose), `g`
 * (matMul) and `h` (matMulTA). With `shared`, the memory import is a shared memory (threads proposal: limits flag 3,
 * minimum and maximum pages), to instantiate on a `WebAssembly.Memory({ shared: true })` that
 * another thread's instance also uses (matmul-threads.ts); the code is the same.
 */
export function simdMatrixModuleBytes(shared?: SharedMemoryLimits): Uint8Array<ArrayBuffer> {
  const bodies = [transposeBody(), matMulBody(false), matMulBody(true), microKernelBody(4, false), microKernelBody(4, true), microKernelBody(1, false), packBody(), copyBody(), smallRowsBody(1), smallRowsBody(2), smallRowsBody(3), packAllBody(), matMulBody(false, true)];
  const fnType = (n: number): number[] => [0x60, n, ...new Array<number>(n).fill(I32), 0x00];
  const limits = shared === undefined ? [0x00, 0x00] : [0x03, ...uleb(shared.initialPages), ...uleb(shared.maximumPages)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // types: 0 (5 i32), 1 (12 i32), 2 (13 i32), 3 (9 i32), 4 (6 i32), 5 (9 i32), 6 (4 i32)
    ...section(1, vec([fnType(5), fnType(12), fnType(13), fnType(9), fnType(6), fnType(9), fnType(4)])),
    ...section(2, [0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, ...limits]), // import memory e.m (min 0, or shared min/max)
    // t, g, h, mk4, mk4TA, mk1, pack, copy, small1, small2, small3, packAll, matMulPacked
    ...section(3, vec([[0x00], [0x01], [0x02], [0x03], [0x03], [0x03], [0x00], [0x04], [0x05], [0x05], [0x05], [0x06], [0x01]])),
    // export "t" = f0, "g" = f1, "h" = f2, "k" = f11 (packAll), "p" = f12 (matMulPacked)
    ...section(7, vec([[0x01, 0x74, 0x00, 0x00], [0x01, 0x67, 0x00, 0x01], [0x01, 0x68, 0x00, 0x02], [0x01, 0x6b, 0x00, 0x0b], [0x01, 0x70, 0x00, 0x0c]])),
    ...section(10, vec(bodies.map((body) => [...uleb(body.length), ...body]))),
  ]);
}

const instances = new WeakMap<WebAssembly.Memory, SimdMatrix | null>();

/** The SIMD module instantiated on `backend`'s memory, or null where it cannot be (JS fallback). */
export function simdMatrix(backend: BackendWasm): SimdMatrix | null {
  const memory = backendMemory(backend);
  if (memory === undefined) return null;
  return perMemory(instances, memory, (m) => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(simdMatrixModuleBytes()), { e: { m } });
    const malloc = (backend.wasm as unknown as { _malloc?: (bytes: number) => number })._malloc;
    if (typeof malloc !== 'function') throw new Error('tfjs-backend-wasm exposes no _malloc');
    // The products' scratch: allocated once per heap and kept (a few KiB), 16-byte aligned.
    const scratch = ((malloc(SIMD_MATMUL_SCRATCH_BYTES + 16) >>> 0) + 15) & ~15;
    return {
      scratch,
      transpose: instance.exports['t'] as SimdMatrix['transpose'],
      matMul: instance.exports['g'] as SimdMatrix['matMul'],
      matMulTA: instance.exports['h'] as SimdMatrix['matMulTA'],
      packAll: instance.exports['k'] as SimdMatrix['packAll'],
      matMulPacked: instance.exports['p'] as SimdMatrix['matMulPacked'],
    };
  });
}
