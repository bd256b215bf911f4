/**
 * PageRank's two per-iteration passes (see `push-kernels.ts`) as a hand-assembled WebAssembly
 * module over one imported memory `env.mem`:
 *
 *   scatterU(n, indptr, indices, weights, x, inv, acc)      acc[v] += x[u]·inv[u] for each u → v
 *   scatterW(n, indptr, indices, weights, x, inv, acc)      … · weights[k]
 *   finalize(n, x, acc, inv, p, delta, alpha, mass, massOut) → L1 change; writes the new x,
 *            zeroes acc and stores the dangling mass of the new x at massOut
 *
 * (all pointer arguments are i32 byte offsets, arrays 8-byte aligned; `weights` is unused by
 * scatterU). In V8 a typed-array access pays a bounds check; WebAssembly relies on guard pages,
 * which makes the scatter loop markedly faster than the best JavaScript version. The module is
 * under 1 KiB, so synchronous compilation is allowed on a browser's main thread too.
 *
 * Arithmetic order matches the JavaScript kernels exactly, so both give bit-identical results.
 */

import { get, name, section, set, tee, uleb, vec } from '@ml/core/wasm';

// Opcodes (WebAssembly core spec 1.0, §5.4).
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const VOID = 0x40;
const SELECT = 0x1b;
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_GE_U = 0x4f;
const F64_EQ = 0x61;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const F64_ABS = 0x99;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const I32 = 0x7f;
const F64 = 0x7c;
const FUNC = 0x60;

const i32 = (c: number): number[] => [I32_CONST, ...uleb(c)]; // small non-negative constants (< 64) only
const f64 = (c: number): number[] => [F64_CONST, ...new Uint8Array(new Float64Array([c]).buffer)];
const load32 = (offset = 0): number[] => [I32_LOAD, 2, ...uleb(offset)];
const load64 = (offset = 0): number[] => [F64_LOAD, 3, ...uleb(offset)];
const store64 = (offset = 0): number[] => [F64_STORE, 3, ...uleb(offset)];
/** `while (!(exitCondition)) body` */
const loop = (exitCondition: number[], body: number[]): number[] => [BLOCK, VOID, LOOP, VOID, ...exitCondition, BR_IF, 1, ...body, BR, 0, END, END];
/** base + (index << shift) */
const address = (base: number, index: number[], shift: number): number[] => [...get(base), ...index, ...i32(shift), I32_SHL, I32_ADD];

interface Func {
  name: string;
  params: number[];
  result: number[];
  locals: Array<[number, number]>;
  body: number[];
}

function scatter(weighted: boolean): Func {
  // Parameters, then locals.
  const N = 0, PTR = 1, IDX = 2, W = 3, X = 4, INV = 5, ACC = 6;
  const U = 7, IA = 8, IEND = 9, WA = 10, T = 11, YU = 12;
  const edge = [
    // t = &acc[indices[k]]; *t = *t + yu (· weights[k])
    ...address(ACC, [...get(IA), ...load32()], 3), ...tee(T),
    ...get(T), ...load64(), ...get(YU), ...(weighted ? [...get(WA), ...load64(), F64_MUL] : []), F64_ADD, ...store64(),
    ...get(IA), ...i32(4), I32_ADD, ...set(IA),
    ...(weighted ? [...get(WA), ...i32(8), I32_ADD, ...set(WA)] : []),
  ];
  const row = [
    // T = &indptr[u]; IA = &indices[indptr[u]]; IEND = &indices[indptr[u + 1]]; WA = &weights[indptr[u]]
    ...address(PTR, get(U), 2), ...set(T),
    ...address(IDX, [...get(T), ...load32(0)], 2), ...set(IA),
    ...address(IDX, [...get(T), ...load32(4)], 2), ...set(IEND),
    ...(weighted ? [...address(W, [...get(T), ...load32(0)], 3), ...set(WA)] : []),
    // yu = x[u] · inv[u]
    ...address(X, get(U), 3), ...load64(), ...address(INV, get(U), 3), ...load64(), F64_MUL, ...set(YU),
    ...loop([...get(IA), ...get(IEND), I32_GE_U], edge),
    ...get(U), ...i32(1), I32_ADD, ...set(U),
  ];
  return {
    name: weighted ? 'scatterW' : 'scatterU',
    params: [I32, I32, I32, I32, I32, I32, I32],
    result: [],
    locals: [[5, I32], [1, F64]],
    body: loop([...get(U), ...get(N), I32_GE_U], row),
  };
}

function finalize(): Func {
  const N = 0, X = 1, ACC = 2, INV = 3, P = 4, DELTA = 5, ALPHA = 6, MASS = 7, MASS_OUT = 8;
  const V = 9, A = 10, NEXT = 11, ERR = 12, NEXT_MASS = 13, BETA = 14;
  const at = (base: number): number[] => [...get(base), ...get(A), I32_ADD];
  const node = [
    ...get(V), ...i32(3), I32_SHL, ...set(A),
    // next = alpha · (acc[v] + mass · delta[v]) + beta · p[v]
    ...get(ALPHA), ...at(ACC), ...load64(), ...get(MASS), ...at(DELTA), ...load64(), F64_MUL, F64_ADD, F64_MUL,
    ...get(BETA), ...at(P), ...load64(), F64_MUL, F64_ADD, ...set(NEXT),
    ...at(ACC), ...f64(0), ...store64(),
    // err += |next − x[v]|; x[v] = next
    ...get(ERR), ...get(NEXT), ...at(X), ...load64(), F64_SUB, F64_ABS, F64_ADD, ...set(ERR),
    ...at(X), ...get(NEXT), ...store64(),
    // nextMass += inv[v] == 0 ? next : 0
    ...get(NEXT_MASS), ...get(NEXT), ...f64(0), ...at(INV), ...load64(), ...f64(0), F64_EQ, SELECT, F64_ADD, ...set(NEXT_MASS),
    ...get(V), ...i32(1), I32_ADD, ...set(V),
  ];
  return {
    name: 'finalize',
    params: [I32, I32, I32, I32, I32, I32, F64, F64, I32],
    result: [F64],
    locals: [[2, I32], [4, F64]],
    body: [
      ...f64(1), ...get(ALPHA), F64_SUB, ...set(BETA),
      ...loop([...get(V), ...get(N), I32_GE_U], node),
      ...get(MASS_OUT), ...get(NEXT_MASS), ...store64(),
      ...get(ERR),
    ],
  };
}

function assemble(): Uint8Array<ArrayBuffer> {
  const funcs = [scatter(false), scatter(true), finalize()];
  const types = funcs.map((f) => [FUNC, ...vec(f.params.map((t) => [t])), ...vec(f.result.map((t) => [t]))]);
  const code = funcs.map((f) => {
    const b = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, END];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vec(funcs.map((_, i) => [i]))),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, i]))),
    ...section(10, vec(code)),
  ]);
}

/** The module's exports, as instantiated over one memory. */
export interface WasmPushExports {
  scatterU(n: number, indptr: number, indices: number, weights: number, x: number, inv: number, acc: number): void;
  scatterW(n: number, indptr: number, indices: number, weights: number, x: number, inv: number, acc: number): void;
  finalize(n: number, x: number, acc: number, inv: number, p: number, delta: number, alpha: number, mass: number, massOut: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module (once), or null where WebAssembly is unavailable or disabled. */
export const wasmPush = {
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
