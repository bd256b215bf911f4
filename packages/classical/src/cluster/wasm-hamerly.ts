/**
 * Internal: the k-means assignment step of `bounded-assigner.ts` (Hamerly's bounds with Lloyd's
 * float64 rescoring) as a hand-assembled WebAssembly module over one imported memory `env.mem`:
 *
 *   assign(start, end, d, kp, X, CT, C, cNorm, half, shift, labels, upper, lower, xn, maxShift, cMax, first, rows, from) → count
 *
 * for rows start ≤ i < end (pointer arguments are i32 byte offsets, f64 arrays 16-byte aligned; `labels` i32). X is n × d
 * row-major, C the k × d centers, CT the centers transposed and padded to kp = k rounded up to even
 * (d × kp, pad column 0, pad cNorm +∞). With `first` ≠ 0 every row is rescored; otherwise the bounds
 * are moved by the center shifts and only rows whose bounds cannot rule out a label change are
 * tightened and, if needed, rescored; each rescored row whose label changes is appended to the i32
 * lists `rows` (the row) and `from` (its previous label), and the call returns how many it appended
 * (meaningless with `first`, where no previous label is read). The rescoring computes the dot products of two centers at a
 * time in the two lanes of an f64x2 vector (WebAssembly SIMD): each lane adds x_f·c_f for f = 0…d−1
 * in order, without fused multiply-add, exactly as the JavaScript loop does, so every value (labels,
 * bounds) is bit-identical to the JavaScript kernel in `bounded-assigner.ts`. The module is under
 * 2 KiB, so synchronous compilation is allowed on a browser's main thread too.
 *
 * Why not V8's own code: a typed-array access in JavaScript pays a bounds check and there is no SIMD;
 * this kernel runs the assignment step about 3× faster on 20,000 × 16, k = 8 (measured; README).
 */
import {
  BLOCK,
  IF,
  ELSE,
  END,
  BR_IF,
  VOID,
  SELECT,
  I32_LOAD,
  F64_LOAD,
  I32_STORE,
  F64_STORE,
  I32_EQZ,
  I32_GT_U,
  I32_GE_U,
  F64_LT,
  F64_GT,
  I32_ADD,
  I32_MUL,
  I32_AND,
  I32_SHL,
  F64_SQRT,
  F64_ADD,
  F64_SUB,
  F64_MUL,
  F64_MIN,
  SIMD,
  V128_LOAD,
  F64X2_SPLAT,
  F64X2_EXTRACT_LANE,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SUB,
  V128_STORE,
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

/** i32.ne (not among the shared assembler's opcodes). */
const I32_NE = 0x47;
const load32 = (): number[] => [I32_LOAD, 2, 0];
const load64 = (): number[] => [F64_LOAD, 3, 0];
const store32 = (): number[] => [I32_STORE, 2, 0];
const store64 = (): number[] => [F64_STORE, 3, 0];

function assignFunc(): WasmFunc {
  // Parameters.
  const START = 0, END_ROW = 1, D = 2, KP = 3, X = 4, CT = 5, C = 6, CNORM = 7, HALF = 8, SHIFT = 9, LABELS = 10, UPPER = 11, LOWER = 12, XN = 13;
  const MAX_SHIFT = 14, C_MAX = 15, FIRST = 16, ROWS = 17, FROM = 18;
  // Locals: i32 ×8, f64 ×9, v128 ×5.
  const I = 19, A = 20, P = 21, Q = 22, F = 23, LBL = 24, CI = 25, COUNT = 26;
  const MARGIN = 27, U = 28, L = 29, BOUND = 30, S = 31, T = 32, BEST = 33, SECOND = 34, E = 35;
  const XS = 36, ACC = 37; // ACC … ACC + 3

  const at = (base: number, shift: number): number[] => address(base, get(I), shift);
  // (u < bound) & (bound·bound − u·u > margin)
  const canSkip = [
    ...get(U), ...get(BOUND), F64_LT,
    ...get(BOUND), ...get(BOUND), F64_MUL, ...get(U), ...get(U), F64_MUL, F64_SUB, ...get(MARGIN), F64_GT,
    I32_AND,
  ];
  // if (e < best) { second = best; best = e; lbl = center } else if (e < second) second = e
  const consider = (center: number[]): number[] => [
    ...get(E), ...get(BEST), F64_LT,
    IF, VOID,
    ...get(BEST), ...set(SECOND), ...get(E), ...set(BEST), ...center, ...set(LBL),
    ELSE,
    ...get(E), ...get(SECOND), F64_LT, IF, VOID, ...get(E), ...set(SECOND), END,
    END,
  ];
  // e = cNorm[ci + 2j + lane] − 2 · dot(acc j, lane)
  const laneScore = (j: number, lane: number): number[] => [
    ...address(CNORM, get(CI), 3), F64_LOAD, 3, ...uleb((2 * j + lane) * 8),
    ...f64(2), ...get(ACC + j), ...F64X2_EXTRACT_LANE, lane, F64_MUL, F64_SUB, ...set(E),
  ];
  /** Centers ci … ci + 2m − 1 (m pairs, m independent accumulators so their additions overlap). */
  const pairs = (m: number): number[] => {
    const lanes: number[] = [];
    for (let j = 0; j < m; j++) {
      for (const lane of [0, 1]) {
        lanes.push(...laneScore(j, lane), ...consider(2 * j + lane === 0 ? get(CI) : [...get(CI), ...i32(2 * j + lane), I32_ADD]));
      }
    }
    const zero: number[] = [];
    const step: number[] = [];
    for (let j = 0; j < m; j++) {
      zero.push(...f64(0), ...F64X2_SPLAT, ...set(ACC + j));
      step.push(...get(ACC + j), ...get(XS), ...get(Q), ...V128_LOAD, 4, ...uleb(16 * j), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + j));
    }
    return [
      // acc_j = 0; Q = CT + ci·8; for f < d: acc_j += splat(x[f]) · CT[f, ci + 2j : ci + 2j + 2]; Q += kp·8
      ...zero,
      ...address(CT, get(CI), 3), ...set(Q),
      ...i32(0), ...set(F),
      ...loop([...get(F), ...get(D), I32_GE_U], [
        ...address(P, get(F), 3), ...load64(), ...F64X2_SPLAT, ...set(XS),
        ...step,
        ...bump(Q, [...get(KP), ...i32(3), I32_SHL]),
        ...bump(F, i32(1)),
      ]),
      ...lanes,
      ...bump(CI, i32(2 * m)),
    ];
  };
  const rescore = [
    ...f64(Infinity), ...set(BEST), ...f64(Infinity), ...set(SECOND), ...i32(0), ...set(LBL),
    ...i32(0), ...set(CI),
    ...loop([...get(CI), ...i32(8), I32_ADD, ...get(KP), I32_GT_U], pairs(4)),
    ...loop([...get(CI), ...get(KP), I32_GE_U], pairs(1)),
    // err (in T) = 1e-12·(x2 + cMax) + 1e-300, x2 = xn[i] (in S)
    ...at(XN, 3), ...load64(), ...set(S),
    ...f64(1e-12), ...get(S), ...get(C_MAX), F64_ADD, F64_MUL, ...f64(1e-300), F64_ADD, ...set(T),
    ...at(LABELS, 2), ...get(LBL), ...store32(),
    // a changed label: rows[count] = i, from[count] = a, count += 1
    ...get(LBL), ...get(A), I32_NE, IF, VOID,
    ...address(ROWS, get(COUNT), 2), ...get(I), ...store32(),
    ...address(FROM, get(COUNT), 2), ...get(A), ...store32(),
    ...bump(COUNT, i32(1)),
    END,
    // upper[i] = sqrt(max'(x2 + best) + err); lower[i] = sqrt(max'(x2 + second − err)), max'(v) = v > 0 ? v : 0
    ...at(UPPER, 3),
    ...get(S), ...get(BEST), F64_ADD, ...tee(E), ...f64(0), ...get(E), ...f64(0), F64_GT, SELECT,
    ...get(T), F64_ADD, F64_SQRT, ...store64(),
    ...at(LOWER, 3),
    ...get(S), ...get(SECOND), F64_ADD, ...get(T), F64_SUB, ...tee(E), ...f64(0), ...get(E), ...f64(0), F64_GT, SELECT,
    F64_SQRT, ...store64(),
  ];
  const bounded = [
    // a = labels[i]; margin = 1e-10·(xn[i] + cMax) + 1e-300
    ...at(LABELS, 2), ...load32(), ...set(A),
    ...f64(1e-10), ...at(XN, 3), ...load64(), ...get(C_MAX), F64_ADD, F64_MUL, ...f64(1e-300), F64_ADD, ...set(MARGIN),
    // u = upper[i] + shift[a]; l = lower[i] − maxShift; bound = half[a] > l ? half[a] : l
    ...at(UPPER, 3), ...load64(), ...address(SHIFT, get(A), 3), ...load64(), F64_ADD, ...set(U),
    ...at(LOWER, 3), ...load64(), ...get(MAX_SHIFT), F64_SUB, ...set(L),
    ...address(HALF, get(A), 3), ...load64(), ...tee(T), ...get(L), ...get(T), ...get(L), F64_GT, SELECT, ...set(BOUND),
    ...at(UPPER, 3), ...get(U), ...store64(),
    ...at(LOWER, 3), ...get(L), ...store64(),
    ...canSkip, BR_IF, 1,
    // tighten: u = ‖x − c_a‖ (Q = C + a·d·8)
    ...address(C, [...get(A), ...get(D), I32_MUL], 3), ...set(Q),
    ...f64(0), ...set(S),
    ...i32(0), ...set(F),
    ...loop([...get(F), ...get(D), I32_GE_U], [
      ...address(P, get(F), 3), ...load64(), ...address(Q, get(F), 3), ...load64(), F64_SUB, ...tee(T),
      ...get(T), F64_MUL, ...get(S), F64_ADD, ...set(S),
      ...bump(F, i32(1)),
    ]),
    ...get(S), F64_SQRT, ...set(U),
    ...at(UPPER, 3), ...get(U), ...store64(),
    ...canSkip, BR_IF, 1,
  ];
  const row = [
    BLOCK, VOID, // br 0 from the row body (inside the `if`: br 1) skips the rescoring
    ...address(X, [...get(I), ...get(D), I32_MUL], 3), ...set(P),
    ...get(FIRST), I32_EQZ, IF, VOID, ...bounded, END,
    ...rescore,
    END,
    ...bump(I, i32(1)),
  ];
  return {
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32, I32, I32],
    result: [I32],
    locals: [[8, I32], [9, F64], [5, V128]],
    body: [...get(START), ...set(I), ...loop([...get(I), ...get(END_ROW), I32_GE_U], row), ...get(COUNT)],
  };
}

/**
 * k-means++'s candidate potentials, m candidates in one pass over X:
 *
 *   potentials(n, d, X, CT, mp, m, closest, out, pots, scratch)
 *
 * out[j·n + i] = min(closest[i], ‖x_i − cand_j‖²) and pots[j] += out[j·n + i] in row order, for j < m.
 * CT holds the candidates transposed and padded to mp (a multiple of 4) columns (d × mp); `pots` starts at 0;
 * `scratch` holds mp f64 (one row's distances).
 * Two candidates share an f64x2 vector (one per lane), two vectors in flight (the pad columns'
 * values are computed and dropped); each lane adds
 * (x_f − c_f)² in feature order without fused multiply-add, as the JavaScript loop of
 * `kmeans-plusplus.ts`, so the values are the same bit for bit.
 */
function potentialsFunc(): WasmFunc {
  const N = 0, D = 1, X = 2, CT = 3, MP = 4, M = 5, CLOSEST = 6, OUT = 7, POTS = 8, SCR = 9;
  const I = 10, F = 11, P = 12, Q = 13, CJ = 14, W = 15;
  const CL = 16, V = 17;
  const XS = 18, TMP = 19, ACC = 20; // ACC, ACC + 1
  /** Candidates cj … cj + 2g − 1 (g pairs), kept in scratch. */
  const group = (g: number): number[] => {
    const zero: number[] = [];
    const step: number[] = [];
    for (let j = 0; j < g; j++) {
      zero.push(...f64(0), ...F64X2_SPLAT, ...set(ACC + j));
      step.push(
        ...get(XS), ...get(Q), ...V128_LOAD, 4, ...uleb(16 * j), ...F64X2_SUB, ...tee(TMP),
        ...get(TMP), ...F64X2_MUL, ...get(ACC + j), ...F64X2_ADD, ...set(ACC + j),
      );
    }
    // scratch[cj + 2j + lane] = acc_j[lane]
    const keep: number[] = [];
    for (let j = 0; j < g; j++) keep.push(...address(SCR, get(CJ), 3), ...get(ACC + j), ...V128_STORE, 4, ...uleb(16 * j));
    return [
      ...zero,
      ...address(CT, get(CJ), 3), ...set(Q),
      ...i32(0), ...set(F),
      ...loop([...get(F), ...get(D), I32_GE_U], [
        ...address(P, get(F), 3), ...load64(), ...F64X2_SPLAT, ...set(XS),
        ...step,
        ...bump(Q, [...get(MP), ...i32(3), I32_SHL]),
        ...bump(F, i32(1)),
      ]),
      ...keep,
      ...bump(CJ, i32(2 * g)),
    ];
  };
  const row = [
    ...address(CLOSEST, get(I), 3), ...load64(), ...set(CL),
    ...i32(0), ...set(CJ),
    ...loop([...get(CJ), ...get(MP), I32_GE_U], group(2)),
    // for w < m: v = min(cl, scratch[w]); out[w·n + i] = v; pots[w] += v
    ...i32(0), ...set(W),
    ...loop([...get(W), ...get(M), I32_GE_U], [
      ...get(CL), ...address(SCR, get(W), 3), ...load64(), F64_MIN, ...set(V),
      ...address(OUT, [...get(W), ...get(N), I32_MUL, ...get(I), I32_ADD], 3), ...get(V), ...store64(),
      ...address(POTS, get(W), 3), ...address(POTS, get(W), 3), ...load64(), ...get(V), F64_ADD, ...store64(),
      ...bump(W, i32(1)),
    ]),
    ...bump(P, [...get(D), ...i32(3), I32_SHL]),
    ...bump(I, i32(1)),
  ];
  return {
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
    result: [],
    locals: [[6, I32], [2, F64], [4, V128]],
    body: [...get(X), ...set(P), ...loop([...get(I), ...get(N), I32_GE_U], row)],
  };
}

function assemble(): Uint8Array<ArrayBuffer> {
  return assembleModule([['assign', assignFunc()], ['potentials', potentialsFunc()]]);
}

/** The module's export, as instantiated over one memory. */
export interface WasmHamerlyExports {
  assign(
    start: number, end: number, d: number, kp: number, X: number, CT: number, C: number, cNorm: number, half: number, shift: number,
    labels: number, upper: number, lower: number, xn: number, maxShift: number, cMax: number, first: number, rows: number, from: number,
  ): number;
  potentials(n: number, d: number, X: number, CT: number, mp: number, m: number, closest: number, out: number, pots: number, scratch: number): void;
}

/** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable. */
export const wasmHamerly = lazyWasmModule(assemble);
