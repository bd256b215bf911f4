import type { CsrArrays } from '../graph/csr-arrays.js';
import type { Graph } from '../graph/graph.js';
import { finalize, scatter } from './push-kernels.js';
import { wasmPush, type WasmPushExports } from './wasm-push.js';

const PAGE = 65536;
const MAX_WASM_BYTES = 2 ** 31; // stay well inside wasm32's 4 GiB
/** Integer weights are expanded into repeated entries while they add at most this share of entries. */
const MAX_EXPANSION = 0.25;

// Workspaces by graph and by whether they use the weights, built on first use.
const cache = new WeakMap<Graph, Map<boolean, PushWorkspace>>();

/**
 * Everything PageRank's power iteration reads, laid out once per graph: the out-edge CSR, 1/out-
 * weight per node (0 for dangling nodes) and the vectors x, acc, p and δ, in one WebAssembly
 * memory when WebAssembly is available and the block fits (else plain typed arrays, the graph's
 * own CSR, and the JavaScript kernels). Built by {@link PushWorkspace.of} on a graph's first
 * PageRank run and kept for as long as the graph lives.
 *
 * When the weights are small non-negative integers, as the edge multiplicities of a multigraph
 * read from an edge list are, each edge is stored `weight` times instead and the scatter reads
 * no weights at all (while that adds at most a quarter more entries): ¾ of the bytes per edge.
 *
 * The vectors are shared by every run on the graph: callers fill `x`, `p` and `delta`, iterate,
 * and copy `x` out before the next run.
 */
export class PushWorkspace {
  readonly n: number;
  readonly x: Float64Array;
  readonly p: Float64Array;
  readonly delta: Float64Array;
  /** 1 / out-weight, 0 for dangling nodes. */
  readonly inv: Float64Array;
  /** Whether the WebAssembly kernels run (false: JavaScript fallback). */
  readonly wasm: boolean;
  /** Whether the scatter reads edge weights (false: every stored entry counts 1). */
  readonly readsWeights: boolean;
  /** Entries the scatter walks (more than the graph's when integer weights were expanded). */
  readonly entries: number;
  private readonly acc: Float64Array;
  private readonly massOut: Float64Array;
  private readonly runScatter: () => void;
  private readonly runFinalize: (alpha: number, mass: number) => number;

  /**
   * The workspace of `graph` (built once and cached).
   * @param weighted use edge weights (false: each stored edge counts 1, as `graph.outWeights(false)`).
   */
  static of(graph: Graph, weighted: boolean): PushWorkspace {
    const useWeights = weighted && graph.weights !== null;
    let byMode = cache.get(graph);
    if (byMode === undefined) cache.set(graph, (byMode = new Map()));
    let work = byMode.get(useWeights);
    if (work === undefined) byMode.set(useWeights, (work = new PushWorkspace(graph, useWeights)));
    return work;
  }

  private constructor(graph: Graph, useWeights: boolean) {
    const n = graph.numNodes;
    const outW = graph.outWeights(useWeights);
    const expandedSize = useWeights ? integerWeightSum(graph.weights!, Math.floor(graph.indices.length * (1 + MAX_EXPANSION))) : -1;
    const readsWeights = useWeights && expandedSize < 0;
    const nnz = expandedSize >= 0 ? expandedSize : graph.indices.length;
    const fill = (csr: CsrArrays): void => {
      if (expandedSize >= 0) expand(graph, csr);
      else if (csr.indices !== graph.indices) {
        csr.indptr.set(graph.indptr);
        csr.indices.set(graph.indices);
        if (readsWeights) csr.weights!.set(graph.weights!);
      }
    };
    this.n = n;
    this.readsWeights = readsWeights;
    this.entries = nnz;

    const block = allocate(n, nnz, readsWeights);
    if (block === null) {
      this.wasm = false;
      this.x = new Float64Array(n);
      this.p = new Float64Array(n);
      this.delta = new Float64Array(n);
      this.inv = new Float64Array(n);
      this.acc = new Float64Array(n);
      this.massOut = new Float64Array(1);
      const csr: CsrArrays =
        expandedSize >= 0
          ? { indptr: new Int32Array(n + 1), indices: new Int32Array(nnz), weights: null }
          : { indptr: graph.indptr, indices: graph.indices, weights: readsWeights ? graph.weights : null };
      fill(csr);
      const { x, inv, acc, p, delta, massOut } = this;
      this.runScatter = () => scatter(csr.indptr, csr.indices, csr.weights, x, inv, acc);
      this.runFinalize = (alpha, mass) => finalize(x, acc, inv, p, delta, alpha, mass, massOut);
    } else {
      const { at, exports, buffer } = block;
      this.wasm = true;
      this.x = new Float64Array(buffer, at.x, n);
      this.p = new Float64Array(buffer, at.p, n);
      this.delta = new Float64Array(buffer, at.delta, n);
      this.inv = new Float64Array(buffer, at.inv, n);
      this.acc = new Float64Array(buffer, at.acc, n);
      this.massOut = new Float64Array(buffer, at.massOut, 1);
      fill({
        indptr: new Int32Array(buffer, at.indptr, n + 1),
        indices: new Int32Array(buffer, at.indices, nnz),
        weights: readsWeights ? new Float64Array(buffer, at.weights, nnz) : null,
      });
      const fn = readsWeights ? exports.scatterW : exports.scatterU;
      this.runScatter = () => fn(n, at.indptr, at.indices, at.weights, at.x, at.inv, at.acc);
      this.runFinalize = (alpha, mass) => exports.finalize(n, at.x, at.acc, at.inv, at.p, at.delta, alpha, mass, at.massOut);
    }
    for (let u = 0; u < n; u++) this.inv[u] = outW[u] > 0 ? 1 / outW[u] : 0;
    this.acc.fill(0);
  }

  /** Σ x[u] over the dangling nodes, in ascending order (as `step` sums it). */
  danglingMass(): number {
    const { x, inv, n } = this;
    let mass = 0;
    for (let u = 0; u < n; u++) mass += inv[u] === 0 ? x[u] : 0;
    return mass;
  }

  /**
   * One power iteration: x ← α (xᵀ P + mass · δ) + (1 − α) p, where `mass` is the dangling mass
   * of the current x. Returns the L1 change; {@link PushWorkspace.nextMass} then holds the
   * dangling mass of the new x.
   */
  step(alpha: number, mass: number): number {
    this.runScatter();
    return this.runFinalize(alpha, mass);
  }

  /** The dangling mass of x after the last {@link PushWorkspace.step}. */
  get nextMass(): number {
    return this.massOut[0];
  }
}

/**
 * Σ weights when every weight is an integer and the sum is at most `limit`, else −1.
 */
function integerWeightSum(weights: Float64Array, limit: number): number {
  let sum = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    if (!Number.isInteger(w)) return -1;
    sum += w;
    if (sum > limit) return -1;
  }
  return sum;
}

/** Writes `graph`'s CSR into `out` with each entry repeated `weight` times (0 times for 0). */
function expand(graph: Graph, out: CsrArrays): void {
  const { indptr, indices } = graph;
  const weights = graph.weights!;
  const n = graph.numNodes;
  let write = 0;
  out.indptr[0] = 0;
  for (let u = 0; u < n; u++) {
    for (let k = indptr[u], end = indptr[u + 1]; k < end; k++) {
      const v = indices[k];
      for (let r = weights[k]; r > 0; r--) out.indices[write++] = v;
    }
    out.indptr[u + 1] = write;
  }
}

interface Block {
  buffer: ArrayBuffer;
  exports: WasmPushExports;
  /** Byte offsets (weights: 0 when none). */
  at: { x: number; p: number; delta: number; inv: number; acc: number; massOut: number; weights: number; indptr: number; indices: number };
}

/** One WebAssembly memory laid out for a workspace, or null where that is impossible. */
function allocate(n: number, nnz: number, weighted: boolean): Block | null {
  const mod = wasmPush.module();
  if (mod === null) return null;
  const align = (b: number): number => Math.ceil(b / 8) * 8;
  const bytes = 40 * n + 8 + (weighted ? 8 * nnz : 0) + align(4 * (n + 1)) + align(4 * nnz);
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
  const at = {
    x: take(8 * n),
    acc: take(8 * n),
    inv: take(8 * n),
    p: take(8 * n),
    delta: take(8 * n),
    massOut: take(8),
    weights: weighted ? take(8 * nnz) : 0,
    indptr: take(4 * (n + 1)),
    indices: take(4 * nnz),
  };
  const exports = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as WasmPushExports;
  return { buffer: memory.buffer, exports, at };
}
