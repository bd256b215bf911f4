import { CsrMatrix } from '@ml/core';
import { describe } from '../internal/describe.js';
import { collectEdgeTuples } from '../internal/collect-edge-tuples.js';
import { graphArgs } from '../internal/graph-args.js';
import { buildCsr } from './build-csr.js';
import type { CsrArrays } from './csr-arrays.js';
import type { NodeId } from './node-id.js';
import { NodeIndex } from './node-index.js';
import { transposeCsr } from './transpose-csr.js';
import { validateCsr } from './validate-csr.js';

/** Options shared by every way of building a graph. */
export interface GraphOptions {
  /** Whether edges are directed (`u → v`) or undirected (`{u, v}`, stored both ways). @default true */
  directed?: boolean;
}

/** An edge as a pair of node ids, optionally with a weight (finite, ≥ 0; 1 when omitted). */
export type EdgeTuple = readonly [NodeId, NodeId] | readonly [NodeId, NodeId, number];

/** Options of {@link Graph.fromEdges}. */
export interface FromEdgesOptions extends GraphOptions {
  /** Nodes to add first, in this order (isolated nodes included). @default [] */
  nodes?: Iterable<NodeId>;
}

/** Options of {@link Graph.fromArrays} and {@link Graph.fromCsr}. */
export interface FromArraysOptions extends GraphOptions {
  /** Number of nodes. @default 1 + the largest index seen (0 for no edges) */
  numNodes?: number;
  /** Ids of nodes 0 … numNodes−1, distinct. @default the indices themselves */
  nodes?: readonly NodeId[];
}

/** The JSON form of a {@link Graph} (see {@link Graph.toJSON}). */
export interface GraphJSON {
  format: 'ml-graph';
  version: 1;
  directed: boolean;
  numNodes: number;
  /** Node ids in index order, or `null` when the ids are the indices 0 … n−1. */
  nodes: NodeId[] | null;
  indptr: number[];
  indices: number[];
  weights: number[] | null;
}

/**
 * A directed or undirected, weighted or unweighted graph stored as compressed sparse rows (CSR) of
 * its adjacency. Nodes have dense indices 0 … n−1 and ids (any string or finite number; `1` and
 * `"1"` are different nodes). Parallel edges are merged by summing weights; self-loops are kept.
 * The graph is immutable.
 *
 * Build one with {@link Graph.fromEdges}, {@link Graph.fromArrays}, {@link Graph.fromCsr},
 * {@link Graph.fromCsrMatrix}, {@link Graph.fromJSON} or `readEdgeList`; convert back with
 * {@link Graph.toCsrMatrix} and {@link Graph.toJSON}.
 */
export class Graph implements CsrArrays {
  readonly directed: boolean;
  readonly numNodes: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly weights: Float64Array | null;
  private readonly nodeIndex: NodeIndex | null;
  private reversed: Graph | undefined;
  private outWeightCache: Float64Array | undefined;
  private outCountCache: Float64Array | undefined;

  /** Wraps validated CSR arrays; use the static builders instead. */
  constructor(csr: CsrArrays, directed: boolean, nodeIndex: NodeIndex | null) {
    this.directed = directed;
    this.numNodes = csr.indptr.length - 1;
    this.indptr = csr.indptr;
    this.indices = csr.indices;
    this.weights = csr.weights;
    this.nodeIndex = nodeIndex;
  }

  /**
   * A graph from edge tuples `[u, v]` or `[u, v, weight]` with arbitrary ids, numbered in order of
   * first appearance. When the ids are exactly the integers 0 … n−1, they are used as the indices
   * and no id map is kept.
   */
  static fromEdges(edges: Iterable<EdgeTuple>, options: FromEdgesOptions = {}): Graph {
    const directed = graphArgs.directed(options, 'Graph.fromEdges');
    const { index, buffer } = collectEdgeTuples(edges, options.nodes, 'Graph.fromEdges');
    const n = buffer.numNodes;
    const csr = buildCsr(n, buffer.length, buffer.src, buffer.dst, buffer.weights, directed);
    return new Graph(csr, directed, index);
  }

  /**
   * A graph from parallel arrays of node indices `sources[i] → targets[i]` (typed arrays are read
   * without copying), with optional `weights`, in O(n + m).
   */
  static fromArrays(
    sources: ArrayLike<number>,
    targets: ArrayLike<number>,
    options: FromArraysOptions & { weights?: ArrayLike<number> } = {},
  ): Graph {
    const what = 'Graph.fromArrays';
    const directed = graphArgs.directed(options, what);
    const m = sources.length;
    if (targets.length !== m) {
      throw new RangeError(`${what}: 'targets' must have the length of 'sources' (${m}); received ${targets.length}`);
    }
    const { weights } = options;
    if (weights !== undefined && weights.length !== m) {
      throw new RangeError(`${what}: 'weights' must have the length of 'sources' (${m}); received ${weights.length}`);
    }
    const max = Math.max(graphArgs.maxIndex(sources, 'sources', what), graphArgs.maxIndex(targets, 'targets', what));
    if (weights !== undefined) graphArgs.weights(weights, what);
    const n = graphArgs.numNodes(options, max + 1, what);
    const csr = buildCsr(n, m, sources, targets, weights ?? null, directed);
    return new Graph(csr, directed, graphArgs.nodes(options, n, what));
  }

  /** A graph over validated CSR arrays (used as given, not copied). */
  static fromCsr(csr: CsrArrays, options: FromArraysOptions = {}): Graph {
    const directed = graphArgs.directed(options, 'Graph.fromCsr');
    const n = (csr.indptr?.length ?? 0) - 1;
    validateCsr(n, csr, directed, 'Graph.fromCsr');
    if (options.numNodes !== undefined && options.numNodes !== n) {
      throw new RangeError(`Graph.fromCsr: 'numNodes' must equal indptr.length − 1 = ${n}; received ${options.numNodes}`);
    }
    return new Graph({ indptr: csr.indptr, indices: csr.indices, weights: csr.weights }, directed, graphArgs.nodes(options, n, 'Graph.fromCsr'));
  }

  /**
   * A graph whose adjacency is the square `matrix` (entry (u, v) = weight of u → v), as networkx's
   * `from_scipy_sparse_array`. Duplicate entries are summed, explicit zeros kept as zero-weight
   * edges; a matrix of only ones gives an unweighted graph. With `directed: false` the matrix must
   * be symmetric (each undirected edge appears as (u, v) and (v, u), a self-loop once).
   */
  static fromCsrMatrix(matrix: CsrMatrix, options: FromArraysOptions = {}): Graph {
    const what = 'Graph.fromCsrMatrix';
    if (!(matrix instanceof CsrMatrix)) throw new TypeError(`${what}: 'matrix' must be a CsrMatrix; received ${describe(matrix)}`);
    const [rows, cols] = matrix.shape;
    if (rows !== cols) throw new RangeError(`${what}: 'matrix' must be square; received shape [${rows}, ${cols}]`);
    const directed = graphArgs.directed(options, what);
    const { indptr, indices, data } = matrix;
    const sources = new Int32Array(indices.length);
    for (let r = 0; r < rows; r++) sources.fill(r, indptr[r], indptr[r + 1]);
    const allOnes = data.every((v) => v === 1);
    const g = Graph.fromArrays(sources, indices, { numNodes: rows, weights: allOnes ? undefined : data });
    const csr = { indptr: g.indptr, indices: g.indices, weights: g.weights };
    if (!directed) validateCsr(rows, csr, false, what);
    return new Graph(csr, directed, graphArgs.nodes(options, rows, what));
  }

  /**
   * The adjacency as a new `CsrMatrix` of shape [numNodes, numNodes] in node index order (an
   * undirected graph gives the symmetric matrix), as networkx's `to_scipy_sparse_array`.
   * @param dtype storage type of the values. @default 'float64'
   */
  toCsrMatrix(dtype: 'float32' | 'float64' = 'float64'): CsrMatrix {
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new TypeError(`Graph.toCsrMatrix: 'dtype' must be 'float32' or 'float64'; received ${describe(dtype)}`);
    }
    const nnz = this.indices.length;
    const data = dtype === 'float64' ? new Float64Array(nnz) : new Float32Array(nnz);
    if (this.weights) data.set(this.weights);
    else data.fill(1);
    return new CsrMatrix({ indptr: this.indptr.slice(), indices: this.indices.slice(), data, shape: [this.numNodes, this.numNodes] });
  }

  /** Restores a graph written by {@link Graph.toJSON}. */
  static fromJSON(json: GraphJSON): Graph {
    const what = 'Graph.fromJSON';
    if (json?.format !== 'ml-graph' || json.version !== 1) {
      throw new TypeError(`${what}: expected format 'ml-graph' version 1; received ${describe(json?.format)} version ${describe(json?.version)}`);
    }
    const csr: CsrArrays = {
      indptr: Int32Array.from(json.indptr),
      indices: Int32Array.from(json.indices),
      weights: json.weights === null ? null : Float64Array.from(json.weights),
    };
    if (csr.indptr.length !== json.numNodes + 1) {
      throw new RangeError(`${what}: 'indptr' must have numNodes + 1 = ${json.numNodes + 1} entries; received ${csr.indptr.length}`);
    }
    return Graph.fromCsr(csr, { directed: json.directed, nodes: json.nodes ?? undefined });
  }

  /** Number of edges: stored entries when directed; each {u, v} once when undirected. */
  get numEdges(): number {
    if (this.directed) return this.indices.length;
    let selfLoops = 0;
    for (let u = 0; u < this.numNodes; u++) if (this.hasEdgeAt(u, u)) selfLoops++;
    return (this.indices.length + selfLoops) / 2;
  }

  /** Whether edges carry weights other than 1. */
  get weighted(): boolean {
    return this.weights !== null;
  }

  /** The node ids in index order. */
  nodes(): NodeId[] {
    if (this.nodeIndex) return this.nodeIndex.toArray();
    return Array.from({ length: this.numNodes }, (_, i) => i);
  }

  /** The id of the node at `index`. */
  nodeId(index: number): NodeId {
    if (!Number.isInteger(index) || index < 0 || index >= this.numNodes) {
      throw new RangeError(`Graph.nodeId: 'index' must be an integer in [0, ${this.numNodes}); received ${index}`);
    }
    return this.nodeIndex ? this.nodeIndex.id(index) : index;
  }

  /** The index of node `id`, or −1 when the graph has no such node. */
  indexOf(id: NodeId): number {
    if (this.nodeIndex) return this.nodeIndex.get(id);
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < this.numNodes ? id : -1;
  }

  /** Whether the graph has node `id`. */
  hasNode(id: NodeId): boolean {
    return this.indexOf(id) !== -1;
  }

  /** The index of node `id`; throws naming `what` when absent. */
  requireIndex(id: NodeId, what: string): number {
    const i = this.indexOf(id);
    if (i === -1) throw new RangeError(`${what} must be a node of the graph; received ${describe(id)}`);
    return i;
  }

  /** Ids of the targets of `id`'s out-edges (its neighbours when undirected), ascending by index. */
  successors(id: NodeId): NodeId[] {
    const u = this.requireIndex(id, "Graph.successors: 'id'");
    return this.idsOf(this.indices.subarray(this.indptr[u], this.indptr[u + 1]));
  }

  /** Ids of the sources of `id`'s in-edges (its neighbours when undirected). */
  predecessors(id: NodeId): NodeId[] {
    const v = this.requireIndex(id, "Graph.predecessors: 'id'");
    const r = this.reverse();
    return this.idsOf(r.indices.subarray(r.indptr[v], r.indptr[v + 1]));
  }

  /** Same as {@link Graph.successors} (networkx's `G.neighbors`). */
  neighbors(id: NodeId): NodeId[] {
    return this.successors(id);
  }

  /**
   * Out-degree of `id` (number of distinct out-neighbours, or the sum of out-edge weights when
   * `weighted`). Undirected graphs return the degree, where a self-loop counts twice (networkx).
   */
  outDegree(id: NodeId, weighted = false): number {
    return this.rowDegree(this, this.requireIndex(id, "Graph.outDegree: 'id'"), weighted);
  }

  /** In-degree of `id`, as {@link Graph.outDegree} over in-edges. */
  inDegree(id: NodeId, weighted = false): number {
    return this.rowDegree(this.reverse(), this.requireIndex(id, "Graph.inDegree: 'id'"), weighted);
  }

  /** Degree: out + in for a directed graph; {@link Graph.outDegree} for an undirected one. */
  degree(id: NodeId, weighted = false): number {
    return this.directed ? this.outDegree(id, weighted) + this.inDegree(id, weighted) : this.outDegree(id, weighted);
  }

  /** The weight of edge `u → v` ({u, v} when undirected), or `undefined` when there is none. */
  edgeWeight(u: NodeId, v: NodeId): number | undefined {
    const k = this.findEdge(this.requireIndex(u, "Graph.edgeWeight: 'u'"), this.requireIndex(v, "Graph.edgeWeight: 'v'"));
    if (k === -1) return undefined;
    return this.weights ? this.weights[k] : 1;
  }

  /** Whether the graph has edge `u → v` ({u, v} when undirected); false for unknown nodes. */
  hasEdge(u: NodeId, v: NodeId): boolean {
    const i = this.indexOf(u);
    const j = this.indexOf(v);
    return i !== -1 && j !== -1 && this.findEdge(i, j) !== -1;
  }

  /** Every edge as `[u, v, weight]`; undirected edges once each, with u's index ≤ v's. */
  *edges(): Generator<[NodeId, NodeId, number]> {
    for (let u = 0; u < this.numNodes; u++) {
      for (let k = this.indptr[u]; k < this.indptr[u + 1]; k++) {
        const v = this.indices[k];
        if (!this.directed && v < u) continue;
        yield [this.nodeId(u), this.nodeId(v), this.weights ? this.weights[k] : 1];
      }
    }
  }

  /**
   * Sum of out-edge weights per node index (a self-loop counts once, as in the adjacency matrix);
   * with `weighted` false, or for an unweighted graph, the number of distinct out-neighbours.
   */
  outWeights(weighted = true): Float64Array {
    const useWeights = weighted && this.weights !== null;
    let cached = useWeights ? this.outWeightCache : this.outCountCache;
    if (cached === undefined) {
      cached = new Float64Array(this.numNodes);
      for (let u = 0; u < this.numNodes; u++) {
        if (!useWeights) {
          cached[u] = this.indptr[u + 1] - this.indptr[u];
          continue;
        }
        let s = 0;
        for (let k = this.indptr[u]; k < this.indptr[u + 1]; k++) s += this.weights![k];
        cached[u] = s;
      }
      if (useWeights) this.outWeightCache = cached;
      else this.outCountCache = cached;
    }
    return cached.slice();
  }

  /**
   * The graph with every edge reversed, whose rows are in-edges (computed once and cached; an
   * undirected graph is its own reverse). Shares the node ids.
   */
  reverse(): Graph {
    if (!this.directed) return this;
    if (!this.reversed) {
      this.reversed = new Graph(transposeCsr(this.numNodes, this), true, this.nodeIndex);
      this.reversed.reversed = this;
    }
    return this.reversed;
  }

  /** A JSON-safe object that {@link Graph.fromJSON} restores. */
  toJSON(): GraphJSON {
    return {
      format: 'ml-graph',
      version: 1,
      directed: this.directed,
      numNodes: this.numNodes,
      nodes: this.nodeIndex ? this.nodeIndex.toArray() : null,
      indptr: Array.from(this.indptr),
      indices: Array.from(this.indices),
      weights: this.weights ? Array.from(this.weights) : null,
    };
  }

  private idsOf(indices: Int32Array): NodeId[] {
    return Array.from(indices, (i) => (this.nodeIndex ? this.nodeIndex.id(i) : i));
  }

  private findEdge(u: number, v: number): number {
    let lo = this.indptr[u];
    let hi = this.indptr[u + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.indices[mid];
      if (c === v) return mid;
      if (c < v) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private hasEdgeAt(u: number, v: number): boolean {
    return this.findEdge(u, v) !== -1;
  }

  private rowDegree(g: Graph, u: number, weighted: boolean): number {
    let d = 0;
    for (let k = g.indptr[u]; k < g.indptr[u + 1]; k++) {
      const w = weighted && g.weights ? g.weights[k] : 1;
      d += !this.directed && g.indices[k] === u ? 2 * w : w;
    }
    return d;
  }
}
