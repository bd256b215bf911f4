/**
 * PageRank's pull step (see `pullUnweighted`) as a hand-assembled WebAssembly module of two
 * functions, `pullW` (weighted) and `pullU` (unweighted), over one imported memory `env.mem`.
 * In V8 a typed-array gather pays a bounds check per load; WebAssembly relies on guard pages, which
 * makes this loop about twice as fast as the best JavaScript version (measured against scipy's
 * `x @ A` in benchmarks/workloads/pagerank.mjs). The module is under 1 KiB, so synchronous
 * compilation is allowed on a browser's main thread too.
 *
 * Arithmetic order matches the JavaScript kernels exactly (two partial sums over pairs of edges,
 * odd edge into the first, then (s0 + s1) + mass·δ[v]), so both paths give bit-identical results.
 *
 * Signature of both functions (byte offsets into memory; all arrays 8-byte aligned):
 *   (n, indptr, indices, weights, y, x, p, delta: i32, alpha, mass: f64) → f64 L1 change
 */

// Opcodes (WebAssembly core spec 1.0, §5.4).
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const VOID = 0x40;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_LT_U = 0x49;
const I32_GT_U = 0x4b;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const F64_ABS = 0x99;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const I32 = 0x7f;
const F64 = 0x7c;

// Parameters, then locals.
const N = 0, PTR = 1, IDX = 2, W = 3, Y = 4, X = 5, P = 6, DELTA = 7, ALPHA = 8, MASS = 9;
const V = 10, IA = 11, IEND = 12, WA = 13, A = 14, S0 = 15, S1 = 16, ERR = 17, NEXT = 18, BETA = 19;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const get = (i: number): number[] => [LOCAL_GET, i];
const set = (i: number): number[] => [LOCAL_SET, i];
const i32 = (c: number): number[] => [I32_CONST, ...uleb(c)]; // small non-negative constants only
const f64 = (c: number): number[] => [F64_CONST, ...new Uint8Array(new Float64Array([c]).buffer)];
const load32 = (offset: number): number[] => [I32_LOAD, 2, ...uleb(offset)];
const load64 = (offset: number): number[] => [F64_LOAD, 3, ...uleb(offset)];

function body(weighted: boolean): number[] {
  // y[indices[k]] (· weights[k]), with k addressed by IA (+ byte offset) and WA.
  const term = (indexOffset: number, weightOffset: number): number[] => [
    ...get(Y), ...get(IA), ...load32(indexOffset), ...i32(3), I32_SHL, I32_ADD, ...load64(0),
    ...(weighted ? [...get(WA), ...load64(weightOffset), F64_MUL] : []),
  ];
  const advance = (edges: number): number[] => [
    ...get(IA), ...i32(4 * edges), I32_ADD, ...set(IA),
    ...(weighted ? [...get(WA), ...i32(8 * edges), I32_ADD, ...set(WA)] : []),
  ];
  return [
    ...f64(1), ...get(ALPHA), F64_SUB, ...set(BETA),
    BLOCK, VOID, LOOP, VOID,
    ...get(V), ...get(N), I32_GE_U, BR_IF, 1,
    // A = &indptr[v]; IA = &indices[indptr[v]]; IEND = &indices[indptr[v + 1]]; WA = &weights[indptr[v]]
    ...get(PTR), ...get(V), ...i32(2), I32_SHL, I32_ADD, ...set(A),
    ...get(IDX), ...get(A), ...load32(0), ...i32(2), I32_SHL, I32_ADD, ...set(IA),
    ...get(IDX), ...get(A), ...load32(4), ...i32(2), I32_SHL, I32_ADD, ...set(IEND),
    ...(weighted ? [...get(W), ...get(A), ...load32(0), ...i32(3), I32_SHL, I32_ADD, ...set(WA)] : []),
    ...f64(0), ...set(S0), ...f64(0), ...set(S1),
    // Pairs of edges into two partial sums.
    BLOCK, VOID, LOOP, VOID,
    ...get(IA), ...i32(8), I32_ADD, ...get(IEND), I32_GT_U, BR_IF, 1,
    ...get(S0), ...term(0, 0), F64_ADD, ...set(S0),
    ...get(S1), ...term(4, 8), F64_ADD, ...set(S1),
    ...advance(2),
    BR, 0,
    END, END,
    // The odd edge, if any.
    ...get(IA), ...get(IEND), I32_LT_U, IF, VOID,
    ...get(S0), ...term(0, 0), F64_ADD, ...set(S0),
    END,
    // next = alpha · ((s0 + s1) + mass · delta[v]) + beta · p[v]; err += |next − x[v]|; x[v] = next
    ...get(V), ...i32(3), I32_SHL, ...set(A),
    ...get(ALPHA), ...get(S0), ...get(S1), F64_ADD, ...get(MASS), ...get(DELTA), ...get(A), I32_ADD, ...load64(0), F64_MUL, F64_ADD, F64_MUL,
    ...get(BETA), ...get(P), ...get(A), I32_ADD, ...load64(0), F64_MUL, F64_ADD, ...set(NEXT),
    ...get(ERR), ...get(NEXT), ...get(X), ...get(A), I32_ADD, ...load64(0), F64_SUB, F64_ABS, F64_ADD, ...set(ERR),
    ...get(X), ...get(A), I32_ADD, ...get(NEXT), F64_STORE, 3, 0,
    ...get(V), ...i32(1), I32_ADD, ...set(V),
    BR, 0,
    END, END,
    ...get(ERR), END,
  ];
}

function assemble(): Uint8Array<ArrayBuffer> {
  const code = (weighted: boolean): number[] => {
    const b = [...vec([[5, I32], [5, F64]]), ...body(weighted)];
    return [...uleb(b.length), ...b];
  };
  const type = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [I32], [F64], [F64]]), ...vec([[F64]])];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vec([[0], [0]])),
    ...section(7, vec([[...name('pullW'), 0x00, 0], [...name('pullU'), 0x00, 1]])),
    ...section(10, vec([code(true), code(false)])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module (once), or null where WebAssembly is unavailable or disabled. */
export const wasmPull = {
  /** Set to false to force the JavaScript kernels (tests compare both paths). */
  enabled: true,
  module(): WebAssembly.Module | null {
    if (!this.enabled) return null;
    if (compiled === undefined) {
      try {
        compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(assemble()) : null;
      } catch {
        compiled = null;
      }
    }
    return compiled;
  },
};
