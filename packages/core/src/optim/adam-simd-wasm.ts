/**
 * The Adam/AdamW update as a hand-assembled WebAssembly SIMD loop that works in place on
 * tfjs-backend-wasm's own heap (internal to `adamStep`). It imports the backend's
 * `WebAssembly.Memory`, so it reads the parameter, gradient and moments and writes the fresh output
 * buffers without copies, four floats per instruction. Every operation is a float32 SIMD
 * instruction, each correctly rounded (IEEE 754), in the same order as the tensor path, so the
 * results are the same bits. A plain JavaScript loop over the same arrays measured no faster than
 * the ~10 tfjs kernels it replaces (a float64 division and square root per element, plus the
 * float32 roundings); this one is a single vectorised pass.
 * @see https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions
 */

import { get, name, perMemory, section, set, uleb, vec } from '../backend/kernels/wasm-binary.js';

// Opcodes (WebAssembly core spec 2.0 §5.4; SIMD instructions take the 0xfd prefix and a LEB128 index).
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const VOID = 0x40;
const I32_CONST = 0x41;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const FUNC = 0x60;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00, 0x04, 0x00]; // align 2^4, offset 0
const V128_STORE = [SIMD, 0x0b, 0x04, 0x00];
const F32X4_SPLAT = [SIMD, 0x13];
const F32X4_SQRT = [SIMD, 0xe3, 0x01];
const F32X4_ADD = [SIMD, 0xe4, 0x01];
const F32X4_MUL = [SIMD, 0xe6, 0x01];
const F32X4_DIV = [SIMD, 0xe7, 0x01];
const F32X4_MAX = [SIMD, 0xe9, 0x01];

/** Parameters, in order: 9 byte addresses, the byte length (a multiple of 16), 9 float32 constants. */
const P = {
  param: 0, grad: 1, m: 2, v: 3, vMax: 4, outParam: 5, outM: 6, outV: 7, outVMax: 8, bytes: 9,
  decay: 10, l2: 11, beta1: 12, oneMinusBeta1: 13, beta2: 14, oneMinusBeta2: 15, biasCorrection2Sqrt: 16, eps: 17, negStepSize: 18,
} as const;
type P = (typeof P)[keyof typeof P];
const CONSTANTS = 9;
/** Locals after the parameters: the byte offset, the splatted constants, and four vector temporaries. */
const OFFSET = 19;
const SPLAT = 20; // SPLAT + k holds constant k splatted
const [VP, VG, VM, VV] = [29, 30, 31, 32];

/** The update's flavour: which weight decay, and whether AMSGrad keeps a running maximum. */
export type AdamSimdVariant = 'plain' | 'decoupled' | 'coupled';

function body(variant: AdamSimdVariant, amsgrad: boolean): number[] {
  const splat = (k: P) => get(SPLAT + (k - P.decay));
  const at = (base: P) => [...get(base), ...get(OFFSET), I32_ADD];
  const code: number[] = [];
  for (let k = 0; k < CONSTANTS; k++) code.push(...get(P.decay + k), ...F32X4_SPLAT, ...set(SPLAT + k));
  code.push(I32_CONST, 0, ...set(OFFSET));
  const step: number[] = [
    ...at(P.param), ...V128_LOAD, ...set(VP),
    ...at(P.grad), ...V128_LOAD, ...set(VG),
  ];
  if (variant === 'decoupled') step.push(...get(VP), ...splat(P.decay), ...F32X4_MUL, ...set(VP)); // p·(1 − lr·λ)
  if (variant === 'coupled') step.push(...get(VG), ...get(VP), ...splat(P.l2), ...F32X4_MUL, ...F32X4_ADD, ...set(VG)); // g + λ·p
  step.push(
    // m = m·β₁ + g·(1 − β₁)
    ...at(P.m), ...V128_LOAD, ...splat(P.beta1), ...F32X4_MUL, ...get(VG), ...splat(P.oneMinusBeta1), ...F32X4_MUL, ...F32X4_ADD, ...set(VM),
    ...at(P.outM), ...get(VM), ...V128_STORE,
    // v = v·β₂ + g²·(1 − β₂)
    ...at(P.v), ...V128_LOAD, ...splat(P.beta2), ...F32X4_MUL, ...get(VG), ...get(VG), ...F32X4_MUL, ...splat(P.oneMinusBeta2), ...F32X4_MUL, ...F32X4_ADD, ...set(VV),
    ...at(P.outV), ...get(VV), ...V128_STORE,
  );
  if (amsgrad) step.push(...at(P.vMax), ...V128_LOAD, ...get(VV), ...F32X4_MAX, ...set(VV), ...at(P.outVMax), ...get(VV), ...V128_STORE);
  step.push(
    // p + (m / (√v / √(1 − β₂ᵗ) + ε))·(−lr / (1 − β₁ᵗ))
    ...at(P.outParam),
    ...get(VP), ...get(VM), ...get(VV), ...F32X4_SQRT, ...splat(P.biasCorrection2Sqrt), ...F32X4_DIV, ...splat(P.eps), ...F32X4_ADD, ...F32X4_DIV,
    ...splat(P.negStepSize), ...F32X4_MUL, ...F32X4_ADD, ...V128_STORE,
    ...get(OFFSET), I32_CONST, 16, I32_ADD, ...set(OFFSET),
  );
  code.push(BLOCK, VOID, LOOP, VOID, ...get(OFFSET), ...get(P.bytes), I32_GE_U, BR_IF, 1, ...step, BR, 0, END, END);
  return code;
}

const VARIANTS: readonly (readonly [AdamSimdVariant, boolean])[] = [
  ['plain', false], ['plain', true], ['decoupled', false], ['decoupled', true], ['coupled', false], ['coupled', true],
];
const exportName = (variant: AdamSimdVariant, amsgrad: boolean) => `${variant}${amsgrad ? 'Ams' : ''}`;

/** The module: imports memory `env.mem`, exports one function per variant. */
function assemble(): Uint8Array<ArrayBuffer> {
  const type = [FUNC, ...vec([...Array(10).fill([I32]), ...Array(CONSTANTS).fill([F32])]), ...vec([])];
  const locals = vec([[1, I32], [CONSTANTS + 4, V128]].map(([count, t]) => [...uleb(count as number), t as number]));
  const code = VARIANTS.map(([variant, ams]) => {
    const b = [...locals, ...body(variant, ams), END];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])), // memory, min 1 page, no maximum
    ...section(3, vec(VARIANTS.map(() => [0]))),
    ...section(7, vec(VARIANTS.map(([variant, ams], i) => [...name(exportName(variant, ams)), 0x00, i]))),
    ...section(10, vec(code)),
  ]);
}

/** One variant: byte addresses, the byte length (multiple of 16), then the 9 float32 constants. */
export type AdamSimdFunction = (...args: number[]) => void;

let compiled: WebAssembly.Module | undefined;
const instances = new WeakMap<WebAssembly.Memory, Record<string, AdamSimdFunction> | null>();

/**
 * The update functions bound to `memory` (compiled once, instantiated once per memory), or null
 * where WebAssembly SIMD or the import is unavailable (the caller then uses another path).
 */
export function adamSimdFunctions(memory: WebAssembly.Memory): ((variant: AdamSimdVariant, amsgrad: boolean) => AdamSimdFunction) | null {
  const table = perMemory(instances, memory, (mem) => {
    // compiled once; a failure (no SIMD here, or a memory that cannot be imported) gives null
    compiled ??= new WebAssembly.Module(assemble());
    return new WebAssembly.Instance(compiled, { env: { mem } }).exports as unknown as Record<string, AdamSimdFunction>;
  });
  return table === null ? null : (variant, amsgrad) => table[exportName(variant, amsgrad)] as AdamSimdFunction;
}
