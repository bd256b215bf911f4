/**
 * Internal: what KNeighborsClassifier and KNeighborsRegressor share (sklearn 1.2's
 * `NeighborsBase` + `KNeighborsMixin`): parameters, fitting (store the data, build a k-d tree when
 * or ball tree when chosen), `kneighbors`, and sklearn's distance weights.
 */
import { tf } from '@ml/core';
import { checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix, type Dense } from '../base/read-matrix.js';
import { readDense } from '../naive-bayes/read-features.js';
import { BallTreeIndex } from './ball-tree.js';
import { bruteKnnLoop, bruteKnnMatmul, type KnnResult } from './brute-knn.js';
import { KdTree } from './kd-tree.js';
import { makeMetric, normalizeRows, type Metric, type MetricName } from './metric.js';
import { NeighborHeap } from './neighbor-heap.js';

export interface NeighborsParams {
  /** Number of neighbours (sklearn `n_neighbors`). @default 5 */
  nNeighbors?: number;
  /** 'uniform': equal votes; 'distance': weight 1/distance (exact matches take all the weight). @default 'uniform' */
  weights?: 'uniform' | 'distance';
  /**
   * 'brute', 'kd_tree', 'ball_tree' or 'auto' (sklearn 1.2's rule: brute for more than 15
   * features, for nNeighbors ≥ n/2 or for cosine; else the k-d tree). Every choice returns the same
   * neighbours, ties included (equal distances: lower training index first).
   * @default 'auto'
   */
  algorithm?: NeighborsAlgorithm;
  /** Most points in a k-d tree or ball tree leaf (sklearn `leaf_size`). @default 30 */
  leafSize?: number;
  /** Power of the minkowski metric (sklearn `p`, ≥ 1): 1 manhattan, 2 euclidean. @default 2 */
  p?: number;
  /** 'minkowski' (with `p`), 'euclidean', 'manhattan' or 'cosine'. @default 'minkowski' */
  metric?: MetricName;
}

/** The neighbour search methods (sklearn `algorithm`). */
export type NeighborsAlgorithm = 'auto' | 'brute' | 'kd_tree' | 'ball_tree';

export const NEIGHBORS_DEFAULTS = { nNeighbors: 5, weights: 'uniform', algorithm: 'auto', leafSize: 30, p: 2, metric: 'minkowski' } as const satisfies Required<NeighborsParams>;

/** Distances and training indices of each query row's neighbours, nearest first. */
export interface KNeighborsResult {
  distances: number[][];
  indices: number[][];
}

/** Queries with at least this many multiply-adds (m·n·d) use backend matmuls (wasm only). */
const MATMUL_MIN_WORK = 1 << 22;

export interface NeighborsFit {
  x: Dense;
  /** Rows used for distances (normalised for cosine). */
  points: Float64Array;
  metric: Metric;
  method: 'brute' | 'kd_tree' | 'ball_tree';
  tree: KdTree | BallTreeIndex | undefined;
}

export abstract class NeighborsBase {
  readonly params: Readonly<Required<NeighborsParams>>;
  protected abstract readonly estimatorName: string;
  protected fitState: NeighborsFit | undefined;

  constructor(params: NeighborsParams) {
    this.params = { ...NEIGHBORS_DEFAULTS, ...params };
  }

  protected fitX(where: string, X: MatrixInput): Dense {
    const { nNeighbors, weights, algorithm, leafSize, p, metric } = this.params;
    checkInt(where, 'nNeighbors', nNeighbors, 1);
    checkOneOf(where, 'weights', weights, ['uniform', 'distance']);
    checkOneOf(where, 'algorithm', algorithm, ['auto', 'brute', 'kd_tree', 'ball_tree']);
    checkInt(where, 'leafSize', leafSize, 1);
    checkNumber(where, 'p', p, 1);
    checkOneOf(where, 'metric', metric, ['minkowski', 'euclidean', 'manhattan', 'cosine']);
    const x = readDense(where, 'X', X);
    const m = makeMetric(metric, p);
    if ((algorithm === 'kd_tree' || algorithm === 'ball_tree') && m.kind === 'cosine') {
      throw new RangeError(`${where}: metric 'cosine' is not valid for algorithm '${algorithm}'; use 'brute' or 'auto'`);
    }
    let method: 'brute' | 'kd_tree' | 'ball_tree' = algorithm === 'auto' ? 'brute' : algorithm;
    if (algorithm === 'auto') method = x.cols > 15 || nNeighbors >= Math.floor(x.rows / 2) || m.kind === 'cosine' ? 'brute' : 'kd_tree';
    const points = m.kind === 'cosine' ? normalizeRows(x.data, x.rows, x.cols) : x.data;
    let tree: KdTree | BallTreeIndex | undefined;
    if (method === 'kd_tree') tree = new KdTree(points, x.rows, x.cols, leafSize, m);
    else if (method === 'ball_tree') tree = new BallTreeIndex(points, x.rows, x.cols, leafSize, m);
    this.fitState = { x, points, metric: m, method, tree };
    return x;
  }

  protected fitted(what: string): NeighborsFit {
    if (this.fitState === undefined) throw new NotFittedError(this.estimatorName, what);
    return this.fitState;
  }

  /** The search actually used: 'brute', 'kd_tree' or 'ball_tree' (sklearn `_fit_method`). */
  get fitMethod(): 'brute' | 'kd_tree' | 'ball_tree' {
    return this.fitted('fitMethod').method;
  }

  /** Number of training rows (sklearn `n_samples_fit_`). */
  get nSamplesFit(): number {
    return this.fitted('nSamplesFit').x.rows;
  }

  /** Reduced distances and indices of the k nearest training rows of each query row. */
  protected search(where: string, query: Dense, k: number): KnnResult {
    const f = this.fitted(where);
    const n = f.x.rows;
    const d = f.x.cols;
    if (k > n) throw new RangeError(`${where}: 'nNeighbors' must be <= the number of training rows (${n}); received ${k}`);
    const q = f.metric.kind === 'cosine' ? normalizeRows(query.data, query.rows, d) : query.data;
    const m = query.rows;
    if (f.tree !== undefined) {
      const dist = new Float64Array(m * k);
      const index = new Int32Array(m * k);
      const heap = new NeighborHeap(k);
      const tree = f.tree;
      for (let i = 0; i < m; i++) {
        if (tree instanceof KdTree) tree.query(q, i, heap);
        else tree.queryInto(q, i, heap);
        heap.drain(dist, index, i * k);
      }
      return { dist, index };
    }
    const useMatmul = f.metric.kind === 'euclidean' && m * n * d >= MATMUL_MIN_WORK && tf.getBackend() === 'wasm';
    return (useMatmul ? bruteKnnMatmul : bruteKnnLoop)(f.points, n, q, m, d, k, f.metric);
  }

  /**
   * The `nNeighbors` nearest training rows of each row of `X`, nearest first; equal distances list
   * the lower training index first. Without `X`, each training row's neighbours among the others
   * (itself excluded), as sklearn's `kneighbors()`.
   */
  kneighbors(X?: MatrixInput, nNeighbors: number = this.params.nNeighbors): KNeighborsResult {
    const where = `${this.estimatorName}.kneighbors`;
    const f = this.fitted('kneighbors');
    checkInt(where, 'nNeighbors', nNeighbors, 1);
    const self = X === undefined;
    const q = self ? f.x : readDense(where, 'X', X, f.x.cols);
    const k = self ? nNeighbors + 1 : nNeighbors;
    const r = this.search(where, q, k);
    const distances: number[][] = [];
    const indices: number[][] = [];
    for (let i = 0; i < q.rows; i++) {
      const dRow: number[] = [];
      const iRow: number[] = [];
      // Without X: drop the row itself, or the first neighbour when duplicates hide it (sklearn's rule).
      let skip = -1;
      if (self) {
        skip = 0;
        for (let j = 0; j < k; j++) if (r.index[i * k + j] === i) skip = j;
      }
      for (let j = 0; j < k; j++) {
        if (j === skip) continue;
        dRow.push(f.metric.toDistance(r.dist[i * k + j]));
        iRow.push(r.index[i * k + j]);
      }
      distances.push(dRow);
      indices.push(iRow);
    }
    return { distances, indices };
  }

  /** Neighbours and their weights for prediction: rows of `X` × nNeighbors. */
  protected neighborsWithWeights(where: string, X: MatrixInput): { index: Int32Array; weight: Float64Array; rows: number; k: number } {
    const f = this.fitted(where);
    const q = readDense(where, 'X', X, f.x.cols);
    const k = this.params.nNeighbors;
    const r = this.search(where, q, k);
    const weight = new Float64Array(q.rows * k).fill(1);
    if (this.params.weights === 'distance') {
      for (let i = 0; i < q.rows; i++) {
        let exact = false;
        for (let j = 0; j < k; j++) if (r.dist[i * k + j] === 0) exact = true;
        for (let j = 0; j < k; j++) {
          const dist = f.metric.toDistance(r.dist[i * k + j]);
          // sklearn: 1/d; a row with a zero distance weights its exact matches 1 and the rest 0.
          weight[i * k + j] = exact ? (dist === 0 ? 1 : 0) : 1 / dist;
        }
      }
    }
    return { index: r.index, weight, rows: q.rows, k };
  }
}
