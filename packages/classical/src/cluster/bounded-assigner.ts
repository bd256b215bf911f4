/**
 * Internal: Lloyd's assignment step with Hamerly's bounds, returning exactly Lloyd's labels.
 *
 * Reference: G. Hamerly, "Making k-means even faster", SDM 2010. Each sample keeps an upper bound u on
 * the distance to its assigned center and one lower bound l on the distance to every other center;
 * after the centers move by δ, u grows by δ(own) and l shrinks by max δ. When u is clearly below
 * max(l, half the distance from the own center to its nearest other center), the label cannot change
 * and the sample is skipped. Otherwise the sample is rescored with Lloyd's own float64 formula
 * (argmin of ‖c‖² − 2x·c, first on ties) and its bounds are reset from those values, widened by their
 * rounding error. The skip
 * test keeps a relative margin (1e-10 of the squared scale) so floating-point near-ties are always
 * rescored: the labels equal `assignLabels`'s, at a fraction of the distance computations once the
 * centers settle.
 */
import type { Dense } from '../base/read-matrix.js';
import { wasmHamerly, type WasmHamerlyExports } from './wasm-hamerly.js';

/**
 * The rows whose label an `assign` call changed, in row order: row `rows[j]` moved from label
 * `from[j]` (j < count). Views valid until the next call.
 */
export interface LabelChanges {
  count: number;
  rows: Int32Array;
  from: Int32Array;
}

export interface BoundedAssigner {
  /**
   * Fills `labels` with the nearest center of each row; `labels` must hold the previous call's labels.
   * Returns the rows whose label changed (null on the first call, which has no previous labels).
   */
  assign(centers: Float64Array, labels: Int32Array): LabelChanges | null;
  /** Whether the WebAssembly kernel runs (false: the JavaScript loop, same values bit for bit). */
  readonly wasm: boolean;
  /**
   * The kernel's own label array (a view into its memory, valid until `dispose`), or null: passing
   * it to `assign` saves two copies per call.
   */
  readonly labels: Int32Array | null;
  /** Copies of the per-row bounds (tests compare both kernels). */
  bounds(): { upper: Float64Array; lower: Float64Array };
  /** Hands the kernel's memory back for reuse by the next assigner; `assign` must not be called after. */
  dispose(): void;
}

const PAGE = 65536;
const MAX_WASM_BYTES = 2 ** 31;

/** The WebAssembly kernel's memory: views over one block, 16-byte aligned (see `wasm-hamerly.ts`). */
interface Block {
  run: WasmHamerlyExports;
  kp: number;
  ptr: { X: number; xn: number; upper: number; lower: number; labels: number; C: number; CT: number; cNorm: number; half: number; shift: number; rows: number; from: number };
  data: Float64Array;
  xn: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
  labels: Int32Array;
  C: Float64Array;
  CT: Float64Array;
  cNorm: Float64Array;
  half: Float64Array;
  shift: Float64Array;
  rows: Int32Array;
  from: Int32Array;
}

/** One memory with its instance; a released one is kept for the next fit (fresh pages cost page faults). */
export interface Space {
  mem: WebAssembly.Memory;
  run: WasmHamerlyExports;
}
let spare: Space | undefined;
/** A released memory larger than this is dropped rather than kept. */
const MAX_SPARE_BYTES = 64 * 2 ** 20;

/** A memory of at least `pages` pages with its instance: the spare one when there is one. */
function takeSpace(module: WebAssembly.Module, pages: number): Space {
  let space = spare;
  spare = undefined;
  if (space === undefined) {
    const mem = new WebAssembly.Memory({ initial: pages });
    space = { mem, run: new WebAssembly.Instance(module, { env: { mem } }).exports as unknown as WasmHamerlyExports };
  } else if (space.mem.buffer.byteLength < pages * PAGE) {
    space.mem.grow(pages - space.mem.buffer.byteLength / PAGE);
  }
  return space;
}

/** Keeps `space` for the next user (unless it is large). */
export function giveBack(space: Space): void {
  if (space.mem.buffer.byteLength <= MAX_SPARE_BYTES) spare = space;
}

/**
 * A kernel memory of at least `bytes` bytes for k-means++ (`kmeans-plusplus.ts`), or null where the
 * WebAssembly kernels are unavailable; hand it back with `giveBack`.
 */
export function kernelSpace(bytes: number): Space | null {
  const module = wasmHamerly.module();
  if (module === null || bytes > MAX_WASM_BYTES) return null;
  try {
    return takeSpace(module, Math.max(1, Math.ceil(bytes / PAGE)));
  } catch {
    return null;
  }
}

function allocate(n: number, d: number, k: number): (Block & { space: Space }) | null {
  const module = wasmHamerly.module();
  if (module === null) return null;
  const kp = k + (k & 1);
  const sizes = { X: n * d * 8, xn: n * 8, upper: n * 8, lower: n * 8, labels: n * 4, C: k * d * 8, CT: d * kp * 8, cNorm: kp * 8, half: k * 8, shift: k * 8, rows: n * 4, from: n * 4 };
  const ptr = {} as Block['ptr'];
  let at = 0;
  for (const key of Object.keys(sizes) as Array<keyof typeof sizes>) {
    ptr[key] = at;
    at += Math.ceil(sizes[key] / 16) * 16;
  }
  if (at > MAX_WASM_BYTES) return null;
  try {
    const pages = Math.max(1, Math.ceil(at / PAGE));
    const space = takeSpace(module, pages);
    const { buffer } = space.mem;
    const f64 = (p: number, len: number): Float64Array => new Float64Array(buffer, p, len);
    return {
      space, run: space.run, kp, ptr,
      data: f64(ptr.X, n * d), xn: f64(ptr.xn, n), upper: f64(ptr.upper, n), lower: f64(ptr.lower, n),
      labels: new Int32Array(buffer, ptr.labels, n),
      C: f64(ptr.C, k * d), CT: f64(ptr.CT, d * kp).fill(0), cNorm: f64(ptr.cNorm, kp).fill(Infinity), half: f64(ptr.half, k), shift: f64(ptr.shift, k),
      rows: new Int32Array(buffer, ptr.rows, n), from: new Int32Array(buffer, ptr.from, n),
    };
  } catch {
    return null;
  }
}

/** Rows per kernel call: V8 moves a WebAssembly function to its optimising tier between calls, not during one. */
const CHUNK = 2048;

/**
 * @param useWasm run the WebAssembly kernel when available (false: the JavaScript loop).
 * @default useWasm true
 */
export function createBoundedAssigner(X: Dense, k: number, useWasm = true): BoundedAssigner {
  const { rows: n, cols: d } = X;
  const block = useWasm ? allocate(n, d, k) : null;
  let data = X.data;
  if (block !== null) {
    block.data.set(data);
    data = block.data; // the pad center of odd k (CT column 0, cNorm +∞) never wins
  }
  const upper = block?.upper ?? new Float64Array(n);
  const lower = block?.lower ?? new Float64Array(n);
  const xn = block?.xn ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += data[i * d + f] ** 2;
    xn[i] = s;
  }
  let prev: Float64Array | undefined;
  let disposed = false;
  const cNorm = block?.cNorm ?? new Float64Array(k);
  const half = block?.half ?? new Float64Array(k);
  const shift = block?.shift ?? new Float64Array(k);
  const changes: LabelChanges = { count: 0, rows: block?.rows ?? new Int32Array(n), from: block?.from ?? new Int32Array(n) };

  /** Lloyd's label for row i, and bounds from the same values: d² = ‖x‖² + (‖c‖² − 2x·c) ± err. */
  const rescore = (i: number, centers: Float64Array, labels: Int32Array, cMax: number): void => {
    let best = Infinity;
    let second = Infinity;
    let label = 0;
    const a = i * d;
    for (let c = 0; c < k; c++) {
      const b = c * d;
      let dot = 0;
      for (let f = 0; f < d; f++) dot += data[a + f] * centers[b + f];
      const e = cNorm[c] - 2 * dot;
      if (e < best) {
        second = best;
        best = e;
        label = c;
      } else if (e < second) second = e;
    }
    // Rounding of ‖x‖² + ‖c‖² − 2x·c is far below 1e-12 of its scale: widen the bounds by that much.
    const x2 = xn[i];
    const err = 1e-12 * (x2 + cMax) + 1e-300;
    const old = labels[i];
    if (label !== old) {
      changes.rows[changes.count] = i;
      changes.from[changes.count++] = old;
    }
    labels[i] = label;
    const up = x2 + best;
    const lo = x2 + second - err;
    upper[i] = Math.sqrt((up > 0 ? up : 0) + err);
    lower[i] = Math.sqrt(lo > 0 ? lo : 0);
  };

  /** The WebAssembly kernel's call: the same steps as the JavaScript below, on the block's copies. */
  const runWasm = (b: Block, centers: Float64Array, labels: Int32Array, maxShift: number, cMax: number, first: boolean): void => {
    let count = 0;
    b.C.set(centers);
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) b.CT[f * b.kp + c] = centers[c * d + f];
    if (labels !== b.labels) b.labels.set(labels);
    const p = b.ptr;
    for (let start = 0; start < n; start += CHUNK) {
      count += b.run.assign(start, Math.min(n, start + CHUNK), d, b.kp, p.X, p.CT, p.C, p.cNorm, p.half, p.shift, p.labels, p.upper, p.lower, p.xn, maxShift, cMax, first ? 1 : 0, p.rows + 4 * count, p.from + 4 * count);
    }
    changes.count = count;
    if (labels !== b.labels) labels.set(b.labels);
  };

  return {
    wasm: block !== null,
    labels: block?.labels ?? null,
    bounds: () => ({ upper: Float64Array.from(upper), lower: Float64Array.from(lower) }),
    dispose() {
      if (block === null || disposed) return;
      disposed = true;
      giveBack(block.space);
    },
    assign(centers, labels) {
      let cMax = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += centers[c * d + f] ** 2;
        cNorm[c] = s;
        cMax = Math.max(cMax, s);
        half[c] = Infinity;
      }
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          let s = 0;
          for (let f = 0; f < d; f++) s += (centers[a * d + f] - centers[b * d + f]) ** 2;
          const h = Math.sqrt(s) / 2;
          if (h < half[a]) half[a] = h;
          if (h < half[b]) half[b] = h;
        }
      }
      if (disposed) throw new Error('createBoundedAssigner: assign() called after dispose()');
      if (prev === undefined) {
        if (block !== null) runWasm(block, centers, labels, 0, cMax, true);
        else for (let i = 0; i < n; i++) rescore(i, centers, labels, cMax);
        prev = Float64Array.from(centers);
        return null;
      }
      let maxShift = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (centers[c * d + f] - prev[c * d + f]) ** 2;
        shift[c] = Math.sqrt(s);
        maxShift = Math.max(maxShift, shift[c]);
      }
      prev.set(centers);
      if (block !== null) {
        runWasm(block, centers, labels, maxShift, cMax, false);
        return changes;
      }
      changes.count = 0;
      for (let i = 0; i < n; i++) {
        const a = labels[i];
        const margin = 1e-10 * (xn[i] + cMax) + 1e-300;
        let u = upper[i] + shift[a];
        const l = lower[i] - maxShift;
        const h = half[a];
        const bound = h > l ? h : l;
        upper[i] = u;
        lower[i] = l;
        if (u < bound && bound * bound - u * u > margin) continue;
        // tighten u to the true distance and test again before a full rescoring
        const p = i * d;
        const q = a * d;
        let s = 0;
        for (let f = 0; f < d; f++) {
          const t = data[p + f] - centers[q + f];
          s += t * t;
        }
        u = Math.sqrt(s);
        upper[i] = u;
        if (u < bound && bound * bound - u * u > margin) continue;
        rescore(i, centers, labels, cMax);
      }
      return changes;
    },
  };
}
