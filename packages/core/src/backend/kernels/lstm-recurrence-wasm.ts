/**
 * An LSTM direction's recurrence over all time steps as two wasm-backend kernels — the forward walk
 * and the backward walk (backpropagation through time) — for `@ml/sequence`'s LSTM on the 'wasm'
 * backend. Through tfjs ops a step is ~14 forward and ~7 backward kernels (adds, sigmoids, splits,
 * concats, each a few µs of engine and dispatch work plus a [B, H] or [B, 4H] temporary); here
 * a step is one `[B, H] × [H, 4H]` product (simd-matrix.ts's SIMD product into one reused buffer, or
 * tfjs-backend-wasm's BatchMatMul called kernel to kernel; no engine or tape work either way) and
 * one pass of a hand-assembled WebAssembly SIMD function over the backend's heap that does all the
 * step's pointwise work, reading and writing the big per-sequence buffers in place (no per-step
 * slices, splits or concats). Measured (T 32, B 64, H 128, CPU time, loaded 2-core machine): the
 * pointwise passes cost ~2 ms forward and ~1 ms backward per walk; the 32 products ~10 ms each way.
 * The lstm-step training step went from ~840 tfjs kernels to ~135.
 *
 * Letters: T steps, B batch, H hidden (a multiple of 4), p processing order (t = p forward,
 * T − 1 − p reverse). Gate order i, f, g, o (PyTorch). Every buffer is in time order.
 *
 * Forward step (t = timeOf(p)), with z = proj[t] + h·W_hh (`proj` holds x·W_ih + b for all steps):
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o),  c' = f⊙c + i⊙g,  h' = o⊙tanh(c')
 *   valid row (mask 1): state ← (h', c'), output h';  padding (mask 0): state kept, output 0.
 * Saved: s[t] = [i, f, g, o], tanh(c') and the state (h, c) each step started from.
 *
 * Backward step, from dh (into this step's new h), dc (into its new c) and the output's gradient:
 *   dhT = m·(dh + dy[t]),  dc' = m·dc + dhT⊙o⊙(1 − tanh²c')
 *   dz  = [dc'⊙g⊙i(1−i), dc'⊙c⊙f(1−f), dc'⊙i⊙(1−g²), dhT⊙tanh c'⊙o(1−o)]
 *   dh_prev = dz·W_hhᵀ + (1 − m)·dh,  dc_prev = m ? dc'⊙f : dc
 * (masks are 0/1, applied by bit selection, so an all-valid step is exactly the unmasked formula).
 *
 * σ(x) = 1/(1 + e^−x) with e^x in float32 lanes as Cephes' `expf` (S. L. Moshier, Cephes Math
 * Library): n = nearest(x·log₂e), r = x − n·C1 − n·C2 (ln 2 split in two), a degree-5 minimax
 * polynomial on |r| ≤ ln 2 / 2 (about 1 ulp), times 2ⁿ built from its exponent bits; the argument
 * is clamped to [−87, 88]. tanh(x) = 2σ(2x) − 1 (absolute error ~1e−7).
 * @see https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions
 */
import {
  getKernel,
  registerKernel,
  getBackend,
  engine,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, get, name, perMemory, section, set, sleb, uleb, vec } from './wasm-binary.js';
import { runWasmKernel } from './run-wasm-kernel.js';
import { packedBytes, simdMatrix } from './simd-matrix.js';
import { batchMatMulWasmPaths } from './batch-mat-mul-wasm.js';
import { SplitProduct } from './matmul-threads.js';

// ---- a tiny assembler -------------------------------------------------------------------------

const I32 = 0x7f;
const V128 = 0x7b;
const i32 = (v: number): number[] => [0x41, ...sleb(v)];
const ADD = 0x6a;
const MUL = 0x6c;
const SHL = 0x74;
const f32Load = [0x2a, 0x02, 0x00];
const v128Load = [0xfd, 0x00, 0x04, 0x00];
const v128Store = [0xfd, 0x0b, 0x04, 0x00];
/** v128.const with four equal float32 lanes. */
function splat(value: number): number[] {
  const bytes = new Uint8Array(new Float32Array([value, value, value, value]).buffer);
  return [0xfd, 0x0c, ...bytes];
}
const splatI32 = (value: number): number[] => [0xfd, 0x0c, ...new Uint8Array(new Int32Array([value, value, value, value]).buffer)];
const F32X4_SPLAT = [0xfd, 0x13];
const F32X4_NE = [0xfd, 0x42];
const BITSELECT = [0xfd, 0x52];
const F32X4_NEAREST = [0xfd, 0x6a];
const I32X4_SHL = [0xfd, 0xab, 0x01];
const I32X4_ADD = [0xfd, 0xae, 0x01];
const F32X4_NEG = [0xfd, 0xe1, 0x01];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_SUB = [0xfd, 0xe5, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
const F32X4_DIV = [0xfd, 0xe7, 0x01];
const F32X4_MIN = [0xfd, 0xe8, 0x01];
const F32X4_MAX = [0xfd, 0xe9, 0x01];
const I32X4_TRUNC_SAT_F32X4_S = [0xfd, 0xf8, 0x01];
const ZERO = splat(0);
const ONE = splat(1);
/** `while (a != b) { body }` on two i32 locals. */
const whileNe = (a: number, b: number, body: number[]): number[] => [
  0x02, 0x40, 0x03, 0x40, ...get(a), ...get(b), 0x46 /* i32.eq */, 0x0d, 0x01, ...body, 0x0c, 0x00, 0x0b, 0x0b,
];

const F = Math.fround;
/** Cephes `expf` constants. */
const EXP = {
  log2e: F(Math.LOG2E),
  c1: F(0.693359375),
  c2: F(-2.12194440e-4),
  p: [F(1.9875691500e-4), F(1.3981999507e-3), F(8.3334519073e-3), F(4.1665795894e-2), F(1.6666665459e-1), F(5.0000001201e-1)],
};

/**
 * Code leaving σ(x) on the stack, where `x` is code leaving x; uses the v128 locals `t`, `n`.
 * σ(x) = 1 / (1 + e^−x).
 */
function sigmoid(x: number[], t: number, n: number): number[] {
  const [p0, p1, p2, p3, p4, p5] = EXP.p as [number, number, number, number, number, number];
  return [
    // t = clamp(−x, −87, 88)
    ...x, ...F32X4_NEG, ...splat(88), ...F32X4_MIN, ...splat(-87), ...F32X4_MAX, ...set(t),
    // n = nearest(t·log₂e); t = r = t − n·C1 − n·C2
    ...get(t), ...splat(EXP.log2e), ...F32X4_MUL, ...F32X4_NEAREST, ...set(n),
    ...get(t), ...get(n), ...splat(EXP.c1), ...F32X4_MUL, ...F32X4_SUB, ...get(n), ...splat(EXP.c2), ...F32X4_MUL, ...F32X4_SUB, ...set(t),
    // 1 + ( (poly(r)·r·r + r + 1) · 2ⁿ )
    ...ONE,
    ...splat(p0), ...get(t), ...F32X4_MUL, ...splat(p1), ...F32X4_ADD,
    ...get(t), ...F32X4_MUL, ...splat(p2), ...F32X4_ADD,
    ...get(t), ...F32X4_MUL, ...splat(p3), ...F32X4_ADD,
    ...get(t), ...F32X4_MUL, ...splat(p4), ...F32X4_ADD,
    ...get(t), ...F32X4_MUL, ...splat(p5), ...F32X4_ADD,
    ...get(t), ...F32X4_MUL, ...get(t), ...F32X4_MUL, ...get(t), ...F32X4_ADD, ...ONE, ...F32X4_ADD,
    ...get(n), ...I32X4_TRUNC_SAT_F32X4_S, ...splatI32(127), ...I32X4_ADD, ...i32(23), ...I32X4_SHL, ...F32X4_MUL,
    ...F32X4_ADD,
    // 1 / that
    ...set(t), ...ONE, ...get(t), ...F32X4_DIV,
  ];
}

/** tanh(x) = 2σ(2x) − 1. */
function tanh(x: number[], t: number, n: number): number[] {
  return [...sigmoid([...x, ...splat(2), ...F32X4_MUL], t, n), ...splat(2), ...F32X4_MUL, ...ONE, ...F32X4_SUB];
}

/** Address code: `base + off + k·hb` (k = 0…3). */
function addr(base: number, off: number, hb: number, k = 0): number[] {
  const code = [...get(base), ...get(off), ADD];
  if (k === 1) code.push(...get(hb), ADD);
  if (k > 1) code.push(...get(hb), ...i32(k), MUL, ADD);
  return code;
}

/**
 * The batch-row loop of both step functions: hb = 4H; for each row b (rowH = b·hb, row4H = 4·rowH),
 * vm = all ones where mask[b] ≠ 0, then `inner` runs for j = 0, 16, … up to hb (`inner` adds 16 to j).
 * `params` names the parameters `mask`, `B`, `H`; `l` the i32 locals and the v128 local `vm`.
 */
function rowLoop(
  params: { mask: number; B: number; H: number },
  l: { b: number; j: number; rowH: number; row4H: number; hb: number; vm: number },
  inner: number[],
): number[] {
  const { b, j, rowH, row4H, hb, vm } = l;
  const row = [
    // vm = all ones where mask[b] ≠ 0
    ...get(params.mask), ...get(b), ...i32(2), SHL, ADD, ...f32Load, ...F32X4_SPLAT, ...ZERO, ...F32X4_NE, ...set(vm),
    ...i32(0), ...set(j),
    ...whileNe(j, hb, inner),
    ...get(rowH), ...get(hb), ADD, ...set(rowH),
    ...get(row4H), ...get(hb), ...i32(4), MUL, ADD, ...set(row4H),
    ...get(b), ...i32(1), ADD, ...set(b),
  ];
  return [
    ...get(params.H), ...i32(2), SHL, ...set(hb),
    ...i32(0), ...set(b), ...i32(0), ...set(rowH), ...i32(0), ...set(row4H),
    ...whileNe(b, params.B, row),
  ];
}

// ---- forward step --------------------------------------------------------------------------------

/** Parameters of `forward`: byte addresses (see `forwardKernel`), then B and H. */
const FW = { zp: 0, zh: 1, hIn: 2, cIn: 3, mask: 4, sOut: 5, tcOut: 6, yOut: 7, hNext: 8, cNext: 9, hCur: 10, B: 11, H: 12 } as const;

function forwardBody(): { locals: number[][]; code: number[] } {
  const [b, j, rowH, row4H, hb, aH, a4] = [13, 14, 15, 16, 17, 18, 19];
  const [vm, vi, vf, vg, vo, vc, vcn, vtc, vt, vn, vh] = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30];
  const locals = [[...uleb(7), I32], [...uleb(11), V128]];
  const gate = (k: number): number[] => [...addr(FW.zp, a4, hb, k), ...v128Load, ...addr(FW.zh, a4, hb, k), ...v128Load, ...F32X4_ADD];
  const inner = [
    ...get(rowH), ...get(j), ADD, ...set(aH),
    ...get(row4H), ...get(j), ADD, ...set(a4),
    ...sigmoid(gate(0), vt, vn), ...set(vi),
    ...sigmoid(gate(1), vt, vn), ...set(vf),
    ...tanh(gate(2), vt, vn), ...set(vg),
    ...sigmoid(gate(3), vt, vn), ...set(vo),
    ...addr(FW.sOut, a4, hb, 0), ...get(vi), ...v128Store,
    ...addr(FW.sOut, a4, hb, 1), ...get(vf), ...v128Store,
    ...addr(FW.sOut, a4, hb, 2), ...get(vg), ...v128Store,
    ...addr(FW.sOut, a4, hb, 3), ...get(vo), ...v128Store,
    // c' = f⊙c + i⊙g; tanh c'; h' = o⊙tanh c'
    ...addr(FW.cIn, aH, hb), ...v128Load, ...set(vc),
    ...get(vf), ...get(vc), ...F32X4_MUL, ...get(vi), ...get(vg), ...F32X4_MUL, ...F32X4_ADD, ...set(vcn),
    ...tanh(get(vcn), vt, vn), ...set(vtc),
    ...addr(FW.tcOut, aH, hb), ...get(vtc), ...v128Store,
    ...get(vo), ...get(vtc), ...F32X4_MUL, ...set(vh),
    // output: h' on valid rows, 0 on padding
    ...addr(FW.yOut, aH, hb), ...get(vh), ...ZERO, ...get(vm), ...BITSELECT, ...v128Store,
    // next state: (h', c') on valid rows, the old one on padding
    ...get(vh), ...addr(FW.hIn, aH, hb), ...v128Load, ...get(vm), ...BITSELECT, ...set(vh),
    ...addr(FW.hNext, aH, hb), ...get(vh), ...v128Store,
    ...addr(FW.hCur, aH, hb), ...get(vh), ...v128Store,
    ...addr(FW.cNext, aH, hb), ...get(vcn), ...get(vc), ...get(vm), ...BITSELECT, ...v128Store,
    ...get(j), ...i32(16), ADD, ...set(j),
  ];
  return { locals, code: rowLoop(FW, { b, j, rowH, row4H, hb, vm }, inner) };
}

// ---- backward step -------------------------------------------------------------------------------

const BW = { s: 0, cPrev: 1, tc: 2, dOut: 3, dhMat: 4, dhKeep: 5, dcRun: 6, mask: 7, dzOut: 8, dzCur: 9, B: 10, H: 11 } as const;

function backwardBody(): { locals: number[][]; code: number[] } {
  const [b, j, rowH, row4H, hb, aH, a4] = [12, 13, 14, 15, 16, 17, 18];
  const [vm, vi, vf, vg, vo, vtc, vdh, vdhT, vdc, vdcNew, vz] = [19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
  const locals = [[...uleb(7), I32], [...uleb(11), V128]];
  const load4 = (base: number, k: number): number[] => [...addr(base, a4, hb, k), ...v128Load];
  const loadH = (base: number): number[] => [...addr(base, aH, hb), ...v128Load];
  /** Stores local vz into dzOut and dzCur, gate k. */
  const storeDz = (k: number): number[] => [
    ...set(vz), ...addr(BW.dzOut, a4, hb, k), ...get(vz), ...v128Store, ...addr(BW.dzCur, a4, hb, k), ...get(vz), ...v128Store,
  ];
  /** s(1 − s) of local v. */
  const slope = (v: number): number[] => [...get(v), ...ONE, ...get(v), ...F32X4_SUB, ...F32X4_MUL];
  const inner = [
    ...get(rowH), ...get(j), ADD, ...set(aH),
    ...get(row4H), ...get(j), ADD, ...set(a4),
    ...load4(BW.s, 0), ...set(vi), ...load4(BW.s, 1), ...set(vf), ...load4(BW.s, 2), ...set(vg), ...load4(BW.s, 3), ...set(vo),
    ...loadH(BW.tc), ...set(vtc),
    // dh = dhMat + dhKeep; dhT = m ? dh + dy : 0
    ...loadH(BW.dhMat), ...loadH(BW.dhKeep), ...F32X4_ADD, ...set(vdh),
    ...get(vdh), ...loadH(BW.dOut), ...F32X4_ADD, ...ZERO, ...get(vm), ...BITSELECT, ...set(vdhT),
    // dc' = (m ? dc : 0) + dhT⊙(o⊙(1 − tanh²c'))
    ...loadH(BW.dcRun), ...set(vdc),
    ...get(vdc), ...ZERO, ...get(vm), ...BITSELECT,
    ...get(vdhT), ...get(vo), ...ONE, ...get(vtc), ...get(vtc), ...F32X4_MUL, ...F32X4_SUB, ...F32X4_MUL, ...F32X4_MUL, ...F32X4_ADD, ...set(vdcNew),
    // the four gates' pre-activation gradients
    ...get(vdcNew), ...get(vg), ...F32X4_MUL, ...slope(vi), ...F32X4_MUL, ...storeDz(0),
    ...get(vdcNew), ...loadH(BW.cPrev), ...F32X4_MUL, ...slope(vf), ...F32X4_MUL, ...storeDz(1),
    ...get(vdcNew), ...get(vi), ...F32X4_MUL, ...ONE, ...get(vg), ...get(vg), ...F32X4_MUL, ...F32X4_SUB, ...F32X4_MUL, ...storeDz(2),
    ...get(vdhT), ...get(vtc), ...F32X4_MUL, ...slope(vo), ...F32X4_MUL, ...storeDz(3),
    // carried to the previous step: dc = m ? dc'⊙f : dc; dhKeep = m ? 0 : dh
    ...addr(BW.dcRun, aH, hb), ...get(vdcNew), ...get(vf), ...F32X4_MUL, ...get(vdc), ...get(vm), ...BITSELECT, ...v128Store,
    ...addr(BW.dhKeep, aH, hb), ...ZERO, ...get(vdh), ...get(vm), ...BITSELECT, ...v128Store,
    ...get(j), ...i32(16), ADD, ...set(j),
  ];
  return { locals, code: rowLoop(BW, { b, j, rowH, row4H, hb, vm }, inner) };
}

// ---- add(a, b, out, bytes): out = a + b -------------------------------------------------------------

function addBody(): { locals: number[][]; code: number[] } {
  const off = 4;
  const at = (p: number): number[] => [...get(p), ...get(off), ADD];
  const code = [
    ...i32(0), ...set(off),
    ...whileNe(off, 3, [...at(2), ...at(0), ...v128Load, ...at(1), ...v128Load, ...F32X4_ADD, ...v128Store, ...get(off), ...i32(16), ADD, ...set(off)]),
  ];
  return { locals: [[...uleb(1), I32]], code };
}

/** The module: imports memory `env.mem`; exports `forward` (13 i32), `backward` (12 i32), `add` (4 i32). */
function assemble(): Uint8Array<ArrayBuffer> {
  const type = (params: number) => [0x60, ...vec(Array.from({ length: params }, () => [I32])), ...vec([])];
  const fns = [forwardBody(), backwardBody(), addBody()];
  const code = fns.map(({ locals, code: c }) => {
    const b = [...vec(locals), ...c, 0x0b];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type(13), type(12), type(4)])),
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [1], [2]])),
    ...section(7, vec([[...name('forward'), 0x00, 0], [...name('backward'), 0x00, 1], [...name('add'), 0x00, 2]])),
    ...section(10, vec(code)),
  ]);
}

interface LstmSimd {
  forward(...args: number[]): void;
  backward(...args: number[]): void;
  add(a: number, b: number, out: number, bytes: number): void;
}

let compiled: WebAssembly.Module | undefined;
const instances = new WeakMap<WebAssembly.Memory, LstmSimd | null>();

function lstmSimd(backend: BackendWasm): LstmSimd | null {
  const memory = backendMemory(backend);
  if (memory === undefined) return null;
  return perMemory(instances, memory, (mem) => {
    compiled ??= new WebAssembly.Module(assemble());
    return new WebAssembly.Instance(compiled, { env: { mem } }).exports as unknown as LstmSimd;
  });
}

// ---- the kernels -----------------------------------------------------------------------------------

/** Kernel names (registered for 'wasm' on first use). */
export const LSTM_FORWARD_KERNEL = 'MlLstmRecurrenceForward';
export const LSTM_BACKWARD_KERNEL = 'MlLstmRecurrenceBackward';

/**
 * Module state for tests and benchmarks' A/B runs (exported, but not a stable API): `fused: false` makes
 * {@link lstmRecurrenceFused} answer false, so callers take their tensor-op path. `simdProducts`:
 * the per-step products run on simd-matrix.ts's packed SIMD product (`b` packed once per walk),
 * straight into one reused output buffer (while `batchMatMulWasmPaths.simd` is on); false:
 * tfjs-backend-wasm's BatchMatMul kernel (XNNPACK), one fresh output per step. `splitProducts`: in
 * Node, with `batchMatMulWasmPaths.threads` on, a walk whose step product has at least
 * `splitMinMacs` multiply-adds splits each one by columns with the matMul worker
 * (matmul-threads.ts's `SplitProduct`; same bits).
 */
export const lstmRecurrenceWasmPaths = { fused: true, simdProducts: true, splitProducts: true, splitMinMacs: 1 << 20 };

type KernelArgs = { inputs: NamedTensorInfoMap; backend: unknown; attrs: NamedAttrMap };

const offsetOf = (t: TensorInfo, backend: BackendWasm): number => (backend.dataIdMap.get(t.dataId) as unknown as { memoryOffset: number }).memoryOffset;

function copyBytes(backend: BackendWasm, dst: number, src: number, bytes: number): void {
  new Uint8Array((backendMemory(backend) as WebAssembly.Memory).buffer).copyWithin(dst, src, src + bytes);
}

/**
 * The per-step product `a [rows, k] × b [k, n]` of one walk: `run()` leaves it at `address()`
 * (a reused buffer on the SIMD path; a fresh tensor from the BatchMatMul kernel otherwise, freed by
 * the next `run()` or `dispose()`).
 */
class StepProduct {
  readonly #simd: ReturnType<typeof simdMatrix>;
  #out: TensorInfo | null = null;
  /** SIMD path: `b` packed once per walk (simd-matrix.ts's `packAll`), for every step's product. */
  #packed: TensorInfo | null = null;
  /** SIMD path in Node: the steps' products split by columns with the matMul worker (same bits). */
  #split: SplitProduct | null = null;
  constructor(
    private readonly backend: BackendWasm,
    private readonly a: TensorInfo,
    private readonly b: TensorInfo,
    private readonly rows: number,
    private readonly k: number,
    private readonly n: number,
  ) {
    const fits = lstmRecurrenceWasmPaths.simdProducts && batchMatMulWasmPaths.simd && k > 0;
    this.#simd = fits ? simdMatrix(backend) : null;
    if (this.#simd !== null) {
      this.#out = backend.makeOutput([rows, n], 'float32');
      this.#packed = backend.makeOutput([packedBytes(k, n) / 4], 'float32');
      this.#simd.packAll(offsetOf(b, backend), k, n, offsetOf(this.#packed, backend));
      const heap = backendMemory(backend);
      if (lstmRecurrenceWasmPaths.splitProducts && batchMatMulWasmPaths.threads && heap !== undefined && rows * k * n >= lstmRecurrenceWasmPaths.splitMinMacs) {
        this.#split = SplitProduct.start(this.#simd, heap, rows, k, n, offsetOf(this.#packed, backend));
      }
    }
  }
  run(): void {
    const { backend, a, b, rows, k, n } = this;
    if (this.#simd !== null) {
      const out = offsetOf(this.#out as TensorInfo, backend);
      if (this.#split !== null) {
        this.#split.run(offsetOf(a, backend), out);
        return;
      }
      this.#simd.matMulPacked(offsetOf(a, backend), offsetOf(this.#packed as TensorInfo, backend), out, 1, rows, k, n, 0, 0, this.#simd.scratch);
      return;
    }
    if (this.#out !== null) backend.disposeData(this.#out.dataId);
    this.#out = runWasmKernel(
      'BatchMatMul',
      { a: { dataId: a.dataId, shape: [1, rows, k], dtype: 'float32' }, b: { dataId: b.dataId, shape: [1, k, n], dtype: 'float32' } },
      { transposeA: false, transposeB: false },
      backend,
    );
  }
  address(): number {
    return offsetOf(this.#out as TensorInfo, this.backend);
  }
  dispose(): void {
    this.#split?.end();
    this.#split = null;
    if (this.#out !== null) this.backend.disposeData(this.#out.dataId);
    if (this.#packed !== null) this.backend.disposeData(this.#packed.dataId);
    this.#out = null;
    this.#packed = null;
  }
}

/** A [B] heap row of ones (the mask of an all-valid step); the caller disposes it. */
function onesRow(batch: number, backend: BackendWasm): TensorInfo {
  const ones = backend.makeOutput([batch], 'float32');
  (backend.typedArrayFromHeap(ones) as Float32Array).fill(1);
  return ones;
}

function forwardKernel({ inputs, backend: be, attrs }: KernelArgs): TensorInfo[] {
  const backend = be as BackendWasm;
  const simd = lstmSimd(backend);
  if (simd === null) throw new Error(`${LSTM_FORWARD_KERNEL}: WebAssembly SIMD is unavailable; check lstmRecurrenceFused() first`);
  const { proj, whh, h0, c0, mask } = inputs as Record<'proj' | 'whh' | 'h0' | 'c0', TensorInfo> & { mask?: TensorInfo };
  const reverse = attrs.reverse === true;
  const [batch, H] = h0.shape as [number, number];
  const steps = (proj.shape[0] as number) / batch;
  const G = 4 * H;
  const y = backend.makeOutput([steps + 2, batch, H], 'float32');
  const hPrev = backend.makeOutput([steps * batch, H], 'float32');
  const cPrev = backend.makeOutput([steps * batch, H], 'float32');
  const s = backend.makeOutput([steps * batch, G], 'float32');
  const tc = backend.makeOutput([steps * batch, H], 'float32');
  const hCur = backend.makeOutput([batch, H], 'float32');
  const ones = mask === undefined ? onesRow(batch, backend) : null;
  const rowH = 4 * batch * H; // bytes of one [B, H] slot
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const [aProj, aY, aH, aC, aS, aTc, aCur] = [proj, y, hPrev, cPrev, s, tc, hCur].map((t) => offsetOf(t, backend)) as number[] as [number, number, number, number, number, number, number];
  const aMask = (t: number): number => (ones !== null ? offsetOf(ones, backend) : offsetOf(mask as TensorInfo, backend) + 4 * batch * t);
  const t0 = timeOf(0);
  copyBytes(backend, aH + t0 * rowH, offsetOf(h0, backend), rowH);
  copyBytes(backend, aC + t0 * rowH, offsetOf(c0, backend), rowH);
  copyBytes(backend, aCur, offsetOf(h0, backend), rowH);
  const zh = new StepProduct(backend, hCur, whh, batch, H, G); // h·W_hh [B, 4H]
  try {
    for (let p = 0; p < steps; p++) {
      const t = timeOf(p);
      zh.run();
      const last = p === steps - 1;
      const hNext = last ? aY + steps * rowH : aH + timeOf(p + 1) * rowH;
      const cNext = last ? aY + (steps + 1) * rowH : aC + timeOf(p + 1) * rowH;
      simd.forward(aProj + 4 * t * rowH, zh.address(), aH + t * rowH, aC + t * rowH, aMask(t), aS + 4 * t * rowH, aTc + t * rowH, aY + t * rowH, hNext, cNext, aCur, batch, H);
    }
  } finally {
    zh.dispose(); // (also ends a split-product session, releasing the matMul worker)
  }
  backend.disposeData(hCur.dataId);
  if (ones !== null) backend.disposeData(ones.dataId);
  return [y, hPrev, cPrev, s, tc];
}

function backwardKernel({ inputs, backend: be, attrs }: KernelArgs): TensorInfo[] {
  const backend = be as BackendWasm;
  const simd = lstmSimd(backend);
  if (simd === null) throw new Error(`${LSTM_BACKWARD_KERNEL}: WebAssembly SIMD is unavailable; check lstmRecurrenceFused() first`);
  const { dy, s, cPrev, tc, whhT, mask } = inputs as Record<'dy' | 's' | 'cPrev' | 'tc' | 'whhT', TensorInfo> & { mask?: TensorInfo };
  const reverse = attrs.reverse === true;
  const [stepsPlus2, batch, H] = dy.shape as [number, number, number];
  const steps = stepsPlus2 - 2;
  const G = 4 * H;
  const dz = backend.makeOutput([steps * batch, G], 'float32');
  const dh0 = backend.makeOutput([batch, H], 'float32');
  const dc0 = backend.makeOutput([batch, H], 'float32'); // the running dc
  const dhKeep = backend.makeOutput([batch, H], 'float32');
  const dzCur = backend.makeOutput([batch, G], 'float32');
  const ones = mask === undefined ? onesRow(batch, backend) : null;
  (backend.typedArrayFromHeap(dhKeep) as Float32Array).fill(0);
  const rowH = 4 * batch * H;
  const timeOf = (p: number): number => (reverse ? steps - 1 - p : p);
  const [aDy, aS, aC, aTc, aDz, aDc, aKeep, aCur] = [dy, s, cPrev, tc, dz, dc0, dhKeep, dzCur].map((t) => offsetOf(t, backend)) as number[] as [number, number, number, number, number, number, number, number];
  const aMask = (t: number): number => (ones !== null ? offsetOf(ones, backend) : offsetOf(mask as TensorInfo, backend) + 4 * batch * t);
  copyBytes(backend, aDc, aDy + (steps + 1) * rowH, rowH);
  const dhMat = new StepProduct(backend, dzCur, whhT, batch, G, H); // dz·W_hhᵀ [B, H]
  try {
    for (let p = steps - 1; p >= 0; p--) {
      const t = timeOf(p);
      // dh from the step after (its product), or the final h's gradient at the last step
      const aDhMat = p === steps - 1 ? aDy + steps * rowH : dhMat.address();
      simd.backward(aS + 4 * t * rowH, aC + t * rowH, aTc + t * rowH, aDy + t * rowH, aDhMat, aKeep, aDc, aMask(t), aDz + 4 * t * rowH, aCur, batch, H);
      dhMat.run();
    }
    simd.add(dhMat.address(), aKeep, offsetOf(dh0, backend), rowH);
  } finally {
    dhMat.dispose();
  }
  for (const t of [dhKeep, dzCur, ...(ones === null ? [] : [ones])]) backend.disposeData(t.dataId);
  return [dz, dh0, dc0];
}

function ensureRegistered(): void {
  if (getKernel(LSTM_FORWARD_KERNEL, 'wasm') === undefined) {
    registerKernel({ kernelName: LSTM_FORWARD_KERNEL, backendName: 'wasm', kernelFunc: forwardKernel as unknown as KernelFunc });
    registerKernel({ kernelName: LSTM_BACKWARD_KERNEL, backendName: 'wasm', kernelFunc: backwardKernel as unknown as KernelFunc });
  }
}

/**
 * Whether {@link lstmRecurrenceForward} and {@link lstmRecurrenceBackward} can run here: the active
 * backend is 'wasm' with WebAssembly SIMD and its heap exposed, `hidden` is a multiple of 4, and
 * `lstmRecurrenceWasmPaths.fused` is on. Otherwise callers use tensor ops.
 */
export function lstmRecurrenceFused(hidden: number): boolean {
  if (!lstmRecurrenceWasmPaths.fused || hidden % 4 !== 0 || getBackend() !== 'wasm') return false;
  const backend = engine().findBackend('wasm') as BackendWasm | null;
  return backend !== null && lstmSimd(backend) !== null;
}

/** What {@link lstmRecurrenceForward} returns (all float32, time order). */
export interface LstmRecurrenceForward {
  /** `[T + 2, B, H]`: rows 0…T−1 the outputs (zeros on padding), row T the final h, row T + 1 the final c. */
  y: Tensor;
  /** `[T·B, H]`: the hidden state each step started from. */
  hPrev: Tensor;
  /** `[T·B, H]`: the cell state each step started from. */
  cPrev: Tensor;
  /** `[T·B, 4H]`: the gate activations i, f, g, o. */
  gates: Tensor;
  /** `[T·B, H]`: tanh of each step's new cell state. */
  tanhC: Tensor;
}

function checkFused(where: string, hidden: number): void {
  if (!lstmRecurrenceFused(hidden)) {
    throw new Error(`${where}: needs the 'wasm' backend with WebAssembly SIMD and a hidden size divisible by 4; received backend '${getBackend()}', hidden ${hidden}`);
  }
}

/**
 * The LSTM recurrence of one direction on the wasm backend (see the file header). Not recorded for
 * autodiff: callers wrap it in `tf.customGrad` with {@link lstmRecurrenceBackward}.
 * @param proj `[T·B, 4H]` input projections x·W_ih + b, time order
 * @param whh `[H, 4H]` recurrent weights (gate blocks i, f, g, o)
 * @param h0 `[B, H]` initial hidden state; `c0` `[B, H]` initial cell state
 * @param mask `[T, B]` 1 where step t of sequence b is valid, 0 on padding; null when all are valid
 * @param reverse walk t = T − 1 … 0
 */
export function lstmRecurrenceForward(proj: Tensor, whh: Tensor, h0: Tensor, c0: Tensor, mask: Tensor | null, reverse: boolean): LstmRecurrenceForward {
  const [batch, H] = h0.shape as [number, number];
  checkFused('lstmRecurrenceForward', H);
  ensureRegistered();
  const inputs: Record<string, Tensor> = { proj, whh, h0, c0 };
  if (mask !== null) inputs.mask = mask;
  if (proj.shape[0] === undefined || proj.shape[0] % batch !== 0 || proj.shape[1] !== 4 * H || whh.shape.join() !== `${H},${4 * H}`) {
    throw new Error(`lstmRecurrenceForward: 'proj' must be [T·${batch}, ${4 * H}] and 'whh' [${H}, ${4 * H}]; received [${proj.shape.join(', ')}] and [${whh.shape.join(', ')}]`);
  }
  const [y, hPrev, cPrev, gates, tanhC] = engine().runKernel(LSTM_FORWARD_KERNEL, inputs, { reverse } as unknown as NamedAttrMap) as unknown as Tensor[];
  return { y: y as Tensor, hPrev: hPrev as Tensor, cPrev: cPrev as Tensor, gates: gates as Tensor, tanhC: tanhC as Tensor };
}

/**
 * The backward walk of {@link lstmRecurrenceForward}: from `dy` (`[T + 2, B, H]`, the gradient of
 * its `y`) and its saved `gates`, `cPrev`, `tanhC`, the pre-activation gradients `dz` (`[T·B, 4H]`,
 * time order) and the gradients of `h0` and `c0`. The weight, bias and input gradients are then
 * bulk products of `dz` (dW_hh = hPrevᵀ·dz, dW_ih = xᵀ·dz, db = Σ rows of dz, dx = dz·W_ihᵀ).
 * @param whhT `[4H, H]`: W_hh transposed
 */
export function lstmRecurrenceBackward(
  dy: Tensor, gates: Tensor, cPrev: Tensor, tanhC: Tensor, whhT: Tensor, mask: Tensor | null, reverse: boolean,
): { dz: Tensor; dh0: Tensor; dc0: Tensor } {
  const H = dy.shape[2] as number;
  checkFused('lstmRecurrenceBackward', H);
  ensureRegistered();
  const inputs: Record<string, Tensor> = { dy, s: gates, cPrev, tc: tanhC, whhT };
  if (mask !== null) inputs.mask = mask;
  const [dz, dh0, dc0] = engine().runKernel(LSTM_BACKWARD_KERNEL, inputs, { reverse } as unknown as NamedAttrMap) as unknown as Tensor[];
  return { dz: dz as Tensor, dh0: dh0 as Tensor, dc0: dc0 as Tensor };
}
