/**
 * A ball tree for exact k-nearest-neighbour queries under the minkowski family of metrics
 * (euclidean, manhattan, minkowski with p ≥ 1), as scikit-learn 1.2's `sklearn.neighbors.BallTree`.
 *
 * Reference: S. M. Omohundro, "Five balltree construction algorithms", ICSI TR-89-063, 1989;
 * P. N. Yianilos, "Data structures and algorithms for nearest neighbor search in general metric
 * spaces", SODA 1993. As scikit-learn: nodes split at the median of the dimension of largest spread,
 * leaves hold at most `leafSize` points (sklearn's `BallTree` default 40; the neighbour estimators
 * pass their own `leafSize`, default 30), each node keeps the centroid of its points and the
 * radius of the smallest ball around it holding them all. A query visits the child whose centroid
 * is nearer first and skips a node when the triangle-inequality bound max(0, ‖q − c‖ − r) exceeds the
 * current k-th neighbour distance. The bound is lowered by a relative 1e-12 so rounding can never
 * prune a point at exactly the k-th distance: ties resolve by training index exactly as brute force
 * does (equal distances: lower index first).
 */
import { checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { readDense } from '../naive-bayes/read-features.js';
import { makeMetric, type Metric, type MetricName } from './metric.js';
import { NeighborHeap } from './neighbor-heap.js';
import type { KNeighborsResult } from './neighbors-base.js';
import { selectAlong } from './select-along.js';

/** Options of `new BallTree(X, options)`. */
export interface BallTreeParams {
  /** Most points in a leaf (sklearn `leaf_size`). @default 40 */
  leafSize?: number;
  /** 'minkowski' (with `p`), 'euclidean' or 'manhattan'. @default 'minkowski' */
  metric?: Exclude<MetricName, 'cosine'>;
  /** Power of the minkowski metric (sklearn `p`, ≥ 1). @default 2 */
  p?: number;
}

export const BALL_TREE_DEFAULTS = { leafSize: 40, metric: 'minkowski', p: 2 } as const satisfies Required<BallTreeParams>;

/** Relative slack on the pruning bound (see the file header). */
const SLACK = 1e-12;

/** @internal The tree itself over checked rows (the neighbour estimators build this directly). */
export class BallTreeIndex {
  /** Nodes visited by the last `queryInto` call (for tests that check the pruning). */
  lastVisited = 0;
  /** Training rows permuted so each node owns a contiguous range. */
  private readonly order: Int32Array;
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  /** Node centroids, row-major (node × d), grown as nodes are made. */
  private centroids: Float64Array;
  private readonly radius: number[] = [];

  constructor(
    private readonly data: Float64Array,
    private readonly n: number,
    readonly d: number,
    private readonly leafSize: number,
    readonly metric: Metric,
  ) {
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.centroids = new Float64Array(Math.max(1, 2 * Math.ceil(n / leafSize)) * d);
    this.build(0, n);
  }

  /** Number of nodes. */
  get nodeCount(): number {
    return this.start.length;
  }

  private build(s: number, e: number): number {
    const { d, data, order } = this;
    const id = this.start.length;
    if ((id + 1) * d > this.centroids.length) {
      const grown = new Float64Array(this.centroids.length * 2 + d);
      grown.set(this.centroids);
      this.centroids = grown;
    }
    const c = this.centroids;
    const cb = id * d;
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    for (let k = s; k < e; k++) {
      const base = order[k] * d;
      for (let f = 0; f < d; f++) {
        const v = data[base + f];
        c[cb + f] += v;
        if (v < lo[f]) lo[f] = v;
        if (v > hi[f]) hi[f] = v;
      }
    }
    for (let f = 0; f < d; f++) c[cb + f] /= e - s;
    let r = 0;
    for (let k = s; k < e; k++) r = Math.max(r, this.metric.reduced(data, order[k], c, id, d));
    this.start.push(s);
    this.end.push(e);
    this.radius.push(this.metric.toDistance(r));
    this.left.push(-1);
    this.right.push(-1);
    if (e - s <= this.leafSize) return id;
    let dim = 0;
    for (let f = 1; f < d; f++) if (hi[f] - lo[f] > hi[dim] - lo[dim]) dim = f;
    if (hi[dim] === lo[dim]) return id; // all points equal: keep one leaf
    const mid = (s + e) >> 1;
    selectAlong(this.order, this.data, this.d, s, e - 1, mid, dim);
    this.left[id] = this.build(s, mid);
    this.right[id] = this.build(mid, e);
    return id;
  }

  /** Distance from query row `qi` of `q` to node `id`'s centroid. */
  private centerDistance(q: Float64Array, qi: number, id: number): number {
    return this.metric.toDistance(this.metric.reduced(q, qi, this.centroids, id, this.d));
  }

  /** Reduced-distance lower bound for any point of node `id`, given the distance to its centroid. */
  private bound(centre: number, id: number): number {
    const r = this.radius[id];
    const gap = centre - r - SLACK * (centre + r);
    return gap > 0 ? this.metric.gap(gap) : 0;
  }

  /** @internal Fills `heap` with the k nearest training rows (reduced distances) to row `qi` of `q`. */
  queryInto(q: Float64Array, qi: number, heap: NeighborHeap): void {
    heap.reset();
    this.lastVisited = 0;
    this.visit(q, qi, 0, this.bound(this.centerDistance(q, qi, 0), 0), heap);
  }

  private visit(q: Float64Array, qi: number, id: number, bound: number, heap: NeighborHeap): void {
    if (bound > heap.worst()) return;
    this.lastVisited++;
    const l = this.left[id];
    if (l < 0) {
      const { order, data, d, metric } = this;
      for (let k = this.start[id]; k < this.end[id]; k++) {
        const j = order[k];
        heap.push(metric.reduced(q, qi, data, j, d), j);
      }
      return;
    }
    const r = this.right[id];
    const dl = this.centerDistance(q, qi, l);
    const dr = this.centerDistance(q, qi, r);
    const bl = this.bound(dl, l);
    const br = this.bound(dr, r);
    // nearer centroid first (sklearn's order), then the other if it can still hold a neighbour
    if (dl <= dr) {
      this.visit(q, qi, l, bl, heap);
      this.visit(q, qi, r, br, heap);
    } else {
      this.visit(q, qi, r, br, heap);
      this.visit(q, qi, l, bl, heap);
    }
  }

}

/**
 * A ball tree over the rows of `X`, queried for exact k nearest neighbours (sklearn's
 * `BallTree(X, leaf_size=40, metric='minkowski', p=2).query(X, k)`).
 */
export class BallTree {
  readonly params: Readonly<Required<BallTreeParams>>;
  private readonly index: BallTreeIndex;
  private readonly n: number;

  constructor(X: MatrixInput, params: BallTreeParams = {}) {
    const where = 'BallTree';
    this.params = { ...BALL_TREE_DEFAULTS, ...params };
    const { leafSize, metric, p } = this.params;
    checkInt(where, 'leafSize', leafSize, 1);
    checkNumber(where, 'p', p, 1);
    checkOneOf(where, 'metric', metric, ['minkowski', 'euclidean', 'manhattan']);
    const x = readDense(where, 'X', X);
    this.n = x.rows;
    this.index = new BallTreeIndex(x.data, x.rows, x.cols, leafSize, makeMetric(metric, p));
  }

  /** Number of nodes. */
  get nodeCount(): number {
    return this.index.nodeCount;
  }

  /** Nodes visited by the last query row (a measure of the pruning). */
  get lastVisited(): number {
    return this.index.lastVisited;
  }

  /**
   * The `k` nearest training rows of each row of `X`, nearest first (equal distances: lower index
   * first), as sklearn's `BallTree.query(X, k)`.
   */
  query(X: MatrixInput, k = 1): KNeighborsResult {
    const where = 'BallTree.query';
    checkInt(where, 'k', k, 1);
    if (k > this.n) throw new RangeError(`${where}: 'k' must be <= the number of points in the tree (${this.n}); received ${k}`);
    const { metric } = this.index;
    const x = readDense(where, 'X', X, this.index.d);
    const heap = new NeighborHeap(k);
    const dist = new Float64Array(k);
    const index = new Int32Array(k);
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < x.rows; i++) {
      this.index.queryInto(x.data, i, heap);
      heap.drain(dist, index, 0);
      distances.push(Array.from(dist, (v) => metric.toDistance(v)));
      indices.push(Array.from(index));
    }
    return { distances, indices };
  }
}
