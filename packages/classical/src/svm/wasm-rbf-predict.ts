/**
 * Internal: SVC prediction (`pairDecisions` of libsvm-predict.ts, libsvm `svm_predict_values`) as
 * hand-assembled WebAssembly SIMD functions over a memory that holds one fitted model's support
 * vectors for as long as the model lives. Four query rows at a time:
 *
 *   dots(d, S, XB, SVT, KV)                    KV[q][s] = ⟨x_q, sv_s⟩ (q < 4, s < S)
 *   rbf(S, KV, XSQ, SQ, CONST, negGamma)       KV[q][s] = exp(negGamma · max(‖x_q‖² + ‖sv_s‖² − 2 KV[q][s], 0))
 *   poly(n, KV, gamma, coef0, degree)          KV[i] = (gamma · KV[i] + coef0)^degree (i < n)
 *   sums(S, k, KV, COEF, SEG, P)               P[q][c][r] = Σ_{s ∈ class c} COEF[r][s] · KV[q][s]
 *
 * and JavaScript finishes pair (i, j) as P[i][j − 1] + P[j][i] − rho. Pointer arguments are byte
 * offsets. The S columns are the support vectors class by class, each class padded with zero
 * columns (coefficient 0) to a multiple of 4, so that every 4-column step lies in one class: SVT is
 * the d × S transposed matrix, SQ the squared norms, COEF the (k − 1) × S coefficients, SEG per class
 * (first column, columns) in bytes as two i32. XB holds the four rows interleaved (d × 4, row fastest),
 * XSQ their squared norms.
 *
 * Each dot product adds x_t · sv_t for t = 0…d−1 in order, without fused multiply-add, as the
 * JavaScript loop does, so the kernel's argument is bit for bit the same; the exponential is
 * `expForFloat32`'s algorithm over float64's range (relative error < 5e-16 against Math.exp; see
 * RBF_CONSTANTS) and the sums run in four lanes, so decision values agree with the JavaScript path
 * to ~1e-15 of Σ|coef · K| + |rho| (the test asks 1e-12).
 *
 * Why: on the benchmark (5,000 rows × 2,863 support vectors, d 16, 4 classes) the JavaScript kernel
 * loop and Math.exp took ~380 ms of CPU (V8's typed-array loops pay a bounds check per access and
 * have no SIMD); here 60–90 ms, of which the exp ~50%, the dot products ~35%, the sums ~10% (README).
 * f64x2.max is avoided (V8 expands its NaN and −0 rules into a long sequence): pmax gives the same
 * kernel values here (NaN stays NaN; −0 and +0 give the same exp).
 */
import type { PredictModel } from './libsvm-predict.js';
import { rowSquaredNorms } from './kernel.js';
import {
  F64_STORE,
  I32_LOAD,
  I32_ADD,
  I32_GE_S,
  I32_SHL,
  V128_LOAD,
  V128_STORE,
  V128_LOAD64_SPLAT,
  F64_ADD,
  F64X2_SPLAT,
  F64X2_EXTRACT_LANE,
  F64X2_ADD,
  F64X2_SUB,
  F64X2_MUL,
  F64X2_PMAX,
  V128_CONST,
  I64X2_SHL,
  I64X2_SHR_U,
  I64X2_EXTRACT_LANE,
  I32_WRAP_I64,
  I32_AND,
  F64_LOAD,
  F64X2_REPLACE_LANE,
  I32,
  F64,
  V128,
  uleb,
  get,
  set,
  tee,
  i32,
  f64,
  loop,
  address,
  bump,
  assembleModule,
  lazyWasmModule,
  type WasmFunc,
} from '../internal/wasm-assembly.js';

const splat = (c: number): number[] => [...f64(c), ...F64X2_SPLAT];
/** v128 load / store / load64_splat with an 8-byte alignment hint and a constant offset. */
const loadV = (offset: number): number[] => [...V128_LOAD, 3, ...uleb(offset)];
const storeV = (offset: number): number[] => [...V128_STORE, 3, ...uleb(offset)];
const loadSplat = (offset: number): number[] => [...V128_LOAD64_SPLAT, 3, ...uleb(offset)];
/** Rows of a block: the functions handle four query rows at a time. */
const BLOCK_ROWS = 4;

/** KV[q][s] = ⟨x_q, sv_s⟩ for the four rows of XB; 4 columns × 4 rows per pass over d (8 accumulators). */
function dotsFunc(): WasmFunc {
  const D = 0, S = 1, XB = 2, SVT = 3, KV = 4;
  const J8 = 5, Q = 6, P = 7, T = 8, ROW = 9, K1 = 10, K2 = 11, K3 = 12;
  const A = 13, B = 14, XV = 15, ACC = 16; // ACC … ACC + 7: row q, columns j + 2h, j + 2h + 1 at ACC + 2q + h
  const zero: number[] = [];
  const step: number[] = [...get(Q), ...loadV(0), ...set(A), ...get(Q), ...loadV(16), ...set(B)];
  const store: number[] = [];
  const rowBase = [KV, K1, K2, K3];
  for (let q = 0; q < BLOCK_ROWS; q++) {
    step.push(...get(P), ...loadSplat(8 * q), ...set(XV));
    for (let h = 0; h < 2; h++) {
      const acc = ACC + 2 * q + h;
      zero.push(...splat(0), ...set(acc));
      step.push(...get(acc), ...get(XV), ...get(h === 0 ? A : B), ...F64X2_MUL, ...F64X2_ADD, ...set(acc));
      store.push(...get(rowBase[q] ?? KV), ...get(J8), I32_ADD, ...get(acc), ...storeV(16 * h));
    }
  }
  return {
    params: [I32, I32, I32, I32, I32],
    result: [],
    locals: [[8, I32], [11, V128]],
    body: [
      ...get(S), ...i32(3), I32_SHL, ...set(ROW),
      ...get(KV), ...get(ROW), I32_ADD, ...tee(K1), ...get(ROW), I32_ADD, ...tee(K2), ...get(ROW), I32_ADD, ...set(K3),
      ...loop([...get(J8), ...get(ROW), I32_GE_S], [
        ...zero,
        ...get(SVT), ...get(J8), I32_ADD, ...set(Q),
        ...get(XB), ...set(P),
        ...i32(0), ...set(T),
        ...loop([...get(T), ...get(D), I32_GE_S], [
          ...step,
          ...bump(Q, get(ROW)),
          ...bump(P, i32(8 * BLOCK_ROWS)),
          ...bump(T, i32(1)),
        ]),
        ...store,
        ...bump(J8, i32(32)),
      ]),
    ],
  };
}

/**
 * The constants of the exponential below, each splatted to 16 bytes (read from memory: one load each
 * instead of a constant rebuilt per use), then the table 2^(j/64). This is `expForFloat32`'s
 * algorithm (exp-for-float32.ts) with the table split so that it covers float64's range:
 * e^x = 2^k · 2^(j/64) · e^r with m = 64k + j = round(64x / ln 2), r = x − m · ln 2 / 64 (ln 2 split
 * in two, Cody–Waite, fdlibm's constants: m · hi is exact), |r| ≤ ln 2 / 128, e^r by its Taylor
 * polynomial of degree 5 (remainder < 4e-17). y = 64x / ln 2 + (1.5 · 2^52 + 1023 · 64) holds
 * m + 1023 · 64 in its low mantissa bits: the low 6 are j, the next 11 the exponent bits of 2^k
 * (normal for x ≥ −708; x is clamped there, giving e^−708 ≈ 3.3e-308 where Math.exp gives less).
 */
export const RBF_CONSTANTS = [
  -708, 64 / Math.LN2, 6755399441055744 + 1023 * 64, 6.93147180369123816490e-1 / 64, 1.90821492927058770002e-10 / 64,
  1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120,
];
const [C_MIN, C_INV, C_SHIFT, C_HI, C_LO] = [0, 1, 2, 3, 4];
const C_POLY = 5; // 1/i! at C_POLY + i
/** 2^(j/64), j < 64, after the splatted constants. */
export const RBF_TABLE = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));
const TABLE_AT = 16 * RBF_CONSTANTS.length;

/** KV ← exp(negGamma · max(xsq_q + SQ − 2 KV, 0)) in place, two columns per step, four rows. */
function rbfFunc(): WasmFunc {
  const S = 0, KV = 1, XSQ = 2, SQ = 3, CONST = 4, NEG_GAMMA = 5;
  const Q = 6, P = 7, R = 8, END = 9;
  const V_XSQ = 10, V_NG = 11, XC = 12, Y = 13, KF = 14, RR = 15, R2 = 16;
  const c = (i: number): number[] => [...get(CONST), ...loadV(16 * i)];
  /** c_i + c_{i+1} · r */
  const pair = (i: number): number[] => [...c(C_POLY + i), ...c(C_POLY + i + 1), ...get(RR), ...F64X2_MUL, ...F64X2_ADD];
  /** TABLE[u & 63] for lane `lane` of y, u its low bits */
  const lookup = (lane: number): number[] => [
    ...get(CONST), ...get(Y), ...I64X2_EXTRACT_LANE, lane, I32_WRAP_I64, ...i32(63), I32_AND, ...i32(3), I32_SHL, I32_ADD, F64_LOAD, 3, ...uleb(TABLE_AT),
  ];
  const exp = [
    // x = negGamma · max((xsq + SQ[s]) − 2 · dot, 0), clamped at −708 (2 · dot as dot + dot: the same value)
    ...get(V_NG),
    ...get(V_XSQ), ...get(R), ...loadV(0), ...F64X2_ADD, ...get(P), ...loadV(0), ...tee(Y), ...get(Y), ...F64X2_ADD, ...F64X2_SUB,
    ...V128_CONST, ...new Array<number>(16).fill(0), ...F64X2_PMAX,
    ...F64X2_MUL, ...c(C_MIN), ...F64X2_PMAX, ...set(XC),
    // m = round(64 x / ln 2), r = x − m · hi − m · lo
    ...get(XC), ...c(C_INV), ...F64X2_MUL, ...c(C_SHIFT), ...F64X2_ADD, ...set(Y),
    ...get(Y), ...c(C_SHIFT), ...F64X2_SUB, ...set(KF),
    ...get(XC), ...get(KF), ...c(C_HI), ...F64X2_MUL, ...F64X2_SUB, ...get(KF), ...c(C_LO), ...F64X2_MUL, ...F64X2_SUB, ...set(RR),
    ...get(RR), ...get(RR), ...F64X2_MUL, ...set(R2),
    ...get(P),
    // e^r = (1 + r) + r² ((c2 + c3 r) + r² (c4 + c5 r))
    ...c(C_POLY), ...get(RR), ...F64X2_ADD, ...pair(2), ...pair(4), ...get(R2), ...F64X2_MUL, ...F64X2_ADD, ...get(R2), ...F64X2_MUL, ...F64X2_ADD,
    // · 2^(j/64) · 2^k
    ...lookup(0), ...F64X2_SPLAT, ...lookup(1), ...F64X2_REPLACE_LANE, 1, ...F64X2_MUL,
    ...get(Y), ...i32(6), ...I64X2_SHR_U, ...i32(52), ...I64X2_SHL, ...F64X2_MUL,
    ...storeV(0),
  ];
  return {
    params: [I32, I32, I32, I32, I32, F64],
    result: [],
    locals: [[4, I32], [7, V128]],
    body: [
      ...get(NEG_GAMMA), ...F64X2_SPLAT, ...set(V_NG),
      ...get(KV), ...set(P),
      ...loop([...get(Q), ...i32(BLOCK_ROWS), I32_GE_S], [
        ...address(XSQ, get(Q), 3), ...loadSplat(0), ...set(V_XSQ),
        ...get(SQ), ...set(R),
        ...get(P), ...get(S), ...i32(3), I32_SHL, I32_ADD, ...set(END),
        ...loop([...get(P), ...get(END), I32_GE_S], [...exp, ...bump(P, i32(16)), ...bump(R, i32(16))]),
        ...bump(Q, i32(1)),
      ]),
    ],
  };
}

/** KV[i] ← (gamma · KV[i] + coef0)^degree for i < n (n even), by repeated multiplication. */
function polyFunc(): WasmFunc {
  const N = 0, KV = 1, GAMMA = 2, COEF0 = 3, DEGREE = 4;
  const P = 5, END = 6, I = 7;
  const VG = 8, VC = 9, BASE = 10, POW = 11;
  return {
    params: [I32, I32, F64, F64, I32],
    result: [],
    locals: [[3, I32], [4, V128]],
    body: [
      ...get(GAMMA), ...F64X2_SPLAT, ...set(VG),
      ...get(COEF0), ...F64X2_SPLAT, ...set(VC),
      ...get(KV), ...tee(P), ...get(N), ...i32(3), I32_SHL, I32_ADD, ...set(END),
      ...loop([...get(P), ...get(END), I32_GE_S], [
        ...get(VG), ...get(P), ...loadV(0), ...F64X2_MUL, ...get(VC), ...F64X2_ADD, ...set(BASE),
        ...splat(1), ...set(POW),
        ...i32(0), ...set(I),
        ...loop([...get(I), ...get(DEGREE), I32_GE_S], [...get(POW), ...get(BASE), ...F64X2_MUL, ...set(POW), ...bump(I, i32(1))]),
        ...get(P), ...get(POW), ...storeV(0),
        ...bump(P, i32(16)),
      ]),
    ],
  };
}

/** P[q][c][r] = Σ_{s ∈ class c} COEF[r][s] · KV[q][s], four columns (two f64x2) per step. */
function sumsFunc(): WasmFunc {
  const S = 0, K = 1, KV = 2, COEF = 3, SEG = 4, P = 5;
  const ROW = 6, Q = 7, C = 8, SP = 9, START = 10, LEN = 11, R = 12, CP0 = 13, CP = 14, KP = 15, END = 16, KROW = 17;
  const A0 = 18, A1 = 19;
  return {
    params: [I32, I32, I32, I32, I32, I32],
    result: [],
    locals: [[12, I32], [2, V128]],
    body: [
      ...get(S), ...i32(3), I32_SHL, ...set(ROW),
      ...get(KV), ...set(KROW),
      ...loop([...get(Q), ...i32(BLOCK_ROWS), I32_GE_S], [
        ...get(SEG), ...set(SP),
        ...i32(0), ...set(C),
        ...loop([...get(C), ...get(K), I32_GE_S], [
          ...get(SP), I32_LOAD, 2, 0, ...set(START),
          ...get(SP), I32_LOAD, 2, 4, ...set(LEN),
          ...get(COEF), ...get(START), I32_ADD, ...set(CP0),
          ...i32(0), ...set(R),
          ...loop([...get(R), ...i32(1), I32_ADD, ...get(K), I32_GE_S], [
            ...splat(0), ...set(A0),
            ...splat(0), ...set(A1),
            ...get(CP0), ...set(CP),
            ...get(KROW), ...get(START), I32_ADD, ...tee(KP), ...get(LEN), I32_ADD, ...set(END),
            ...loop([...get(KP), ...get(END), I32_GE_S], [
              ...get(A0), ...get(CP), ...loadV(0), ...get(KP), ...loadV(0), ...F64X2_MUL, ...F64X2_ADD, ...set(A0),
              ...get(A1), ...get(CP), ...loadV(16), ...get(KP), ...loadV(16), ...F64X2_MUL, ...F64X2_ADD, ...set(A1),
              ...bump(CP, i32(32)),
              ...bump(KP, i32(32)),
            ]),
            ...get(A0), ...get(A1), ...F64X2_ADD, ...set(A0),
            ...get(P), ...get(A0), ...F64X2_EXTRACT_LANE, 0, ...get(A0), ...F64X2_EXTRACT_LANE, 1, F64_ADD, F64_STORE, 3, 0,
            ...bump(P, i32(8)),
            ...bump(CP0, get(ROW)),
            ...bump(R, i32(1)),
          ]),
          ...bump(SP, i32(8)),
          ...bump(C, i32(1)),
        ]),
        ...bump(KROW, get(ROW)),
        ...bump(Q, i32(1)),
      ]),
    ],
  };
}

function assemble(): Uint8Array<ArrayBuffer> {
  return assembleModule([['dots', dotsFunc()], ['rbf', rbfFunc()], ['poly', polyFunc()], ['sums', sumsFunc()]]);
}

interface PredictExports {
  dots(d: number, S: number, XB: number, SVT: number, KV: number): void;
  rbf(S: number, KV: number, XSQ: number, SQ: number, CONST: number, negGamma: number): void;
  poly(n: number, KV: number, gamma: number, coef0: number, degree: number): void;
  sums(S: number, k: number, KV: number, COEF: number, SEG: number, P: number): void;
}

/** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable. */
export const wasmRbfPredict = lazyWasmModule(assemble);

/** Query rows per chunk: bounds the memory their features and per-class sums take (~1 MB each). */
function chunkRows(d: number, k: number): number {
  const perRow = 8 * Math.max(d, k * (k - 1), 1);
  return Math.max(BLOCK_ROWS, Math.min(256, Math.floor(2 ** 20 / (BLOCK_ROWS * perRow)) * BLOCK_ROWS));
}

const align = (bytes: number): number => (bytes + 15) & ~15;

/**
 * One fitted model's support vectors, squared norms and coefficients in a WebAssembly memory of
 * their own (sized once: the queries go through a fixed chunk of {@link chunkRows} rows), with the
 * buffers for a chunk of queries.
 */
export class WasmSvcPredictor {
  private readonly run: PredictExports;
  private readonly f64: Float64Array;
  private readonly d: number;
  private readonly k: number;
  private readonly cols: number;
  private readonly chunk: number;
  private readonly at: { consts: number; seg: number; sq: number; coef: number; svt: number; xsq: number; xb: number; kv: number; p: number };

  private constructor(module: WebAssembly.Module, private readonly m: PredictModel, d: number) {
    const k = m.nClasses;
    const nSV = m.support.length;
    const counts = Array.from(m.nSupport, (n) => (n + 3) & ~3);
    const cols = counts.reduce((a, b) => a + b, 0);
    const chunk = chunkRows(d, k);
    const consts = 0;
    const seg = align(consts + 16 * RBF_CONSTANTS.length + 8 * RBF_TABLE.length);
    const sq = align(seg + 8 * k);
    const coef = sq + 8 * cols;
    const svt = coef + 8 * cols * (k - 1);
    const xsq = svt + 8 * cols * d;
    const xb = xsq + 8 * chunk;
    const kv = xb + 8 * chunk * d;
    const p = kv + 8 * cols * BLOCK_ROWS;
    const end = p + 8 * chunk * k * (k - 1);
    const mem = new WebAssembly.Memory({ initial: Math.ceil(end / 65536) });
    this.run = new WebAssembly.Instance(module, { env: { mem } }).exports as unknown as PredictExports;
    this.f64 = new Float64Array(mem.buffer);
    this.at = { consts, seg, sq, coef, svt, xsq, xb, kv, p };
    this.d = d;
    this.k = k;
    this.cols = cols;
    this.chunk = chunk;

    const f = this.f64;
    RBF_CONSTANTS.forEach((v, i) => f.fill(v, consts / 8 + 2 * i, consts / 8 + 2 * i + 2));
    f.set(RBF_TABLE, consts / 8 + 2 * RBF_CONSTANTS.length);
    const segs = new Int32Array(mem.buffer, seg, 2 * k);
    const svsq = rowSquaredNorms(m.sv, nSV, d);
    // support vector s (class c, i-th of its class) goes to column first[c] + i; padding stays 0
    for (let c = 0, s = 0, col = 0; c < k; c++) {
      segs[2 * c] = 8 * col;
      segs[2 * c + 1] = 8 * (counts[c] ?? 0);
      for (let i = 0, n = m.nSupport[c] ?? 0; i < n; i++, s++) {
        const j = col + i;
        f[sq / 8 + j] = svsq[s] ?? 0;
        for (let r = 0; r < k - 1; r++) f[coef / 8 + r * cols + j] = m.svCoef[r * nSV + s] ?? 0;
        for (let t = 0; t < d; t++) f[svt / 8 + t * cols + j] = m.sv[s * d + t] ?? 0;
      }
      col += counts[c] ?? 0;
    }
  }

  /**
   * The predictor of model `m` with `d` features, made once per model and kept as long as the
   * model lives; null when the module is unavailable, the kernel is sigmoid or precomputed, or the
   * parameters leave the module's range (rbf gamma < 0, poly degree > 64).
   */
  static of(m: PredictModel, d: number): WasmSvcPredictor | null {
    const module = wasmRbfPredict.module();
    if (module === null) return null;
    const { kernel, gamma, degree } = m.kernel;
    const ok = kernel === 'linear' || (kernel === 'rbf' && gamma >= 0) || (kernel === 'poly' && Number.isInteger(degree) && degree >= 0 && degree <= 64);
    if (!ok || m.sv.length !== m.support.length * d) return null;
    let p = predictors.get(m);
    if (p === undefined || p.d !== d) {
      try {
        p = new WasmSvcPredictor(module, m, d);
      } catch {
        return null; // memory not available: the JavaScript loop serves
      }
      predictors.set(m, p);
    }
    return p;
  }

  /** Pairwise decision values, rows × k(k−1)/2, as `pairDecisions` (libsvm sign). */
  pairDecisions(x: Float64Array, rows: number): Float64Array {
    const { f64: f, d, k, cols, chunk, at, run } = this;
    const { kernel, gamma, coef0, degree } = this.m.kernel;
    const rho = this.m.rho;
    const nPairs = (k * (k - 1)) / 2;
    const perRow = k * (k - 1);
    const out = new Float64Array(rows * nPairs);
    const xsq = kernel === 'rbf' ? rowSquaredNorms(x, rows, d) : undefined;
    for (let r0 = 0; r0 < rows; r0 += chunk) {
      const n = Math.min(chunk, rows - r0);
      const blocks = Math.ceil(n / BLOCK_ROWS);
      // queries interleaved by block: XB[b][t][q] = x[r0 + 4b + q][t]; padding rows 0
      const xb = at.xb / 8;
      for (let i = 0; i < blocks * BLOCK_ROWS; i++) {
        const o = xb + (i >> 2) * d * BLOCK_ROWS + (i & 3);
        if (i < n) {
          for (let t = 0, a = (r0 + i) * d; t < d; t++) f[o + t * BLOCK_ROWS] = x[a + t] ?? 0;
          f[at.xsq / 8 + i] = xsq?.[r0 + i] ?? 0;
        } else {
          for (let t = 0; t < d; t++) f[o + t * BLOCK_ROWS] = 0;
          f[at.xsq / 8 + i] = 0;
        }
      }
      for (let b = 0; b < blocks; b++) {
        run.dots(d, cols, at.xb + 8 * b * d * BLOCK_ROWS, at.svt, at.kv);
        if (kernel === 'rbf') run.rbf(cols, at.kv, at.xsq + 8 * b * BLOCK_ROWS, at.sq, at.consts, -gamma);
        else if (kernel === 'poly') run.poly(BLOCK_ROWS * cols, at.kv, gamma, coef0, degree);
        run.sums(cols, k, at.kv, at.coef, at.seg, at.p + 8 * b * BLOCK_ROWS * perRow);
      }
      // pair (i, j) = P[i][j − 1] + P[j][i] − rho
      const p0 = at.p / 8;
      for (let q = 0; q < n; q++) {
        const o = p0 + q * perRow;
        let p = 0;
        for (let i = 0; i < k; i++) {
          for (let j = i + 1; j < k; j++) {
            out[(r0 + q) * nPairs + p] = (f[o + i * (k - 1) + j - 1] ?? 0) + (f[o + j * (k - 1) + i] ?? 0) - (rho[p] ?? 0);
            p++;
          }
        }
      }
    }
    return out;
  }
}

/** Each fitted model's predictor, released with the model. */
const predictors = new WeakMap<PredictModel, WasmSvcPredictor>();
