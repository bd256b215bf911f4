import type { CsrArrays } from '../graph/csr-arrays.js';
import { pullUnweighted } from './pull-unweighted.js';
import { pullWeighted } from './pull-weighted.js';
import { wasmCsr } from './wasm-csr.js';

/**
 * Work vectors and kernel for PageRank's pull iteration over an in-edge CSR: the WebAssembly
 * kernel on the CSR's block in WebAssembly memory when there is one (see `wasmCsr`), else plain
 * typed arrays and the JavaScript kernels. The caller fills `x`, `p` and `delta` and writes `y`
 * before each {@link PullWorkspace.step}. The vectors of a WebAssembly block are shared by every
 * run on that graph, so read results out (copy `x`) before the next run.
 */
export class PullWorkspace {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly p: Float64Array;
  readonly delta: Float64Array;
  /** Whether the WebAssembly kernel runs (false: JavaScript fallback). */
  readonly wasm: boolean;
  private readonly kernel: (alpha: number, mass: number) => number;

  /** @param useWeights use the CSR's weights (false: count every stored edge as 1). */
  constructor(csr: CsrArrays, useWeights: boolean) {
    const n = csr.indptr.length - 1;
    const weights = useWeights ? csr.weights : null;
    const block = wasmCsr.of(csr);
    if (block === null) {
      this.wasm = false;
      this.x = new Float64Array(n);
      this.y = new Float64Array(n);
      this.p = new Float64Array(n);
      this.delta = new Float64Array(n);
      const { x, y, p, delta } = this;
      const { indptr, indices } = csr;
      this.kernel = weights
        ? (alpha, mass) => pullWeighted(indptr, indices, weights, y, x, p, delta, alpha, mass)
        : (alpha, mass) => pullUnweighted(indptr, indices, y, x, p, delta, alpha, mass);
      return;
    }
    const { at, exports } = block;
    const buffer = block.memory.buffer;
    this.wasm = true;
    this.x = new Float64Array(buffer, at.x, n);
    this.y = new Float64Array(buffer, at.y, n);
    this.p = new Float64Array(buffer, at.p, n);
    this.delta = new Float64Array(buffer, at.delta, n);
    const fn = weights ? exports.pullW : exports.pullU;
    this.kernel = (alpha, mass) => fn(n, at.indptr, at.indices, at.weights, at.y, at.x, at.p, at.delta, alpha, mass);
  }

  /** One pull step: x ← α (Σ y over in-edges + mass · δ) + (1 − α) p; returns ‖x_new − x‖₁. */
  step(alpha: number, mass: number): number {
    return this.kernel(alpha, mass);
  }
}
