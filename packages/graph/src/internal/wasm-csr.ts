import type { CsrArrays } from '../graph/csr-arrays.js';
import { wasmPull } from './wasm-pull.js';

const PAGE = 65536;
const MAX_WASM_BYTES = 2 ** 31; // stay well inside wasm32's 4 GiB

/** A CSR adjacency living in WebAssembly memory, with room for four float64 work vectors. */
export interface WasmCsrBlock extends CsrArrays {
  readonly n: number;
  /** Byte offsets of indptr, indices, weights (0 when none) and the work vectors x, y, p, delta. */
  readonly at: { indptr: number; indices: number; weights: number; x: number; y: number; p: number; delta: number };
  /** The pull kernels instantiated over this memory. */
  readonly exports: { pullW: (...args: number[]) => number; pullU: (...args: number[]) => number };
  readonly memory: WebAssembly.Memory;
}

// Blocks by the `indices` array they hold (or were copied from), so a graph finds its block again.
const registry = new WeakMap<Int32Array, WasmCsrBlock>();

/**
 * Places CSR adjacencies in WebAssembly memory so PageRank's pull kernel reads them without a
 * copy per call. `allocate` reserves a block to be filled (`Graph.reverse()` transposes straight
 * into it); `of` returns the block registered for a CSR, copying it once (then cached for as long
 * as the CSR's `indices` array lives). Both return null where WebAssembly is unavailable or the
 * block would not fit, and callers fall back to plain typed arrays and JavaScript kernels.
 */
export const wasmCsr = {
  allocate(n: number, nnz: number, weighted: boolean): WasmCsrBlock | null {
    const mod = wasmPull.module();
    if (mod === null) return null;
    const align = (b: number): number => Math.ceil(b / 8) * 8;
    const bytes = 32 * n + (weighted ? 8 * nnz : 0) + align(4 * (n + 1)) + align(4 * nnz);
    if (bytes > MAX_WASM_BYTES) return null;
    let memory: WebAssembly.Memory;
    try {
      memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    } catch {
      return null;
    }
    let offset = 0;
    const take = (size: number): number => {
      const here = offset;
      offset += align(size);
      return here;
    };
    const at = { x: take(8 * n), y: take(8 * n), p: take(8 * n), delta: take(8 * n), weights: weighted ? take(8 * nnz) : 0, indptr: take(4 * (n + 1)), indices: take(4 * nnz) };
    const buffer = memory.buffer;
    const block: WasmCsrBlock = {
      n,
      at,
      memory,
      indptr: new Int32Array(buffer, at.indptr, n + 1),
      indices: new Int32Array(buffer, at.indices, nnz),
      weights: weighted ? new Float64Array(buffer, at.weights, nnz) : null,
      exports: new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as WasmCsrBlock['exports'],
    };
    registry.set(block.indices, block);
    return block;
  },

  of(csr: CsrArrays): WasmCsrBlock | null {
    if (wasmPull.module() === null) return null;
    const known = registry.get(csr.indices);
    if (known !== undefined) return known;
    const block = this.allocate(csr.indptr.length - 1, csr.indices.length, csr.weights !== null);
    if (block === null) return null;
    block.indptr.set(csr.indptr);
    block.indices.set(csr.indices);
    if (block.weights !== null) block.weights.set(csr.weights!);
    registry.set(csr.indices, block);
    return block;
  },
};
