/**
 * Internal: what @ml/classical's hand-assembled WebAssembly kernels share (the k-means assignment in
 * `cluster/wasm-hamerly.ts`, the SVC kernel columns in `svm/wasm-rbf-column.ts`): opcodes, LEB128 and
 * section encoding, small instruction builders, and `assembleModule`, which writes a module that
 * imports one memory `env.mem` and exports its functions.
 */

import { get, name, section, set, uleb, vec } from '@ml/core/wasm';

// The binary-format encodings are core's one copy (`@ml/core/wasm`), re-exported for this package's kernels.
export { get, name, section, set, tee, uleb, vec } from '@ml/core/wasm';

// Opcodes (WebAssembly core spec 2.0, §5.4; SIMD instructions are prefixed 0xfd, saturating
// truncation 0xfc) and value types.
export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const ELSE = 0x05;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const VOID = 0x40;
export const SELECT = 0x1b;
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;
export const I32_LOAD = 0x28;
export const F64_LOAD = 0x2b;
export const I32_STORE = 0x36;
export const F64_STORE = 0x39;
export const I32_CONST = 0x41;
export const F64_CONST = 0x44;
export const I32_EQZ = 0x45;
export const I32_GT_U = 0x4b;
export const I32_GE_U = 0x4f;
export const F64_LT = 0x63;
export const F64_GT = 0x64;
export const I32_ADD = 0x6a;
export const I32_MUL = 0x6c;
export const I32_AND = 0x71;
export const I32_SHL = 0x74;
export const F64_SQRT = 0x9f;
export const F64_ADD = 0xa0;
export const F64_SUB = 0xa1;
export const F64_MUL = 0xa2;
export const F64_MIN = 0xa4;
export const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const F64X2_SPLAT = [SIMD, 0x14];
export const F64X2_EXTRACT_LANE = [SIMD, 0x21];
export const F64X2_ADD = [SIMD, 0xf0, 0x01];
export const F64X2_MUL = [SIMD, 0xf2, 0x01];
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNC = 0x60;
export const RETURN = 0x0f;
export const I32_GE_S = 0x4e;
export const I32_TRUNC_SAT_F64_S = [0xfc, 0x02];
export const F32_LOAD = 0x2a;
export const F64_PROMOTE_F32 = 0xbb;
export const V128_STORE64_LANE = [SIMD, 0x5b];
export const V128_STORE = [SIMD, 0x0b];
export const V128_LOAD64_ZERO = [SIMD, 0x5d];
export const F64X2_PROMOTE_LOW_F32X4 = [SIMD, 0x5f];
export const F64X2_REPLACE_LANE = [SIMD, 0x22];
export const F64X2_LT = [SIMD, 0x49];
export const F64X2_LE = [SIMD, 0x4b];
export const V128_ANDNOT = [SIMD, 0x4f];
export const F32X4_DEMOTE_F64X2_ZERO = [SIMD, 0x5e];
export const I64X2_ALL_TRUE = [SIMD, 0xc3, 0x01];
export const F64X2_SUB = [SIMD, 0xf1, 0x01];
export const F64X2_MAX = [SIMD, 0xf5, 0x01];
// SVC prediction (svm/wasm-rbf-predict.ts)
export const V128_LOAD64_SPLAT = [SIMD, 0x0a];
export const I64X2_SHL = [SIMD, 0xcb, 0x01];
export const F64X2_PMAX = [SIMD, 0xf7, 0x01];
export const I64X2_SHR_U = [SIMD, 0xcd, 0x01];
export const I64X2_EXTRACT_LANE = [SIMD, 0x1d];
export const I32_WRAP_I64 = 0xa7;
export const V128_CONST = [SIMD, 0x0c]; // + 16 bytes
// SVC working-set selection (svm/wasm-rbf-column.ts)
export const F64X2_GT = [SIMD, 0x4a];
export const F64X2_GE = [SIMD, 0x4c];
export const F64X2_NEG = [SIMD, 0xed, 0x01];
export const F64X2_DIV = [SIMD, 0xf3, 0x01];
export const V128_AND = [SIMD, 0x4e];
export const V128_BITSELECT = [SIMD, 0x52];
export const I64X2_EXTEND_LOW_I32X4_S = [SIMD, 0xc7, 0x01];
export const I32X4_EXTRACT_LANE = [SIMD, 0x1b];

export const i32 = (c: number): number[] => [I32_CONST, ...uleb(c)]; // small non-negative constants (< 64) only
export const f64 = (c: number): number[] => [F64_CONST, ...new Uint8Array(new Float64Array([c]).buffer)];
/** `while (!(exitCondition)) body` */
export const loop = (exitCondition: number[], body: number[]): number[] => [BLOCK, VOID, LOOP, VOID, ...exitCondition, BR_IF, 1, ...body, BR, 0, END, END];
/** base + (index << shift) */
export const address = (base: number, index: number[], shift: number): number[] => [...get(base), ...index, ...i32(shift), I32_SHL, I32_ADD];
/** local += step (i32) */
export const bump = (local: number, step: number[]): number[] => [...get(local), ...step, I32_ADD, ...set(local)];

/** One function of a module: parameter and result types, locals as [count, type] runs, and its body. */
export interface WasmFunc {
  params: number[];
  result: number[];
  locals: Array<[number, number]>;
  body: number[];
}

/** A module importing memory `env.mem` (min 1 page) and exporting `funcs` by name, in order. */
export function assembleModule(funcs: ReadonlyArray<readonly [string, WasmFunc]>): Uint8Array<ArrayBuffer> {
  const types = funcs.map(([, f]) => [FUNC, ...vec(f.params.map((t) => [t])), ...vec(f.result.map((t) => [t]))]);
  const code = funcs.map(([, f]) => {
    const b = [...vec(f.locals.map(([count, t]) => [...uleb(count), t])), ...f.body, END];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page
    ...section(3, vec(funcs.map((_, i) => [i]))),
    ...section(7, vec(funcs.map(([exportName], i) => [...name(exportName), 0x00, i]))),
    ...section(10, vec(code)),
  ]);
}

/** A hand-assembled module compiled on first use, with a switch that forces the JavaScript path (tests compare both). */
export interface LazyWasmModule {
  /** Set to false to force the JavaScript path. */
  enabled: boolean;
  /** The compiled module (once), or null where WebAssembly or its SIMD extension is unavailable or `enabled` is false. */
  module(): WebAssembly.Module | null;
  /** The module's bytes (tests check the size). */
  bytes(): Uint8Array<ArrayBuffer>;
}

/** {@link LazyWasmModule} over `assemble`, which runs at most once for the compiled module. */
export function lazyWasmModule(assemble: () => Uint8Array<ArrayBuffer>): LazyWasmModule {
  let compiled: WebAssembly.Module | null | undefined;
  const lazy: LazyWasmModule = {
    enabled: true,
    module(): WebAssembly.Module | null {
      if (!lazy.enabled) return null;
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
    bytes: assemble,
  };
  return lazy;
}

// SVC RBF columns in float32 lanes (svm/wasm-rbf-column.ts)
export const F32 = 0x7d;
export const F32_CONST = 0x43;
export const V128_LOAD32_SPLAT = [SIMD, 0x09];
export const F32X4_SPLAT = [SIMD, 0x13];
export const F32X4_LT = [SIMD, 0x43];
export const F32X4_ADD = [SIMD, 0xe4, 0x01];
export const F32X4_SUB = [SIMD, 0xe5, 0x01];
export const F32X4_MUL = [SIMD, 0xe6, 0x01];
export const F32X4_PMAX = [SIMD, 0xeb, 0x01];
export const I32X4_SHL = [SIMD, 0xab, 0x01];
export const I32X4_ADD = [SIMD, 0xae, 0x01];
/** f32.const c (c rounded to float32). */
export const f32 = (c: number): number[] => [F32_CONST, ...new Uint8Array(new Float32Array([c]).buffer)];
/** v128.const with the i32 `c` in each of the four lanes. */
export const v128i32 = (c: number): number[] => [...V128_CONST, ...new Uint8Array(new Int32Array([c, c, c, c]).buffer)];
