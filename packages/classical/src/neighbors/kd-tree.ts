/**
 * A k-d tree for exact k-nearest-neighbour queries under the minkowski family of metrics.
 *
 * Reference: J. L. Bentley, "Multidimensional binary search trees used for associative searching",
 * CACM 18(9), 1975; J. H. Friedman, J. L. Bentley and R. A. Finkel, "An algorithm for finding best
 * matches in logarithmic expected time", ACM TOMS 3(3), 1977. As scikit-learn's KDTree: nodes split at
 * the median of the dimension of largest spread, leaves hold at most `leafSize` points, each node
 * keeps its bounding box; a query visits the nearer child first and skips a node whose box lies
 * farther than the current k-th neighbour (a node at exactly that distance is still visited, so ties
 * resolve by training index exactly as brute force does).
 */
import type { Metric } from './metric.js';
import { NeighborHeap } from './neighbor-heap.js';
import { selectAlong } from './select-along.js';

export class KdTree {
  /** Training rows permuted so each node owns a contiguous range. */
  private readonly order: Int32Array;
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly lo: number[][] = [];
  private readonly hi: number[][] = [];
  /** Nodes visited by the last `query` call (for tests that check the pruning). */
  lastVisited = 0;

  constructor(
    private readonly data: Float64Array,
    private readonly n: number,
    private readonly d: number,
    private readonly leafSize: number,
    private readonly metric: Metric,
  ) {
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.build(0, n);
  }

  private build(s: number, e: number): number {
    const { d, data, order } = this;
    const lo = new Array<number>(d).fill(Infinity);
    const hi = new Array<number>(d).fill(-Infinity);
    for (let k = s; k < e; k++) {
      const base = order[k] * d;
      for (let f = 0; f < d; f++) {
        const v = data[base + f];
        if (v < lo[f]) lo[f] = v;
        if (v > hi[f]) hi[f] = v;
      }
    }
    const id = this.start.length;
    this.start.push(s);
    this.end.push(e);
    this.lo.push(lo);
    this.hi.push(hi);
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

  /** Reduced-distance lower bound from query row `qi` of `q` to node `id`'s box. */
  private bound(q: Float64Array, qi: number, id: number): number {
    const lo = this.lo[id];
    const hi = this.hi[id];
    const d = this.d;
    let s = 0;
    for (let f = 0; f < d; f++) {
      const v = q[qi * d + f];
      const t = v < lo[f] ? lo[f] - v : v > hi[f] ? v - hi[f] : 0;
      s += this.metric.gap(t);
    }
    return s;
  }

  /** Fills `heap` with the k nearest training rows (reduced distances) to row `qi` of `q`. */
  query(q: Float64Array, qi: number, heap: NeighborHeap): void {
    heap.reset();
    this.lastVisited = 0;
    this.visit(q, qi, 0, this.bound(q, qi, 0), heap);
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
    const bl = this.bound(q, qi, l);
    const br = this.bound(q, qi, r);
    if (bl <= br) {
      this.visit(q, qi, l, bl, heap);
      this.visit(q, qi, r, br, heap);
    } else {
      this.visit(q, qi, r, br, heap);
      this.visit(q, qi, l, bl, heap);
    }
  }
}
