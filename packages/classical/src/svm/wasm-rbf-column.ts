/**
 * Internal: the RBF column of `SvcQ.fill` (kernel.ts) as a hand-assembled WebAssembly SIMD function
 * over one imported memory `env.mem`:
 *
 *   rbf(start, len, d, stride, XT, SGN, OUT, i, negGamma, yi)
 *
 * writes OUT[j] = yi · SGN[j] · expF32(negGamma · ‖x_i − x_j‖²) for start ≤ j < len, four columns j
 * at a time in the lanes of an f32x4 vector (so up to three more, j < len + 3, may be written: the
 * buffers hold three padding columns). Pointer arguments are byte offsets: XT is the d × (stride / 4)
 * transposed float32 sample matrix (x_i is its column i), SGN the float32 signs ±1, OUT float32. Each
 * lane adds (x_i,t − x_j,t)² for t = 0…d−1 in order in float32 (no fused multiply-add) and evaluates
 * `expF32` (exp-for-float32.ts) with the same float32 operations in the same order, so every value
 * is bit for bit the JavaScript loop's (`SvcQ`, with Math.fround). The squared distance is summed
 * directly, not as ‖x_i‖² + ‖x_j‖² − 2⟨x_i, x_j⟩, so it never cancels and is never negative: the
 * exponent is ≤ 0 and the value in [0, 1].
 *
 * Why float32: the values are stored as float32 (libsvm's `Qfloat`), and four lanes instead of two
 * halve the column's cost. Until 2026-11-30 this kernel computed libsvm's float64 values (f64x2
 * lanes, dot-product form, a float64 exp) bit for bit; those took about half the benchmark fit's
 * (5,000 × 16, 4 classes, ~10 M computed entries) CPU profile. Now the column is about a fifth, and
 * warm fits take ~17% less CPU time (README). The entries differ from libsvm's by a few float32 ulps
 * (the solver's path, and so α, move within its tolerance; decision values stay within 1e−3 of
 * scikit-learn's, svc.test.ts).
 *
 * A second function, `gradient(G, Qi, Qj, len, dI, dJ)`, is the SMO gradient update (below); two
 * more, `wssMax` and `wssMin`, are the two passes of the solver's working-set selection (WSS3) over
 * the gradient, signs, diagonal and Q_i in this memory, in f64x2 lanes whose results the solver
 * combines to the sequential loop's choice (smo-solver.ts). On the benchmark fit the selection took
 * ~83 ms of CPU per fit in JavaScript and ~25 ms here (CPU profile share against the RBF column).
 */
import { EXPF_CONSTANTS } from './exp-for-float32.js';
import {
  IF,
  END,
  VOID,
  F64_LOAD,
  F64_STORE,
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
  V128_STORE,
  V128_LOAD64_ZERO,
  F64X2_PROMOTE_LOW_F32X4,
  F64X2_LE,
  V128_ANDNOT,
  F64X2_SUB,
  F64X2_PMAX,
  F64X2_GT,
  F64X2_GE,
  F64X2_DIV,
  V128_AND,
  V128_BITSELECT,
  I64X2_EXTEND_LOW_I32X4_S,
  I32_SHL,
  I32_LOAD,
  I32_STORE,
  tee,
  assembleModule,
  lazyWasmModule,
  F32,
  F32X4_SPLAT,
  F32X4_LT,
  F32X4_ADD,
  F32X4_SUB,
  F32X4_MUL,
  I32X4_SHL,
  I32X4_ADD,
  V128_LOAD32_SPLAT,
  f32,
  v128i32,
  type WasmFunc,
} from '../internal/wasm-assembly.js';

const splat = (c: number): number[] => [...f64(c), ...F64X2_SPLAT];
/** v128.load with an 8-byte alignment hint and a constant offset. */
const loadV = (offset: number): number[] => [...V128_LOAD, 3, ...uleb(offset)];
/** v128.load of four float32 at any float32 boundary (4-byte alignment hint) and a constant offset. */
const loadF4 = (offset: number): number[] => [...V128_LOAD, 2, ...uleb(offset)];

/** Columns per group of the RBF kernel's main loop: GROUP f32x4 vectors, one accumulator each. */
const RBF_GROUP = 4;

function rbfFunc(): WasmFunc {
  // Parameters.
  const START = 0, LEN = 1, D = 2, STRIDE = 3, XT = 4, SGN = 5, OUT = 6, I = 7, NEG_GAMMA = 8, YI = 9;
  // Locals: i32 ×4, then v128.
  const J = 10, Q = 11, P = 12, F = 13;
  const XS = 14, X = 15, M = 17, R = 18, E = 19, T = 20, Z = 21, V = 22, V_YI = 23, V_NG = 24; // (16: unused)
  const ACC = 25; // ACC … ACC + RBF_GROUP − 1
  const { min, log2e, shift, c1, c2, p: poly } = EXPF_CONSTANTS;
  // the f32x4 constants, splatted once into locals (a local read is 2 bytes, a splat 7)
  const constants = [0, 1, min, log2e, shift, c1, c2, ...poly];
  const C0 = ACC + RBF_GROUP;
  const k = (c: number): number[] => {
    const i = constants.indexOf(c);
    if (i < 0) throw new Error(`rbf: constant ${c} is not in the constants' locals`);
    return get(C0 + i);
  };
  const POW2_ONE = 0x3f800000; // bits of 1.0f: 2^n's bits are (n << 23) + this

  /** The exponent, exp and store of columns J + 4p … J + 4p + 3 from ACC + p (expF32 per lane). */
  const finish = (p: number): number[] => [
    // x = negGamma · ‖x_i − x_j‖²; lanes below min give 0 (masked at the end, whatever their
    // intermediate values: 2^n's bits wrap, NaN or ∞ may appear, all cleared by the mask)
    ...get(V_NG), ...get(ACC + p), ...F32X4_MUL, ...set(X),
    // t = x · log2e + shift; m = t − shift (the integer n); r = (x − m · c1) − m · c2
    ...get(X), ...k(log2e), ...F32X4_MUL, ...k(shift), ...F32X4_ADD, ...tee(T), ...k(shift), ...F32X4_SUB, ...set(M),
    ...get(X), ...get(M), ...k(c1), ...F32X4_MUL, ...F32X4_SUB, ...get(M), ...k(c2), ...F32X4_MUL, ...F32X4_SUB, ...tee(R),
    ...get(R), ...F32X4_MUL, ...set(Z),
    // q = ((((p0 r + p1) r + p2) r + p3) r + p4) r + p5; e = ((q z + r) + 1) · 2^n
    ...k(poly[0]), ...get(R), ...F32X4_MUL, ...k(poly[1]), ...F32X4_ADD,
    ...get(R), ...F32X4_MUL, ...k(poly[2]), ...F32X4_ADD,
    ...get(R), ...F32X4_MUL, ...k(poly[3]), ...F32X4_ADD,
    ...get(R), ...F32X4_MUL, ...k(poly[4]), ...F32X4_ADD,
    ...get(R), ...F32X4_MUL, ...k(poly[5]), ...F32X4_ADD,
    ...get(Z), ...F32X4_MUL, ...get(R), ...F32X4_ADD, ...k(1), ...F32X4_ADD,
    ...get(T), ...i32(23), ...I32X4_SHL, ...v128i32(POW2_ONE), ...I32X4_ADD, ...F32X4_MUL,
    // e & ~(x < min), times yi · SGN[j] (±1, exact) into OUT[j]
    ...get(X), ...k(min), ...F32X4_LT, ...V128_ANDNOT, ...set(E),
    ...address(OUT, get(J), 2),
    ...get(E), ...get(V_YI), ...F32X4_MUL, ...address(SGN, get(J), 2), ...loadF4(16 * p), ...F32X4_MUL,
    ...V128_STORE, 2, ...uleb(16 * p),
  ];

  /** Columns J … J + 4m − 1 (m vectors, m independent accumulators so their additions overlap). */
  const group = (m: number): number[] => {
    const zero: number[] = [];
    const done: number[] = [];
    /** acc_p += (XS − XT[q + 16p])² for each vector p (features at the column pointer local q). */
    const step: number[] = [...get(P), ...V128_LOAD32_SPLAT, 2, 0, ...set(XS)];
    for (let p = 0; p < m; p++) {
      zero.push(...k(0), ...set(ACC + p));
      step.push(...get(Q), ...loadF4(16 * p), ...get(XS), ...F32X4_SUB, ...tee(V), ...get(V), ...F32X4_MUL, ...get(ACC + p), ...F32X4_ADD, ...set(ACC + p));
      done.push(...finish(p));
    }
    return [
      ...zero,
      ...address(XT, get(J), 2), ...set(Q),
      ...address(XT, get(I), 2), ...set(P),
      ...i32(0), ...set(F),
      // over the features in order (each lane's sum runs t = 0 … d − 1, as the JavaScript loop's):
      // two per pass while two are left, then the last one (odd d)
      ...loop([...get(F), ...i32(1), I32_ADD, ...get(D), I32_GE_S], [
        ...step,
        ...get(Q), ...get(STRIDE), I32_ADD, ...set(Q),
        ...get(P), ...get(STRIDE), I32_ADD, ...set(P),
        ...step,
        ...get(Q), ...get(STRIDE), I32_ADD, ...set(Q),
        ...get(P), ...get(STRIDE), I32_ADD, ...set(P),
        ...bump(F, i32(2)),
      ]),
      ...get(F), ...get(D), 0x48 /* i32.lt_s */, IF, VOID,
      ...step,
      END,
      ...done,
      ...bump(J, i32(4 * m)),
    ];
  };

  return {
    params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32],
    result: [],
    locals: [[4, I32], [ACC + RBF_GROUP - XS, V128], [constants.length, V128]],
    body: [
      ...constants.flatMap((c, i) => [...f32(c), ...F32X4_SPLAT, ...set(C0 + i)]),
      ...get(YI), ...F32X4_SPLAT, ...set(V_YI),
      ...get(NEG_GAMMA), ...F32X4_SPLAT, ...set(V_NG),
      ...get(START), ...set(J),
      // RBF_GROUP vectors while that many columns are left, then one vector at a time (the last may
      // run up to 3 columns past len: the buffers hold 3 padding columns)
      ...loop([...get(J), ...i32(4 * RBF_GROUP), I32_ADD, ...get(LEN), 0x4a /* i32.gt_s */], group(RBF_GROUP)),
      ...loop([...get(J), ...get(LEN), I32_GE_S], group(1)),
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
 * The column loop of the working-set passes: for K = 0, WSS_LANES, … < N (i32 locals; K8 = 8K and
 * K4 = 4K, the byte offsets of f64 and i32 columns) run `step`, then IDX (f64x2, the lanes' column
 * numbers) += WSS_LANES.
 */
const wssColumns = (N: number, K: number, K8: number, K4: number, IDX: number, step: number[]): number[] => loop([...get(K), ...get(N), I32_GE_S], [
  ...get(K), ...i32(3), I32_SHL, ...set(K8),
  ...get(K), ...i32(2), I32_SHL, ...set(K4),
  ...step,
  ...get(IDX), ...splat(WSS_LANES), ...F64X2_ADD, ...set(IDX),
  ...bump(K, i32(WSS_LANES)),
]);

/** Locals and parameters of {@link wssMaxLoop}: i32 N, K, K8 (= 8K), K4 (= 4K), UP, OUT; v128 BV, BI (WSS_GROUPS each), IDX, V, C. */
interface WssMaxLocals {
  N: number;
  K: number;
  K8: number;
  K4: number;
  UP: number;
  OUT: number;
  BV: number;
  BI: number;
  IDX: number;
  V: number;
  C: number;
}

/**
 * The loop of WSS3's first pass shared by `wssMax` and `gradMax`: for K = 0, WSS_LANES, … < N, per
 * group g `column(g)` sets V to −v = y · G of the group's two columns, and the running minimum
 * (libsvm's `v >= best`: ties keep the last column) and its column are kept in BV + g and BI + g;
 * afterwards, per lane q, −best at OUT + 8q and the column minus q at OUT + 8 (WSS_LANES + q).
 */
function wssMaxLoop(l: WssMaxLocals, column: (g: number) => number[]): number[] {
  const { N, K, K8, K4, UP, OUT, BV, BI, IDX, V, C } = l;
  const init: number[] = [];
  const step: number[] = [];
  const store: number[] = [];
  for (let g = 0; g < WSS_GROUPS; g++) {
    init.push(...get(V), ...set(BV + g), ...get(C), ...set(BI + g));
    step.push(
      ...column(g),
      ...masks(UP, K4, 8 * g), ...get(V), ...get(BV + g), ...F64X2_LE, ...V128_AND, ...set(C),
      ...keep(get(V), BV + g, get(C)),
      ...keep(get(IDX), BI + g, get(C)),
    );
    store.push(...get(OUT), ...get(BV + g), ...V128_STORE, 3, ...uleb(16 * g), ...get(OUT), ...get(BI + g), ...V128_STORE, 3, ...uleb(16 * (WSS_GROUPS + g)));
  }
  return [
    ...splat(Infinity), ...set(V),
    ...splat(-1), ...set(C),
    ...init,
    ...splat(0), ...set(IDX),
    ...wssColumns(N, K, K8, K4, IDX, step),
    ...store,
  ];
}

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
  return {
    params: [I32, I32, I32, I32, I32],
    result: [],
    locals: [[3, I32], [2 * WSS_GROUPS + 3, V128]],
    body: wssMaxLoop({ N, K, K8, K4, UP, OUT, BV, BI, IDX, V, C }, (g) => [
      // −v = y · G: G for y = 1, −G for y = −1, bit for bit
      ...loadAt(SGN, K8, 16 * g), ...loadAt(G, K8, 16 * g), ...F64X2_MUL, ...set(V),
    ]),
  };
}

/**
 * The SMO gradient update fused with the next working-set selection's first pass, over columns
 * 0 … n − 1 (n a multiple of WSS_LANES): G[k] += Q_i[k] · dI + Q_j[k] · dJ as `gradient` computes it
 * (same operations, same bits), and from each new G[k] the per-lane maximum of `wssMax` (same
 * operations, same output at OUT) on the masks UP, which the solver updates before this call. One
 * pass over G instead of two; the solver uses the result when no shrinking or gradient
 * reconstruction came between (smo-solver.ts) and updates columns n … len − 1 with `gradient`.
 *
 *   gradMax(n, G, QI, QJ, dI, dJ, SGN, UP, OUT)
 */
function gradMaxFunc(): WasmFunc {
  const N = 0, G = 1, QI = 2, QJ = 3, DI = 4, DJ = 5, SGN = 6, UP = 7, OUT = 8;
  const K = 9, K8 = 10, K4 = 11, VI = 12, VJ = 13, BV = 14, BI = BV + WSS_GROUPS, IDX = BI + WSS_GROUPS, V = IDX + 1, C = V + 1, NG = C + 1;
  const promote = (base: number, g: number): number[] => [...get(base), ...get(K4), I32_ADD, ...V128_LOAD64_ZERO, 2, ...uleb(8 * g), ...F64X2_PROMOTE_LOW_F32X4];
  return {
    params: [I32, I32, I32, I32, F64, F64, I32, I32, I32],
    result: [],
    locals: [[3, I32], [2 * WSS_GROUPS + 6, V128]],
    body: [
      ...get(DI), ...F64X2_SPLAT, ...set(VI),
      ...get(DJ), ...F64X2_SPLAT, ...set(VJ),
      ...wssMaxLoop({ N, K, K8, K4, UP, OUT, BV, BI, IDX, V, C }, (g) => [
        // G = G + (Q_i · dI + Q_j · dJ), stored (the gradient function's lanes)
        ...get(G), ...get(K8), I32_ADD,
        ...loadAt(G, K8, 16 * g),
        ...promote(QI, g), ...get(VI), ...F64X2_MUL,
        ...promote(QJ, g), ...get(VJ), ...F64X2_MUL,
        ...F64X2_ADD, ...F64X2_ADD, ...tee(NG),
        ...V128_STORE, 3, ...uleb(16 * g),
        // the first pass's step on the new G (wssMax's lanes)
        ...loadAt(SGN, K8, 16 * g), ...get(NG), ...F64X2_MUL, ...set(V),
      ]),
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
 * OUT + 8 (2 WSS_LANES + q) (−1: none), as f64. For the RBF kernel only: QD_j = 1 for every j, so
 * the caller gives qdSum = QD_i + 1 and QD is not read, and since Q_ij = ±float32(K_ij) with
 * K_ij ≤ 1, quad = qdSum − 2 K_ij is 0 or at least 2^−23, so `quad > 0 ? quad : TAU` is max(quad, TAU).
 *
 *   wssMin(n, G, SGN, LOW, QD, QI, OUT, gmax, qdSum, twoYi)
 */
function wssMinFunc(): WasmFunc {
  const N = 0, G = 1, SGN = 2, LOW = 3, /* 4: QD, unread (QD_j = 1) */ QI = 5, OUT = 6, GMAX = 7, QDI = 8, TWO_YI = 9;
  const K = 10, K8 = 11, K4 = 12, G2 = 13, BMIN = G2 + WSS_GROUPS, BI = BMIN + WSS_GROUPS, IDX = BI + WSS_GROUPS;
  const YG = IDX + 1, GD = YG + 1, Q2 = GD + 1, M = Q2 + 1, C = M + 1, S = C + 1, V_GMAX = S + 1, V_QDI = V_GMAX + 1, V_2YI = V_QDI + 1;
  const V_TAU = V_2YI + 1, V_ZERO = V_TAU + 1, V_NEG_INF = V_ZERO + 1;
  const init: number[] = [];
  const step: number[] = [];
  const store: number[] = [];
  for (let g = 0; g < WSS_GROUPS; g++) {
    init.push(...get(YG), ...set(G2 + g), ...get(YG), ...set(BMIN + g), ...get(Q2), ...set(BI + g));
    step.push(
      ...loadAt(SGN, K8, 16 * g), ...set(S),
      ...get(S), ...loadAt(G, K8, 16 * g), ...F64X2_MUL, ...set(YG),
      ...masks(LOW, K4, 8 * g), ...set(M),
      // Gmax2 = max(Gmax2, y G) over I_low (the maximum's value: G is never NaN)
      ...get(G2 + g), ...get(YG), ...get(V_NEG_INF), ...get(M), ...V128_BITSELECT, ...F64X2_PMAX, ...set(G2 + g),
      ...get(V_GMAX), ...get(YG), ...F64X2_ADD, ...set(GD),
      // quad = (QD_i + QD_j) − Q_ij · (2 y_i · y_j), QD_i + QD_j given (RBF: QD_j = 1); TAU where
      // quad ≤ 0: quad = 2 − 2K_ij with K_ij float32 ≤ 1 is 0 or ≥ 2^−23 > TAU, so max(quad, TAU)
      ...get(V_QDI),
      ...get(QI), ...get(K4), I32_ADD, ...V128_LOAD64_ZERO, 2, ...uleb(8 * g), ...F64X2_PROMOTE_LOW_F32X4,
      ...get(V_2YI), ...get(S), ...F64X2_MUL, ...F64X2_MUL,
      ...F64X2_SUB, ...set(Q2),
      ...get(Q2), ...get(V_TAU), ...F64X2_PMAX, ...set(Q2),
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
    locals: [[3, I32], [3 * WSS_GROUPS + 13, V128]],
    body: [
      ...get(GMAX), ...F64X2_SPLAT, ...set(V_GMAX),
      ...get(QDI), ...F64X2_SPLAT, ...set(V_QDI),
      ...get(TWO_YI), ...F64X2_SPLAT, ...set(V_2YI),
      ...splat(1e-12), ...set(V_TAU),
      ...splat(0), ...set(V_ZERO),
      // initial values through scratch locals: −∞ (Gmax2, −objDiffMin), −1 (no column)
      ...splat(-Infinity), ...set(YG),
      ...get(YG), ...set(V_NEG_INF),
      ...splat(-1), ...set(Q2),
      ...init,
      ...get(V_ZERO), ...set(IDX),
      ...wssColumns(N, K, K8, K4, IDX, step),
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
  return assembleModule([['rbf', rbfFunc()], ['gradient', gradientFunc()], ['wssMax', wssMaxFunc()], ['wssMin', wssMinFunc()], ['axpy', axpyFunc()], ['swaps', swapsFunc()], ['gradMax', gradMaxFunc()]]);
}

interface RbfExports {
  rbf(start: number, len: number, d: number, stride: number, XT: number, SGN: number, OUT: number, i: number, negGamma: number, yi: number): void;
  gradient(G: number, Qi: number, Qj: number, len: number, dI: number, dJ: number): void;
  wssMax(n: number, G: number, SGN: number, UP: number, OUT: number): void;
  axpy(GB: number, COL: number, n: number, s: number): void;
  swaps(ROW: number, PAIRS: number, n: number, len: number): void;
  gradMax(n: number, G: number, QI: number, QJ: number, dI: number, dJ: number, SGN: number, UP: number, OUT: number): void;
  wssMin(n: number, G: number, SGN: number, LOW: number, QD: number, QI: number, OUT: number, gmax: number, qdi: number, twoYi: number): void;
}

/** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable. */
export const wasmRbfColumn = Object.assign(lazyWasmModule(assemble), {
  /** Set to false to run the working-set selection in JavaScript while the kernel columns stay in WebAssembly (tests). */
  selection: true,
});

const instances = new WeakMap<WebAssembly.Memory, RbfExports>();

/** Byte offsets of the kernel's buffers from `base` (see {@link RbfColumns}). */
function layout(l: number, d: number, base: number): { stride: number; xt: number; sgnf: number; sgn: number; out: number; g: number; qd: number; up: number; low: number; gbar: number; pairs: number; res: number; end: number } {
  const stride = (l + 6) & ~3; // columns per transposed row: l and at least 3 padding columns, a multiple of 4
  const xt = base;
  const sgnf = xt + d * stride * 4;
  const out = sgnf + stride * 4;
  const sgn = out + stride * 4;
  const g = sgn + stride * 8;
  const qd = g + stride * 8;
  const up = qd + stride * 8;
  const low = up + stride * 4;
  const gbar = low + stride * 4;
  const pairs = gbar + stride * 8;
  const res = pairs + stride * 8;
  return { stride, xt, sgnf, sgn, out, g, qd, up, low, gbar, pairs, res, end: res + 3 * WSS_LANES * 8 };
}

/**
 * One two-class problem's samples in WebAssembly memory, transposed, as float32, with their signs;
 * kept in the problem's index order by {@link swap}. The memory may also hold the kernel cache's
 * columns (`SlabPool`), which the kernel then writes in place.
 */
export class RbfColumns {
  private readonly run: RbfExports;
  /** The memory's buffer (never detached: the memory is never grown). */
  private readonly buf: ArrayBuffer;
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;
  private readonly out: Float32Array;
  private readonly at: ReturnType<typeof layout>;

  /** Bytes the buffers of an l × d problem take, or 0 when the module is unavailable. */
  static bytes(l: number, d: number): number {
    return wasmRbfColumn.module() === null ? 0 : layout(l, d, 0).end;
  }

  /**
   * The problem's buffers at byte `offset` of `mem` ({@link bytes} long, 16-byte aligned), for the
   * float32 samples `xf` (row-major l × d, as `SvcQ` centres them) and signs `y`; null when the
   * module is unavailable.
   */
  static create(mem: WebAssembly.Memory, offset: number, xf: Float32Array, l: number, d: number, y: Int8Array): RbfColumns | null {
    const module = wasmRbfColumn.module();
    if (module === null) return null;
    let run = instances.get(mem);
    if (run === undefined) {
      run = new WebAssembly.Instance(module, { env: { mem } }).exports as unknown as RbfExports;
      instances.set(mem, run);
    }
    return new RbfColumns(run, mem, offset, xf, l, d, y);
  }

  private constructor(run: RbfExports, mem: WebAssembly.Memory, offset: number, xf: Float32Array, l: number, private readonly d: number, y: Int8Array) {
    this.run = run;
    this.buf = mem.buffer;
    const at = layout(l, d, offset);
    this.at = at;
    this.f32 = new Float32Array(mem.buffer);
    this.f64 = new Float64Array(mem.buffer);
    this.out = new Float32Array(mem.buffer, at.out, at.stride);
    const { f32, f64 } = this;
    const { stride } = at;
    const xt = at.xt / 4;
    for (let j = 0; j < l; j++) {
      for (let t = 0; t < d; t++) f32[xt + t * stride + j] = xf[j * d + t];
      f32[at.sgnf / 4 + j] = y[j];
      f64[at.sgn / 8 + j] = y[j];
    }
    // the padding columns (their values are written to the scratch column only, never used)
    for (let j = l; j < stride; j++) {
      for (let t = 0; t < d; t++) f32[xt + t * stride + j] = 0;
      f32[at.sgnf / 4 + j] = 0;
      f64[at.sgn / 8 + j] = 0;
    }
  }

  /**
   * Writes row[j] = yi · y_j · expF32(−γ ‖x_i − x_j‖²) for start ≤ j < len, ‖·‖² summed over the
   * float32 features in order in float32 (`SvcQ`'s JavaScript loop gives the same bits). A row in
   * the module's memory is written in place, four columns at a time, the last len − start mod 4
   * through the scratch column; another row through the scratch column.
   */
  fill(row: Float32Array, i: number, start: number, len: number, yi: number, gamma: number): void {
    const { d, at } = this;
    const stride = at.stride * 4;
    const ng = -gamma;
    if (row.buffer === this.buf) {
      const whole = len - ((len - start) & 3);
      if (whole > start) this.run.rbf(start, whole, d, stride, at.xt, at.sgnf, row.byteOffset, i, ng, yi);
      if (whole < len) {
        this.run.rbf(whole, len, d, stride, at.xt, at.sgnf, at.out, i, ng, yi);
        for (let j = whole; j < len; j++) row[j] = this.out[j];
      }
      return;
    }
    this.run.rbf(start, len, d, stride, at.xt, at.sgnf, at.out, i, ng, yi);
    row.set(this.out.subarray(start, len), start);
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

  /**
   * {@link updateGradient} over [0, len) fused with {@link wssMax}'s pass over [0, n) (n the largest
   * multiple of {@link WSS_LANES} ≤ len) on the new G: returns wssMax's result, or null (nothing
   * done) when an array lies elsewhere.
   */
  updateGradientMax(G: Float64Array, Qi: Float32Array, Qj: Float32Array, len: number, dI: number, dJ: number, up: Int32Array): Float64Array | null {
    const buf = this.buf;
    if (G.buffer !== buf || Qi.buffer !== buf || Qj.buffer !== buf || up.buffer !== buf) return null;
    const n = len - (len % WSS_LANES);
    this.run.gradMax(n, G.byteOffset, Qi.byteOffset, Qj.byteOffset, dI, dJ, this.at.sgn, up.byteOffset, this.at.res);
    if (n < len) this.run.gradient(G.byteOffset + 8 * n, Qi.byteOffset + 4 * n, Qj.byteOffset + 4 * n, len - n, dI, dJ);
    this.res ??= new Float64Array(this.buf, this.at.res, 3 * WSS_LANES);
    return this.res;
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
   * Q_i, for a diagonal QD of ones (the RBF kernel's): per lane q, Gmax2 at [q], −objDiffMin at [WSS_LANES + q], its column − q at
   * [2 WSS_LANES + q] (−1: none); null when an array lies elsewhere.
   */
  wssMin(n: number, G: Float64Array, low: Int32Array, QD: Float64Array, Qi: Float32Array, gmax: number, qdi: number, yi: number): Float64Array | null {
    const buf = this.buf;
    if (G.buffer !== buf || low.buffer !== buf || QD.buffer !== buf || Qi.buffer !== buf) return null;
    // QD_i + QD_j with QD_j = 1 (the RBF kernel's diagonal; `SvcQ.selection` checks it)
    this.run.wssMin(n, G.byteOffset, this.at.sgn, low.byteOffset, QD.byteOffset, Qi.byteOffset, this.at.res, gmax, qdi + 1, 2 * yi);
    this.res ??= new Float64Array(this.buf, this.at.res, 3 * WSS_LANES);
    return this.res;
  }

  /** Swaps samples i and j (libsvm `swap_index`). */
  swap(i: number, j: number): void {
    const { f32, f64, d, at } = this;
    const xt = at.xt / 4;
    for (let t = 0; t < d; t++) swapF(f32, xt + t * at.stride + i, xt + t * at.stride + j);
    swapF(f32, at.sgnf / 4 + i, at.sgnf / 4 + j);
    swapF(f64, at.sgn / 8 + i, at.sgn / 8 + j);
  }
}

function swapF(a: Float64Array | Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
