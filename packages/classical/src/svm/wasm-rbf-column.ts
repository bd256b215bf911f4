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
 * SQ and SGN f64 per column, OUT float32, TABLE the entry 2^0 of the 2^(k/64) table of `expForFloat32`. Each lane
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
 * A second function, `gradient(G, Qi, Qj, len, dI, dJ)`, is the SMO gradient update (below); two
 * more, `wssMax` and `wssMin`, are the two passes of the solver's working-set selection (WSS3) over
 * the gradient, signs, diagonal and Q_i in this memory, in f64x2 lanes whose results the solver
 * combines to the sequential loop's choice (smo-solver.ts). On the benchmark fit the selection took
 * ~83 ms of CPU per fit in JavaScript and ~25 ms here (CPU profile share against the RBF column).
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
  F64X2_PMAX,
  F64X2_GT,
  F64X2_GE,
  F64X2_DIV,
  V128_AND,
  V128_BITSELECT,
  I64X2_EXTEND_LOW_I32X4_S,
  I32_SHL,
  I32X4_EXTRACT_LANE,
  I32_LOAD,
  I32_STORE,
  tee,
  assembleModule,
  lazyWasmModule,
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
  const Q2 = 31; // i32: Q + STRIDE
  const { inv, shift, ln2Hi, ln2Lo } = EXP_CONSTANTS;
  // the f64x2 constants, splatted once into locals 32… (a local read is 2 bytes, a splat 11)
  const constants = [0, 2, 0.5, -104, inv, shift, ln2Hi, ln2Lo, 1, 1 / 6, 1 / 24, 1 / 120];
  const k = (c: number): number[] => {
    const i = constants.indexOf(c);
    if (i < 0) throw new Error(`rbf: constant ${c} is not in the constants' locals`);
    return get(32 + i);
  };

  /** The exponent, exp and store of columns J + 2p, J + 2p + 1 from ACC + p. */
  const finish = (p: number): number[] => [
    // x = negGamma · ((sqi + SQ[j]) − 2 · dot)
    ...get(V_NG),
    ...get(V_SQI), ...address(SQ, get(J), 3), ...loadV(16 * p), ...F64X2_ADD,
    ...k(2), ...get(ACC + p), ...F64X2_MUL, ...F64X2_SUB,
    ...F64X2_MUL, ...set(X),
    // where expForFloat32 calls Math.exp (x > 0.5 or NaN), give up
    ...get(X), ...k(0.5), ...F64X2_LE, ...I64X2_ALL_TRUE, I32_EQZ, IF, VOID, ...i32(1), RETURN, END,
    // lanes below −104 give 0 (masked at the end); clamped so that the table index stays in range
    ...get(X), ...k(-104), ...F64X2_PMAX, ...set(XC),
    // m = x · inv + shift − shift; r = x − m · hi − m · lo
    ...get(XC), ...k(inv), ...F64X2_MUL, ...k(shift), ...F64X2_ADD, ...tee(T), ...k(shift), ...F64X2_SUB, ...set(M),
    ...get(XC), ...get(M), ...k(ln2Hi), ...F64X2_MUL, ...F64X2_SUB, ...get(M), ...k(ln2Lo), ...F64X2_MUL, ...F64X2_SUB, ...set(R),
    // p = 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r / 120))))  (into E)
    ...k(1), ...get(R),
    ...k(1), ...get(R),
    ...k(0.5), ...get(R),
    ...k(1 / 6), ...get(R),
    ...k(1 / 24), ...get(R), ...k(1 / 120), ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD,
    ...F64X2_MUL, ...F64X2_ADD, ...set(E),
    // t = TABLE[m + offset] per lane
    // (m is the low 32 bits of x · inv + shift, 1.5 · 2^52 + m exactly; TABLE points at 2^0)
    ...address(TABLE, [...get(T), ...I32X4_EXTRACT_LANE, 0], 3), F64_LOAD, 3, 0, ...F64X2_SPLAT,
    ...address(TABLE, [...get(T), ...I32X4_EXTRACT_LANE, 2], 3), F64_LOAD, 3, 0, ...F64X2_REPLACE_LANE, 1,
    // e = (t · p) & ~(x < −104); OUT[j] = float32((yi · SGN[j]) · e)
    ...get(E), ...F64X2_MUL,
    ...get(X), ...k(-104), ...F64X2_LT, ...V128_ANDNOT, ...set(E),
    ...address(OUT, get(J), 2),
    ...get(V_YI), ...address(SGN, get(J), 3), ...loadV(16 * p), ...F64X2_MUL,
    ...get(E), ...F64X2_MUL,
    ...F32X4_DEMOTE_F64X2_ZERO,
    ...V128_STORE64_LANE, 3, ...uleb(8 * p), 0,
  ];

  /** Columns J … J + 2m − 1 (m pairs, m independent accumulators so their additions overlap). */
  const pairs = (m: number): number[] => {
    const zero: number[] = [];
    /** acc_p += XS · XT[q + 16p] for each pair p (features at the column pointer local q). */
    const stepAt = (q: number): number[] => {
      const out: number[] = [];
      for (let p = 0; p < m; p++) out.push(...get(ACC + p), ...get(XS), ...get(q), ...loadV(16 * p), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + p));
      return out;
    };
    const done: number[] = [];
    for (let p = 0; p < m; p++) {
      zero.push(...k(0), ...set(ACC + p));
      done.push(...finish(p));
    }
    return [
      ...zero,
      ...address(XT, get(J), 3), ...set(Q),
      ...get(XIS), ...set(P),
      ...i32(0), ...set(F),
      // two features per pass while two are left, then the last one (odd d); in order per lane
      ...loop([...get(F), ...i32(1), I32_ADD, ...get(D), I32_GE_S], [
        ...get(P), ...loadV(0), ...set(XS),
        ...stepAt(Q),
        ...get(Q), ...get(STRIDE), I32_ADD, ...set(Q2),
        ...get(P), ...loadV(16), ...set(XS),
        ...stepAt(Q2),
        ...get(Q2), ...get(STRIDE), I32_ADD, ...set(Q),
        ...bump(P, i32(32)),
        ...bump(F, i32(2)),
      ]),
      ...get(F), ...get(D), 0x48 /* i32.lt_s */, IF, VOID,
      ...get(P), ...loadV(0), ...set(XS),
      ...stepAt(Q),
      END,
      ...done,
      ...bump(J, i32(2 * m)),
    ];
  };

  return {
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64],
    result: [I32],
    locals: [[4, I32], [14, V128], [1, I32], [constants.length, V128]],
    body: [
      ...constants.flatMap((c, i) => [...splat(c), ...set(32 + i)]),
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

/**
 * Columns per step of the working-set selection: WSS_GROUPS f64x2 groups, each with its own running
 * best, so that consecutive steps' compare-and-select chains do not wait on each other.
 */
const WSS_GROUPS = 3;
export const WSS_LANES = 2 * WSS_GROUPS;
/** v128.load64_zero of two i32 masks (−1 or 0) at base + byte offset `at` + offset, as i64x2 lane masks. */
const masks = (base: number, at: number, offset: number): number[] => [...get(base), ...get(at), I32_ADD, ...V128_LOAD64_ZERO, 2, ...uleb(offset), ...I64X2_EXTEND_LOW_I32X4_S];
/** v128.load at base + byte offset `at` + offset. */
const loadAt = (base: number, at: number, offset: number): number[] => [...get(base), ...get(at), I32_ADD, ...loadV(offset)];
/** local = cond ? value : local, per lane (cond: the v128 on top of the stack after `value`). */
const keep = (value: number[], local: number, cond: number[]): number[] => [...value, ...get(local), ...cond, ...V128_BITSELECT, ...set(local)];

/**
 * The first pass of WSS3 over columns 0 … n − 1 (n a multiple of WSS_LANES), per lane q (the
 * columns j ≡ q mod WSS_LANES): the maximum of v = −y_j G_j over I_up (UP[j] = −1) and the last
 * column reaching it, with libsvm's `v >= best` (ties keep the last column, NaN never wins), kept
 * as the minimum of −v = y_j G_j with `−v <= −best` (negation is exact). Writes per lane q −best as
 * f64 at OUT + 8q and, at OUT + 8 (WSS_LANES + q), the column minus q (−1: none).
 *
 *   wssMax(n, G, SGN, UP, OUT)
 */
function wssMaxFunc(): WasmFunc {
  const N = 0, G = 1, SGN = 2, UP = 3, OUT = 4;
  const K = 5, K8 = 6, K4 = 7, BV = 8, BI = BV + WSS_GROUPS, IDX = BI + WSS_GROUPS, V = IDX + 1, C = V + 1;
  const init: number[] = [];
  const step: number[] = [];
  const store: number[] = [];
  for (let g = 0; g < WSS_GROUPS; g++) {
    init.push(...get(V), ...set(BV + g), ...get(C), ...set(BI + g));
    step.push(
      // −v = y · G: G for y = 1, −G for y = −1, bit for bit
      ...loadAt(SGN, K8, 16 * g), ...loadAt(G, K8, 16 * g), ...F64X2_MUL, ...set(V),
      ...masks(UP, K4, 8 * g), ...get(V), ...get(BV + g), ...F64X2_LE, ...V128_AND, ...set(C),
      ...keep(get(V), BV + g, get(C)),
      ...keep(get(IDX), BI + g, get(C)),
    );
    store.push(...get(OUT), ...get(BV + g), ...V128_STORE, 3, ...uleb(16 * g), ...get(OUT), ...get(BI + g), ...V128_STORE, 3, ...uleb(16 * (WSS_GROUPS + g)));
  }
  return {
    params: [I32, I32, I32, I32, I32],
    result: [],
    locals: [[3, I32], [2 * WSS_GROUPS + 3, V128]],
    body: [
      ...splat(Infinity), ...set(V),
      ...splat(-1), ...set(C),
      ...init,
      ...splat(0), ...set(IDX),
      ...loop([...get(K), ...get(N), I32_GE_S], [
        ...get(K), ...i32(3), I32_SHL, ...set(K8),
        ...get(K), ...i32(2), I32_SHL, ...set(K4),
        ...step,
        ...get(IDX), ...splat(WSS_LANES), ...F64X2_ADD, ...set(IDX),
        ...bump(K, i32(WSS_LANES)),
      ]),
      ...store,
    ],
  };
}

/**
 * The second pass of WSS3 over columns 0 … n − 1 (n a multiple of WSS_LANES), i chosen, per lane q:
 * the maximum of y_j G_j over I_low (LOW[j] = −1), and among j ∈ I_low with gradDiff = Gmax + y_j G_j
 * > 0 the minimum of objDiff = −gradDiff² / quad, quad = QD_i + QD_j − 2 y_i y_j Q_ij (TAU where ≤ 0),
 * with the last column reaching it (libsvm's `<=`), kept as the maximum of −objDiff. Every operation is libsvm's (and the JavaScript loop's)
 * in its order: y_j G_j and 2 y_i y_j Q_ij are products by ±1 and ±2, exact, so `Gmax − G_j` and
 * `… + 2 y_i Q_ij` for y_j = −1 are the same sums. Q_i is float32, promoted exactly. Writes per lane q
 * Gmax2 at OUT + 8q, −objDiffMin at OUT + 8 (WSS_LANES + q), the column minus q at
 * OUT + 8 (2 WSS_LANES + q) (−1: none), as f64.
 *
 *   wssMin(n, G, SGN, LOW, QD, QI, OUT, gmax, qdi, twoYi)
 */
function wssMinFunc(): WasmFunc {
  const N = 0, G = 1, SGN = 2, LOW = 3, QD = 4, QI = 5, OUT = 6, GMAX = 7, QDI = 8, TWO_YI = 9;
  const K = 10, K8 = 11, K4 = 12, G2 = 13, BMIN = G2 + WSS_GROUPS, BI = BMIN + WSS_GROUPS, IDX = BI + WSS_GROUPS;
  const YG = IDX + 1, GD = YG + 1, Q2 = GD + 1, M = Q2 + 1, C = M + 1, S = C + 1, V_GMAX = S + 1, V_QDI = V_GMAX + 1, V_2YI = V_QDI + 1;
  const V_TAU = V_2YI + 1, V_ZERO = V_TAU + 1;
  const init: number[] = [];
  const step: number[] = [];
  const store: number[] = [];
  for (let g = 0; g < WSS_GROUPS; g++) {
    init.push(...get(YG), ...set(G2 + g), ...get(YG), ...set(BMIN + g), ...get(Q2), ...set(BI + g));
    step.push(
      ...loadAt(SGN, K8, 16 * g), ...set(S),
      ...get(S), ...loadAt(G, K8, 16 * g), ...F64X2_MUL, ...set(YG),
      ...masks(LOW, K4, 8 * g), ...set(M),
      // Gmax2 = max(Gmax2, y G) over I_low
      ...keep(get(YG), G2 + g, [...get(M), ...get(YG), ...get(G2 + g), ...F64X2_GE, ...V128_AND]),
      ...get(V_GMAX), ...get(YG), ...F64X2_ADD, ...set(GD),
      // quad = (QD_i + QD_j) − Q_ij · (2 y_i · y_j); TAU where quad ≤ 0 (or NaN)
      ...get(V_QDI), ...loadAt(QD, K8, 16 * g), ...F64X2_ADD,
      ...get(QI), ...get(K4), I32_ADD, ...V128_LOAD64_ZERO, 2, ...uleb(8 * g), ...F64X2_PROMOTE_LOW_F32X4,
      ...get(V_2YI), ...get(S), ...F64X2_MUL, ...F64X2_MUL,
      ...F64X2_SUB, ...set(Q2),
      ...get(Q2), ...get(V_TAU), ...get(Q2), ...get(V_ZERO), ...F64X2_GT, ...V128_BITSELECT, ...set(Q2),
      // gain = (gradDiff · gradDiff) / quad = −objDiff exactly (division rounds symmetrically), so
      // libsvm's objDiff <= objDiffMin is gain >= −objDiffMin (into Q2; BMIN holds −objDiffMin)
      ...get(GD), ...get(GD), ...F64X2_MUL, ...get(Q2), ...F64X2_DIV, ...set(Q2),
      ...get(M), ...get(GD), ...get(V_ZERO), ...F64X2_GT, ...V128_AND, ...get(Q2), ...get(BMIN + g), ...F64X2_GE, ...V128_AND, ...set(C),
      ...keep(get(Q2), BMIN + g, get(C)),
      ...keep(get(IDX), BI + g, get(C)),
    );
    store.push(
      ...get(OUT), ...get(G2 + g), ...V128_STORE, 3, ...uleb(16 * g),
      ...get(OUT), ...get(BMIN + g), ...V128_STORE, 3, ...uleb(16 * (WSS_GROUPS + g)),
      ...get(OUT), ...get(BI + g), ...V128_STORE, 3, ...uleb(16 * (2 * WSS_GROUPS + g)),
    );
  }
  return {
    params: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64],
    result: [],
    locals: [[3, I32], [3 * WSS_GROUPS + 12, V128]],
    body: [
      ...get(GMAX), ...F64X2_SPLAT, ...set(V_GMAX),
      ...get(QDI), ...F64X2_SPLAT, ...set(V_QDI),
      ...get(TWO_YI), ...F64X2_SPLAT, ...set(V_2YI),
      ...splat(1e-12), ...set(V_TAU),
      ...splat(0), ...set(V_ZERO),
      // initial values through scratch locals: −∞ (Gmax2, −objDiffMin), −1 (no column)
      ...splat(-Infinity), ...set(YG),
      ...splat(-1), ...set(Q2),
      ...init,
      ...get(V_ZERO), ...set(IDX),
      ...loop([...get(K), ...get(N), I32_GE_S], [
        ...get(K), ...i32(3), I32_SHL, ...set(K8),
        ...get(K), ...i32(2), I32_SHL, ...set(K4),
        ...step,
        ...get(IDX), ...splat(WSS_LANES), ...F64X2_ADD, ...set(IDX),
        ...bump(K, i32(WSS_LANES)),
      ]),
      ...store,
    ],
  };
}

/**
 * The solver's Ḡ update Ḡ[k] += s · Q_i[k] for k < n (n even; Ḡ f64, the column float32 promoted
 * exactly), two k at a time, each lane the JavaScript loop's operations.
 *
 *   axpy(GB, COL, n, s)
 */
function axpyFunc(): WasmFunc {
  const GB = 0, COL = 1, N = 2, S = 3;
  const K = 4, VS = 5;
  return {
    params: [I32, I32, I32, F64],
    result: [],
    locals: [[1, I32], [1, V128]],
    body: [
      ...get(S), ...F64X2_SPLAT, ...set(VS),
      ...loop([...get(K), ...get(N), I32_GE_S], [
        ...address(GB, get(K), 3),
        ...address(GB, get(K), 3), ...loadV(0),
        ...get(VS), ...address(COL, get(K), 2), ...V128_LOAD64_ZERO, 2, 0, ...F64X2_PROMOTE_LOW_F32X4, ...F64X2_MUL,
        ...F64X2_ADD,
        ...V128_STORE, 3, 0,
        ...bump(K, i32(2)),
      ]),
    ],
  };
}

/**
 * The kernel cache's batched entry swaps on one column (`KernelCache.endSwaps`): for k < n, with
 * (i, j) = PAIRS[2k], PAIRS[2k + 1], swap ROW[i] and ROW[j] (float32 bits, moved as i32) where j < len.
 *
 *   swaps(ROW, PAIRS, n, len)
 */
function swapsFunc(): WasmFunc {
  const ROW = 0, PAIRS = 1, N = 2, LEN = 3;
  const K = 4, I = 5, J = 6, T = 7;
  return {
    params: [I32, I32, I32, I32],
    result: [],
    locals: [[4, I32]],
    body: [
      ...loop([...get(K), ...get(N), I32_GE_S], [
        ...address(PAIRS, get(K), 3), I32_LOAD, 2, 0, ...set(I),
        ...address(PAIRS, get(K), 3), I32_LOAD, 2, 4, ...set(J),
        ...get(LEN), ...get(J), 0x4a /* i32.gt_s */, IF, VOID,
        ...address(ROW, get(I), 2), I32_LOAD, 2, 0, ...set(T),
        ...address(ROW, get(I), 2), ...address(ROW, get(J), 2), I32_LOAD, 2, 0, I32_STORE, 2, 0,
        ...address(ROW, get(J), 2), ...get(T), I32_STORE, 2, 0,
        END,
        ...bump(K, i32(1)),
      ]),
    ],
  };
}

function assemble(): Uint8Array<ArrayBuffer> {
  return assembleModule([['rbf', rbfFunc()], ['gradient', gradientFunc()], ['wssMax', wssMaxFunc()], ['wssMin', wssMinFunc()], ['axpy', axpyFunc()], ['swaps', swapsFunc()]]);
}

interface RbfExports {
  rbf(
    start: number, len: number, d: number, stride: number, XT: number, SQ: number, SGN: number, XIS: number, OUT: number, TABLE: number,
    sqi: number, yi: number, negGamma: number,
  ): number;
  gradient(G: number, Qi: number, Qj: number, len: number, dI: number, dJ: number): void;
  wssMax(n: number, G: number, SGN: number, UP: number, OUT: number): void;
  axpy(GB: number, COL: number, n: number, s: number): void;
  swaps(ROW: number, PAIRS: number, n: number, len: number): void;
  wssMin(n: number, G: number, SGN: number, LOW: number, QD: number, QI: number, OUT: number, gmax: number, qdi: number, twoYi: number): void;
}

/** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable. */
export const wasmRbfColumn = Object.assign(lazyWasmModule(assemble), {
  /** Set to false to run the working-set selection in JavaScript while the kernel columns stay in WebAssembly (tests). */
  selection: true,
});

const instances = new WeakMap<WebAssembly.Memory, RbfExports>();

/** Byte offsets of the kernel's buffers from `base` (see {@link RbfColumns}). */
function layout(l: number, d: number, base: number): { stride: number; xt: number; sq: number; sgn: number; xis: number; out: number; table: number; g: number; qd: number; up: number; low: number; gbar: number; pairs: number; res: number; end: number } {
  const stride = (l + 2) & ~1; // f64 per transposed row: l + 1 (a padding column) rounded up to even
  const xt = base;
  const sq = xt + d * stride * 8;
  const sgn = sq + stride * 8;
  const xis = sgn + stride * 8;
  const out = xis + d * 16;
  const table = out + ((stride * 4 + 15) & ~15);
  const g = table + EXP_TABLE.length * 8;
  const qd = g + stride * 8;
  const up = qd + stride * 8;
  const low = up + ((stride * 4 + 15) & ~15);
  const gbar = low + ((stride * 4 + 15) & ~15);
  const pairs = gbar + stride * 8;
  const res = pairs + stride * 8;
  return { stride, xt, sq, sgn, xis, out, table, g, qd, up, low, gbar, pairs, res, end: res + 3 * WSS_LANES * 8 };
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
      if (even > start && this.run.rbf(start, even, d, stride, at.xt, at.sq, at.sgn, at.xis, row.byteOffset, at.table + EXP_CONSTANTS.offset * 8, sqi, yi, -gamma) !== 0) return false;
      if (even < len) {
        if (this.run.rbf(even, len, d, stride, at.xt, at.sq, at.sgn, at.xis, at.out, at.table + EXP_CONSTANTS.offset * 8, sqi, yi, -gamma) !== 0) return false;
        row[even] = this.out[even];
      }
      return true;
    }
    if (this.run.rbf(start, len, d, stride, at.xt, at.sq, at.sgn, at.xis, at.out, at.table + EXP_CONSTANTS.offset * 8, sqi, yi, -gamma) !== 0) return false;
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

  /** The solver's Ḡ (l f64 in the module's memory), zeroed. */
  gbarBuffer(l: number): Float64Array {
    return new Float64Array(this.buf, this.at.gbar, l).fill(0);
  }

  /** Ḡ[k] += s · col[k] for k < len in the module when both lie in its memory; false (nothing done) otherwise. */
  addColumn(Gbar: Float64Array, col: Float32Array, len: number, s: number): boolean {
    if (Gbar.buffer !== this.buf || col.buffer !== this.buf) return false;
    const n = len & ~1;
    this.run.axpy(Gbar.byteOffset, col.byteOffset, n, s);
    if (n < len) Gbar[n] += s * col[n];
    return true;
  }

  /** The kernel cache's batched swaps (`KernelCache.batchSwaps`) on this module's memory. */
  batchSwaps(): { pairs: Int32Array; apply(row: Float32Array, n: number, len: number): boolean } {
    const pairs = new Int32Array(this.buf, this.at.pairs, 2 * this.at.stride);
    const buf = this.buf;
    const run = this.run;
    return {
      pairs,
      apply(row: Float32Array, n: number, len: number): boolean {
        if (row.buffer !== buf) return false;
        run.swaps(row.byteOffset, pairs.byteOffset, n, len);
        return true;
      },
    };
  }

  /** The diagonal QD (l f64 in the module's memory, swapped by {@link swap}), set to `qd`. */
  diagonal(qd: Float64Array): Float64Array {
    const out = new Float64Array(this.buf, this.at.qd, qd.length);
    out.set(qd);
    return out;
  }

  /** The I_up and I_low masks of the working-set selection (l i32 each in the module's memory; −1: member, 0: not). */
  maskBuffers(l: number): { up: Int32Array; low: Int32Array } {
    return { up: new Int32Array(this.buf, this.at.up, l), low: new Int32Array(this.buf, this.at.low, l) };
  }

  /** Results of {@link wssMax} and {@link wssMin} (f64 per lane, see the functions). */
  private res: Float64Array | undefined;

  /**
   * WSS3's first pass over columns [0, n) (n a multiple of {@link WSS_LANES}) on G, the signs and `up`
   * in the module's memory: per lane q, −best at [q] and its column − q at [WSS_LANES + q] (−1:
   * none); null when an array lies elsewhere.
   */
  wssMax(n: number, G: Float64Array, up: Int32Array): Float64Array | null {
    if (G.buffer !== this.buf || up.buffer !== this.buf) return null;
    this.run.wssMax(n, G.byteOffset, this.at.sgn, up.byteOffset, this.at.res);
    this.res ??= new Float64Array(this.buf, this.at.res, 3 * WSS_LANES);
    return this.res;
  }

  /**
   * WSS3's second pass over columns [0, n) (n a multiple of {@link WSS_LANES}) given Gmax and column
   * Q_i: per lane q, Gmax2 at [q], −objDiffMin at [WSS_LANES + q], its column − q at
   * [2 WSS_LANES + q] (−1: none); null when an array lies elsewhere.
   */
  wssMin(n: number, G: Float64Array, low: Int32Array, QD: Float64Array, Qi: Float32Array, gmax: number, qdi: number, yi: number): Float64Array | null {
    const buf = this.buf;
    if (G.buffer !== buf || low.buffer !== buf || QD.buffer !== buf || Qi.buffer !== buf) return null;
    this.run.wssMin(n, G.byteOffset, this.at.sgn, low.byteOffset, QD.byteOffset, Qi.byteOffset, this.at.res, gmax, qdi, 2 * yi);
    this.res ??= new Float64Array(this.buf, this.at.res, 3 * WSS_LANES);
    return this.res;
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
