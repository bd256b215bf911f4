/**
 * Internal: the RBF column of `SvcQ.fill` (kernel.ts) as a hand-assembled WebAssembly SIMD function
 * over one imported memory `env.mem`:
 *
 *   rbf(start, len, d, stride, XT, SQ, SGN, XIS, OUT, TABLE, sqi, yi, negGamma) → 0 | 1
 *
 * writes OUT[j] = float32(yi · SGN[j] · exp(negGamma · (sqi + SQ[j] − 2⟨x_i, x_j⟩))) for
 * start ≤ j < len, two columns j at a time in the lanes of an f64x2 vector (so one more, j = len, may
 * be written: the buffers hold a padding column). Pointer arguments are byte offsets: XT is the
 * d × (stride / 8) transposed sample matrix, XIS the d features of x_i each splatted to 16 bytes,
 * SQ and SGN f64 per column, OUT float32, TABLE the 2^(k/64) table of `expForFloat32`. Each lane
 * adds x_i,t · x_j,t for t = 0…d−1 in order, without fused multiply-add, and evaluates
 * `expForFloat32` with the same operations in the same order, so every value is bit for bit the
 * JavaScript loop's. It returns 1 (having written an unspecified prefix) when some exponent is above
 * 0.5 or NaN, where `expForFloat32` calls Math.exp: the caller then runs the JavaScript loop.
 *
 * Why: V8's typed-array loops pay a bounds check per access and have no SIMD. On the benchmark fit
 * (5,000 × 16, 4 classes, 12.5 M kernel entries) the column filling took 43% of the CPU profile in
 * JavaScript and 20–28% here; with the in-place cache and the gradient update below, a warm fit's CPU
 * time went from 420–540 ms to 285–420 ms (load average 12–18; README).
 *
 * A second function, `gradient(G, Qi, Qj, len, dI, dJ)`, is the SMO gradient update (below).
 */
import { EXP_CONSTANTS, EXP_TABLE } from './exp-for-float32.js';
import {
  IF,
  END,
  VOID,
  F64_LOAD,
  F64_STORE,
  I32_EQZ,
  I32_GE_U,
  I32_ADD,
  F64_ADD,
  F64_MUL,
  SIMD,
  V128_LOAD,
  F64X2_SPLAT,
  F64X2_EXTRACT_LANE,
  F64X2_ADD,
  F64X2_MUL,
  I32,
  F64,
  V128,
  uleb,
  get,
  set,
  i32,
  f64,
  loop,
  address,
  bump,
  RETURN,
  I32_GE_S,
  I32_TRUNC_SAT_F64_S,
  F32_LOAD,
  F64_PROMOTE_F32,
  V128_STORE64_LANE,
  V128_STORE,
  V128_LOAD64_ZERO,
  F64X2_PROMOTE_LOW_F32X4,
  F64X2_REPLACE_LANE,
  F64X2_LT,
  F64X2_LE,
  V128_ANDNOT,
  F32X4_DEMOTE_F64X2_ZERO,
  I64X2_ALL_TRUE,
  F64X2_SUB,
  F64X2_MAX,
  assembleModule,
  type WasmFunc,
} from '../internal/wasm-assembly.js';

const splat = (c: number): number[] => [...f64(c), ...F64X2_SPLAT];
/** v128.load with an 8-byte alignment hint and a constant offset. */
const loadV = (offset: number): number[] => [...V128_LOAD, 3, ...uleb(offset)];

function rbfFunc(): WasmFunc {
  // Parameters.
  const START = 0, LEN = 1, D = 2, STRIDE = 3, XT = 4, SQ = 5, SGN = 6, XIS = 7, OUT = 8, TABLE = 9;
  const SQI = 10, YI = 11, NEG_GAMMA = 12;
  // Locals: i32 ×4, v128 ×…
  const J = 13, Q = 14, P = 15, F = 16;
  const XS = 17, X = 18, XC = 19, M = 20, R = 21, E = 22, T = 23, V_SQI = 24, V_YI = 25, V_NG = 26;
  const ACC = 27; // ACC … ACC + 3
  const { inv, shift, ln2Hi, ln2Lo, offset } = EXP_CONSTANTS;

  /** The exponent, exp and store of columns J + 2p, J + 2p + 1 from ACC + p. */
  const finish = (p: number): number[] => [
    // x = negGamma · ((sqi + SQ[j]) − 2 · dot)
    ...get(V_NG),
    ...get(V_SQI), ...address(SQ, get(J), 3), ...loadV(16 * p), ...F64X2_ADD,
    ...splat(2), ...get(ACC + p), ...F64X2_MUL, ...F64X2_SUB,
    ...F64X2_MUL, ...set(X),
    // where expForFloat32 calls Math.exp (x > 0.5 or NaN), give up
    ...get(X), ...splat(0.5), ...F64X2_LE, ...I64X2_ALL_TRUE, I32_EQZ, IF, VOID, ...i32(1), RETURN, END,
    // lanes below −104 give 0 (masked at the end); clamped so that the table index stays in range
    ...get(X), ...splat(-104), ...F64X2_MAX, ...set(XC),
    // m = x · inv + shift − shift; r = x − m · hi − m · lo
    ...get(XC), ...splat(inv), ...F64X2_MUL, ...splat(shift), ...F64X2_ADD, ...splat(shift), ...F64X2_SUB, ...set(M),
    ...get(XC), ...get(M), ...splat(ln2Hi), ...F64X2_MUL, ...F64X2_SUB, ...get(M), ...splat(ln2Lo), ...F64X2_MUL, ...F64X2_SUB, ...set(R),
    // p = 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r / 120))))  (into E)
    ...splat(1), ...get(R),
    ...splat(1), ...get(R),
    ...splat(0.5), ...get(R),
    ...splat(1 / 6), ...get(R),
    ...splat(1 / 24), ...get(R), ...splat(1 / 120), ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD, ...set(E),
    // t = TABLE[m + offset] per lane
    ...get(M), ...splat(offset), ...F64X2_ADD, ...set(T),
    ...address(TABLE, [...get(T), ...F64X2_EXTRACT_LANE, 0, ...I32_TRUNC_SAT_F64_S], 3), F64_LOAD, 3, 0, ...F64X2_SPLAT,
    ...address(TABLE, [...get(T), ...F64X2_EXTRACT_LANE, 1, ...I32_TRUNC_SAT_F64_S], 3), F64_LOAD, 3, 0, ...F64X2_REPLACE_LANE, 1,
    // e = (t · p) & ~(x < −104); OUT[j] = float32((yi · SGN[j]) · e)
    ...get(E), ...F64X2_MUL,
    ...get(X), ...splat(-104), ...F64X2_LT, ...V128_ANDNOT, ...set(E),
    ...address(OUT, get(J), 2),
    ...get(V_YI), ...address(SGN, get(J), 3), ...loadV(16 * p), ...F64X2_MUL,
    ...get(E), ...F64X2_MUL,
    ...F32X4_DEMOTE_F64X2_ZERO,
    ...V128_STORE64_LANE, 3, ...uleb(8 * p), 0,
  ];

  /** Columns J … J + 2m − 1 (m pairs, m independent accumulators so their additions overlap). */
  const pairs = (m: number): number[] => {
    const zero: number[] = [];
    const step: number[] = [];
    const done: number[] = [];
    for (let p = 0; p < m; p++) {
      zero.push(...splat(0), ...set(ACC + p));
      step.push(...get(ACC + p), ...get(XS), ...get(Q), ...loadV(16 * p), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + p));
      done.push(...finish(p));
    }
    return [
      ...zero,
      ...address(XT, get(J), 3), ...set(Q),
      ...get(XIS), ...set(P),
      ...i32(0), ...set(F),
      ...loop([...get(F), ...get(D), I32_GE_S], [
        ...get(P), ...loadV(0), ...set(XS),
        ...step,
        ...bump(Q, get(STRIDE)),
        ...bump(P, i32(16)),
        ...bump(F, i32(1)),
      ]),
      ...done,
      ...bump(J, i32(2 * m)),
    ];
  };

  return {
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64],
    result: [I32],
    locals: [[4, I32], [14, V128]],
    body: [
      ...get(SQI), ...F64X2_SPLAT, ...set(V_SQI),
      ...get(YI), ...F64X2_SPLAT, ...set(V_YI),
      ...get(NEG_GAMMA), ...F64X2_SPLAT, ...set(V_NG),
      ...get(START), ...set(J),
      // four pairs while at least eight columns are left, then pairs (the last may cover j = len)
      ...loop([...get(J), ...i32(8), I32_ADD, ...get(LEN), 0x4a /* i32.gt_s */], pairs(4)),
      ...loop([...get(J), ...get(LEN), I32_GE_S], pairs(1)),
      ...i32(0),
    ],
  };
}

/**
 * The SMO gradient update G[k] += Q_i[k] · dI + Q_j[k] · dJ for k < len (G f64, columns float32
 * promoted exactly), two k at a time, each lane with the JavaScript loop's operations in its order.
 */
function gradientFunc(): WasmFunc {
  const G = 0, QI = 1, QJ = 2, LEN = 3, DI = 4, DJ = 5;
  const K = 6, VI = 7, VJ = 8;
  const promote = (base: number): number[] => [...address(base, get(K), 2), ...V128_LOAD64_ZERO, 2, 0, ...F64X2_PROMOTE_LOW_F32X4];
  return {
    params: [I32, I32, I32, I32, F64, F64],
    result: [],
    locals: [[1, I32], [2, V128]],
    body: [
      ...get(DI), ...F64X2_SPLAT, ...set(VI),
      ...get(DJ), ...F64X2_SPLAT, ...set(VJ),
      ...loop([...get(K), ...i32(2), I32_ADD, ...get(LEN), 0x4b /* i32.gt_u */], [
        ...address(G, get(K), 3),
        ...address(G, get(K), 3), ...loadV(0),
        ...promote(QI), ...get(VI), ...F64X2_MUL,
        ...promote(QJ), ...get(VJ), ...F64X2_MUL,
        ...F64X2_ADD, ...F64X2_ADD,
        ...V128_STORE, 3, 0,
        ...bump(K, i32(2)),
      ]),
      ...get(K), ...get(LEN), I32_GE_U, IF, VOID, RETURN, END,
      ...address(G, get(K), 3),
      ...address(G, get(K), 3), F64_LOAD, 3, 0,
      ...address(QI, get(K), 2), F32_LOAD, 2, 0, F64_PROMOTE_F32, ...get(DI), F64_MUL,
      ...address(QJ, get(K), 2), F32_LOAD, 2, 0, F64_PROMOTE_F32, ...get(DJ), F64_MUL,
      F64_ADD, F64_ADD,
      F64_STORE, 3, 0,
    ],
  };
}

function assemble(): Uint8Array<ArrayBuffer> {
  return assembleModule([['rbf', rbfFunc()], ['gradient', gradientFunc()]]);
}

interface RbfExports {
  rbf(
    start: number, len: number, d: number, stride: number, XT: number, SQ: number, SGN: number, XIS: number, OUT: number, TABLE: number,
    sqi: number, yi: number, negGamma: number,
  ): number;
  gradient(G: number, Qi: number, Qj: number, len: number, dI: number, dJ: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable. */
export const wasmRbfColumn = {
  /** Set to false to force the JavaScript loop (tests compare both paths). */
  enabled: true,
  module(): WebAssembly.Module | null {
    if (!this.enabled) return null;
    if (compiled === undefined) {
      try {
        const bytes = assemble();
        compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
      } catch {
        compiled = null;
      }
    }
    return compiled;
  },
  /** The module's bytes (tests check the size). */
  bytes: assemble,
};

const instances = new WeakMap<WebAssembly.Memory, RbfExports>();

/** Byte offsets of the kernel's buffers from `base` (see {@link RbfColumns}). */
function layout(l: number, d: number, base: number): { stride: number; xt: number; sq: number; sgn: number; xis: number; out: number; table: number; g: number; end: number } {
  const stride = (l + 2) & ~1; // f64 per transposed row: l + 1 (a padding column) rounded up to even
  const xt = base;
  const sq = xt + d * stride * 8;
  const sgn = sq + stride * 8;
  const xis = sgn + stride * 8;
  const out = xis + d * 16;
  const table = out + ((stride * 4 + 15) & ~15);
  const g = table + EXP_TABLE.length * 8;
  return { stride, xt, sq, sgn, xis, out, table, g, end: g + stride * 8 };
}

/**
 * One two-class problem's samples in WebAssembly memory, transposed, with their squared norms and
 * signs; kept in the problem's index order by {@link swap}. The memory may also hold the kernel
 * cache's columns (`SlabPool`), which the kernel then writes in place.
 */
export class RbfColumns {
  private readonly run: RbfExports;
  /** The memory's buffer (never detached: the memory is never grown). */
  private readonly buf: ArrayBuffer;
  private readonly f64: Float64Array;
  private readonly out: Float32Array;
  private readonly at: ReturnType<typeof layout>;

  /** Bytes the buffers of an l × d problem take, or 0 when the module is unavailable. */
  static bytes(l: number, d: number): number {
    return wasmRbfColumn.module() === null ? 0 : layout(l, d, 0).end;
  }

  /**
   * The problem's buffers at byte `offset` of `mem` ({@link bytes} long, 16-byte aligned); null
   * when the module is unavailable.
   */
  static create(mem: WebAssembly.Memory, offset: number, x: Float64Array, l: number, d: number, sq: Float64Array, y: Int8Array): RbfColumns | null {
    const module = wasmRbfColumn.module();
    if (module === null) return null;
    let run = instances.get(mem);
    if (run === undefined) {
      run = new WebAssembly.Instance(module, { env: { mem } }).exports as unknown as RbfExports;
      instances.set(mem, run);
    }
    return new RbfColumns(run, mem, offset, x, l, d, sq, y);
  }

  private constructor(run: RbfExports, mem: WebAssembly.Memory, offset: number, x: Float64Array, l: number, private readonly d: number, sq: Float64Array, y: Int8Array) {
    this.run = run;
    this.buf = mem.buffer;
    const at = layout(l, d, offset);
    this.at = at;
    this.f64 = new Float64Array(mem.buffer);
    this.out = new Float32Array(mem.buffer, at.out, at.stride);
    const f = this.f64;
    const { stride } = at;
    const xt = at.xt / 8;
    for (let j = 0; j < l; j++) {
      for (let t = 0; t < d; t++) f[xt + t * stride + j] = x[j * d + t];
      f[at.sq / 8 + j] = sq[j];
      f[at.sgn / 8 + j] = y[j];
    }
    // the padding column (its values are written to the scratch column only, never used)
    for (let t = 0; t < d; t++) f[xt + t * stride + l] = 0;
    f[at.sq / 8 + l] = 0;
    f[at.sgn / 8 + l] = 0;
    f.set(EXP_TABLE, at.table / 8);
  }

  /**
   * Writes row[j] for start ≤ j < len (see the module's comment), x_i given as the row-major `x` at
   * row i; false (row partly written) when the JavaScript loop must run instead. A row in the
   * module's memory is written in place, another through the scratch column.
   */
  fill(row: Float32Array, x: Float64Array, i: number, start: number, len: number, sqi: number, yi: number, gamma: number): boolean {
    const { f64, d, at } = this;
    const xis = at.xis / 8;
    for (let t = 0; t < d; t++) {
      const v = x[i * d + t];
      f64[xis + 2 * t] = v;
      f64[xis + 2 * t + 1] = v;
    }
    const stride = at.stride * 8;
    if (row.buffer === this.buf) {
      // in place, two columns at a time; an odd last column goes through the scratch column
      const even = len - ((len - start) & 1);
      if (even > start && this.run.rbf(start, even, d, stride, at.xt, at.sq, at.sgn, at.xis, row.byteOffset, at.table, sqi, yi, -gamma) !== 0) return false;
      if (even < len) {
        if (this.run.rbf(even, len, d, stride, at.xt, at.sq, at.sgn, at.xis, at.out, at.table, sqi, yi, -gamma) !== 0) return false;
        row[even] = this.out[even];
      }
      return true;
    }
    if (this.run.rbf(start, len, d, stride, at.xt, at.sq, at.sgn, at.xis, at.out, at.table, sqi, yi, -gamma) !== 0) return false;
    row.set(this.out.subarray(start, len), start);
    return true;
  }

  /** The solver's gradient buffer (l f64 in the module's memory; contents unspecified). */
  gradientBuffer(l: number): Float64Array {
    return new Float64Array(this.buf, this.at.g, l);
  }

  /**
   * G[k] += Qi[k] · dI + Qj[k] · dJ for k < len, in the module when all three arrays lie in its
   * memory; false (nothing done) otherwise.
   */
  updateGradient(G: Float64Array, Qi: Float32Array, Qj: Float32Array, len: number, dI: number, dJ: number): boolean {
    const buf = this.buf;
    if (G.buffer !== buf || Qi.buffer !== buf || Qj.buffer !== buf) return false;
    this.run.gradient(G.byteOffset, Qi.byteOffset, Qj.byteOffset, len, dI, dJ);
    return true;
  }

  /** Swaps samples i and j (libsvm `swap_index`). */
  swap(i: number, j: number): void {
    const { f64, d, at } = this;
    const xt = at.xt / 8;
    for (let t = 0; t < d; t++) swapF(f64, xt + t * at.stride + i, xt + t * at.stride + j);
    swapF(f64, at.sq / 8 + i, at.sq / 8 + j);
    swapF(f64, at.sgn / 8 + i, at.sgn / 8 + j);
  }
}

function swapF(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
