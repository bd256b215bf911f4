/**
 * Matrix transposes and small batched float32 products inside the wasm backend's heap, in a
 * hand-assembled WebAssembly SIMD module that imports the backend's own memory (as heap-copy.ts
 * does). BatchMatMul (batch-mat-mul-wasm.ts) uses it for:
 * - `transpose(src, dst, batch, R, C)`: [batch, R, C] → [batch, C, R], 4×4 blocks loaded as four
 *   v128 rows and transposed with eight `i8x16.shuffle`s, in tiles of 16 rows; edges scalar;
 * - `matMul(a, b, c, batch, M, K, N, aStride, bStride)`: c[e] = a[e]·b[e] for plain (untransposed)
 *   row-major [M, K]·[K, N] entries, register-blocked 4 rows × 8 columns in f32x4 accumulators
 *   (then 4 × 4, then scalar columns; remaining rows one at a time). Each output element is the
 *   sum over k in increasing order (one multiply, one add per step: no fused multiply-add), so it
 *   equals a naive float32 loop. `aStride`/`bStride` are byte steps between entries (0: shared).
 * - `matMulTA(…, lda)`: the same product with `a` stored transposed ([K, M] per entry, `lda` bytes
 *   between its rows), read in place (no transposed copy): the 4-row block loads a[k, i..i+3] as one
 *   v128 and broadcasts each lane with a shuffle; same summation, so the same bits as
 *   `transpose` then `matMul`.
 * Where the module cannot be made (no `memory` export, no SIMD), `simdMatrix` returns null and the
 * caller keeps its JavaScript path.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, get, perMemory, section, set, sleb, tee, uleb, vec } from './wasm-binary.js';

/** The module's exports; all pointers are byte offsets in the backend's heap. */
export interface SimdMatrix {
  transpose(src: number, dst: number, batch: number, rows: number, cols: number): void;
  matMul(a: number, b: number, c: number, batch: number, m: number, k: number, n: number, aStride: number, bStride: number): void;
  /**
   * `matMul` with each `a` entry stored transposed ([K, M], `lda` bytes from one of its rows to the
   * next; 4·M for a whole matrix): c[e] = a[e]ᵀ·b[e], read in place, same bits as transposing first.
   */
  matMulTA(a: number, b: number, c: number, batch: number, m: number, k: number, n: number, aStride: number, bStride: number, lda: number): void;
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
 * k steps per tile of `matMulTA`: the 4-column strip of a transposed `a` it re-reads for every 8
 * output columns (TA_K_TILE lines) then stays in L1. Partial sums go through `c` between tiles
 * (float32 stores and loads are exact), so every element is still the one sum over k in increasing
 * order. Measured (CPU ms, one thread; transpose then matMul → in place → in place in tiles of 256):
 * [512, 1024]ᵀ·[1024, 128] 4.61 → 5.38 → 4.33, [1024, 128]ᵀ·[1024, 512] 5.33 → 5.92 → 4.26,
 * [1024, 128]ᵀ·[1024, 384] 3.07 → 3.32 → 3.09, [1024, 128]ᵀ·[1024, 128] 1.19 → 1.07 → 1.10.
 */
const TA_K_TILE = 256;

// ---- matMul(a 0, b 1, c 2, batch 3, M 4, K 5, N 6, sa 7, sb 8) -----------------------------------
// ---- matMulTA(a 0, b 1, c 2, batch 3, M 4, K 5, N 6, sa 7, sb 8, lda 9) ---------------------------

/**
 * The product's body. `transA`: `a`'s entries are stored transposed ([K, M] with `lda` bytes
 * between its rows, `lda` ≥ 4·M), read in place: the 4-row block loads a[k, i..i+3] as one v128
 * and splats each lane with an `i8x16.shuffle` (a one-instruction lane broadcast), instead of four
 * scalar loads from four rows of a plain `a`. The accumulation (sum over k increasing, multiply then
 * add) is the same, so both forms give the same bits.
 */
function matMulBody(transA = false): number[] {
  const [a, b, c, batch, M, K, N, sa, sb] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const lda = 9; // transA only
  const p = transA ? 1 : 0; // locals shift by one extra parameter
  // K4: K·4 (plain), or K·lda (transA): the span of one output row's (plain) or column block's a reads.
  const [i, j, pA, pAEnd, pB, pC, K4, N4, ai, ci, e] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((x) => x + p) as [number, number, number, number, number, number, number, number, number, number, number];
  const kr = [-1, 20 + p, 21 + p, 22 + p]; // byte offsets of a's rows 1..3 (K4·r; plain only)
  const nr = [-1, 23 + p, 24 + p, 25 + p]; // byte offsets of c's rows 1..3 (N4·r)
  const s = [26, 27, 28, 29].map((x) => x + p); // f32 accumulators
  const acc = [30, 31, 32, 33, 34, 35, 36, 37].map((x) => x + p); // v128 accumulators, [r·2 + v]
  const bv = [38 + p, 39 + p];
  const xv = 40 + p;
  const av = 41 + p; // transA: a[k, i..i+3]
  // transA: k tiles of TA_K_TILE steps (k left, this tile's a and b, first tile?, tile length).
  const [rem, at, bt, first, kt] = [42, 43, 44, 45, 46].map((x) => x + p) as [number, number, number, number, number];
  const locals = [
    [...uleb(17), I32], // 9..25
    [...uleb(4), F32], // 26..29
    [...uleb(transA ? 12 : 11), V128], // 30..40 (41: transA)
    ...(transA ? [[...uleb(5), I32]] : []), // 42..46: transA
  ];
  const rowOff = (offs: number[], r: number): number[] => (r === 0 ? [] : [...get(offs[r] as number), ADD]);
  /** a's element of block row r at step pA (one f32 on the stack). */
  const aLoad = (r: number): number[] => (transA ? [...get(pA), ...f32Load(4 * r)] : [...get(pA), ...rowOff(kr, r), ...f32Load()]);

  /** C[i..i+R, j..j+4V) (V = 1 or 2), or one column (V = 0). */
  const block = (R: number, V: number): number[] => {
    const code: number[] = [];
    const init = (load: boolean): number[] => {
      const out: number[] = [];
      for (let r = 0; r < R; r++) {
        if (V === 0) out.push(...(load ? [...get(pC), ...rowOff(nr, r), ...f32Load()] : f32Zero), ...set(s[r] as number));
        for (let v = 0; v < V; v++) out.push(...(load ? [...get(pC), ...rowOff(nr, r), ...v128Load(16 * v)] : v128Zero), ...set(acc[r * 2 + v] as number));
      }
      return out;
    };
    code.push(...get(ci), ...get(j), ...i32(2), 0x74, ADD, ...set(pC));
    // transA: the first k tile starts from zero, later ones from the partial sums stored in c.
    if (transA) code.push(...get(first), 0x04, 0x40, ...init(false), 0x05, ...init(true), 0x0b);
    else code.push(...init(false));
    code.push(...get(ai), ...set(pA), ...get(ai), ...get(K4), ADD, ...set(pAEnd));
    code.push(...get(transA ? bt : b), ...get(j), ...i32(2), 0x74, ADD, ...set(pB));
    const step: number[] = [];
    if (V === 0) {
      for (let r = 0; r < R; r++) {
        const sr = s[r] as number;
        step.push(...get(sr), ...aLoad(r), ...get(pB), ...f32Load(), F32_MUL, F32_ADD, ...set(sr));
      }
    } else {
      for (let v = 0; v < V; v++) step.push(...get(pB), ...v128Load(16 * v), ...set(bv[v] as number));
      const vectorA = transA && R === 4;
      if (vectorA) step.push(...get(pA), ...v128Load(), ...set(av));
      for (let r = 0; r < R; r++) {
        if (vectorA) step.push(...get(av), ...get(av), ...shuffle32([r, r, r, r]), ...set(xv));
        else step.push(...aLoad(r), ...F32X4_SPLAT, ...set(xv));
        for (let v = 0; v < V; v++) {
          const t = acc[r * 2 + v] as number;
          step.push(...get(t), ...get(xv), ...get(bv[v] as number), ...F32X4_MUL, ...F32X4_ADD, ...set(t));
        }
      }
    }
    step.push(...addTo(pA, transA ? get(lda) : i32(4)), ...addTo(pB, get(N4)));
    code.push(...doWhile(step, [...get(pA), ...get(pAEnd), NE]));
    for (let r = 0; r < R; r++) {
      if (V === 0) code.push(...get(pC), ...rowOff(nr, r), ...get(s[r] as number), ...f32Store());
      for (let v = 0; v < V; v++) code.push(...get(pC), ...rowOff(nr, r), ...get(acc[r * 2 + v] as number), ...v128Store(16 * v));
    }
    return code;
  };
  const columns = (R: number): number[] => [
    ...i32(0), ...set(j),
    ...whileNot([...get(j), ...i32(8), ADD, ...get(N), GT_U], [...block(R, 2), ...addTo(j, i32(8))]),
    ...whileNot([...get(j), ...i32(4), ADD, ...get(N), GT_U], [...block(R, 1), ...addTo(j, i32(4))]),
    ...whileNot([...get(j), ...get(N), GE_U], [...block(R, 0), ...addTo(j, i32(1))]),
  ];
  const rowBlocks = [
    ...i32(0), ...set(i), ...get(transA ? at : a), ...set(ai), ...get(c), ...set(ci),
    ...whileNot([...get(i), ...i32(4), ADD, ...get(M), GT_U], [
      ...columns(4),
      ...addTo(i, i32(4)), ...addTo(ai, transA ? i32(16) : [...get(K4), ...i32(2), 0x74]), ...addTo(ci, [...get(N4), ...i32(2), 0x74]),
    ]),
    ...whileNot([...get(i), ...get(M), GE_U], [
      ...columns(1),
      ...addTo(i, i32(1)), ...addTo(ai, transA ? i32(4) : get(K4)), ...addTo(ci, get(N4)),
    ]),
  ];
  /** transA: the row blocks once per tile of at most TA_K_TILE k steps (K ≥ 1). */
  const kTiles = [
    ...get(K), ...set(rem), ...get(a), ...set(at), ...get(b), ...set(bt), ...i32(1), ...set(first),
    ...doWhile([
      ...i32(TA_K_TILE), ...get(rem), ...get(rem), ...i32(TA_K_TILE), GT_U, 0x1b, ...set(kt),
      ...get(kt), ...get(lda), MUL, ...set(K4),
      ...rowBlocks,
      ...addTo(at, get(K4)), ...addTo(bt, [...get(kt), ...get(N4), MUL]),
      ...get(rem), ...get(kt), 0x6b, ...set(rem), ...i32(0), ...set(first),
    ], [...get(rem)]),
  ];
  const body = [
    ...(transA ? [] : [...get(K), ...i32(2), 0x74, ...set(K4)]),
    ...get(N), ...i32(2), 0x74, ...set(N4),
    ...(transA ? [] : [...get(K4), ...tee(kr[1] as number), ...get(K4), ADD, ...tee(kr[2] as number), ...get(K4), ADD, ...set(kr[3] as number)]),
    ...get(N4), ...tee(nr[1] as number), ...get(N4), ADD, ...tee(nr[2] as number), ...get(N4), ADD, ...set(nr[3] as number),
    ...i32(0), ...set(e),
    ...whileNot([...get(e), ...get(batch), GE_U], [
      ...(transA ? kTiles : rowBlocks),
      ...addTo(a, get(sa)), ...addTo(b, get(sb)), ...addTo(c, [...get(M), ...get(N4), MUL]),
      ...addTo(e, i32(1)),
    ]),
    0x0b,
  ];
  return [...vec(locals), ...body];
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
  const t = transposeBody();
  const g = matMulBody();
  const h = matMulBody(true);
  const fnType = (n: number): number[] => [0x60, n, ...new Array<number>(n).fill(I32), 0x00];
  const limits = shared === undefined ? [0x00, 0x00] : [0x03, ...uleb(shared.initialPages), ...uleb(shared.maximumPages)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fnType(5), fnType(9), fnType(10)])),
    ...section(2, [0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, ...limits]), // import memory e.m (min 0, or shared min/max)
    ...section(3, vec([[0x00], [0x01], [0x02]])),
    ...section(7, vec([[0x01, 0x74, 0x00, 0x00], [0x01, 0x67, 0x00, 0x01], [0x01, 0x68, 0x00, 0x02]])), // export "t" = f0, "g" = f1, "h" = f2
    ...section(10, vec([[...uleb(t.length), ...t], [...uleb(g.length), ...g], [...uleb(h.length), ...h]])),
  ]);
}

const instances = new WeakMap<WebAssembly.Memory, SimdMatrix | null>();

/** The SIMD module instantiated on `backend`'s memory, or null where it cannot be (JS fallback). */
export function simdMatrix(backend: BackendWasm): SimdMatrix | null {
  const memory = backendMemory(backend);
  if (memory === undefined) return null;
  return perMemory(instances, memory, (m) => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(simdMatrixModuleBytes()), { e: { m } });
    return {
      transpose: instance.exports['t'] as SimdMatrix['transpose'],
      matMul: instance.exports['g'] as SimdMatrix['matMul'],
      matMulTA: instance.exports['h'] as SimdMatrix['matMulTA'],
    };
  });
}
