/**
 * Mini-batch k-means with scikit-learn 1.2's semantics (`sklearn.cluster.MiniBatchKMeans`).
 *
 * Reference: D. Sculley, "Web-scale k-means clustering", WWW 2010. As sklearn 1.2:
 * - initialisation: `nInit` candidate inits, each by k-means++ (or 'random', or the given centers)
 *   on `initSize` rows drawn with replacement; the one with the lowest inertia on a validation
 *   draw of `initSize` rows is kept;
 * - `maxIter · n / batchSize` steps, each on `batchSize` rows drawn with replacement: the batch is
 *   assigned to the nearest centers, every center moves to the running mean of all samples it was
 *   given so far (per-center counts), and at least every 10·k samples (or when a center has never
 *   had a sample) centers whose count is below `reassignmentRatio` × the largest are moved onto
 *   random rows of the batch (at most half the batch), their counts set to the smallest count kept;
 * - stopping: the squared center change ≤ tol × mean feature variance (when `tol` > 0), or no
 *   improvement of the exponentially weighted average of the batch inertia (α = 2·batchSize/(n+1))
 *   for `maxNoImprovement` consecutive steps; `labels` and `inertia` on all rows at the end.
 * `partialFit` runs one step on the given batch (initialising from it on the first call).
 * An integer `randomState` draws from numpy's legacy `RandomState` as sklearn does (validation rows,
 * init rows, k-means++ trials, batches, reassignment picks), and the center update adds the batch
 * to c · count in sklearn's order, so results follow sklearn's `random_state` draw for draw (exact
 * up to floating-point near-ties in the assignment).
 */
import { Rng, type SeedLike } from '@ml/core';
import { NumpyRandomState, seedOf } from '../tree/sklearn-random.js';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix, type Dense } from '../base/read-matrix.js';
import { readDense } from '../naive-bayes/read-features.js';
import { kmeansPlusPlus, numpyDraws } from './kmeans-plusplus.js';
import { assignLabels, inertiaOf } from './lloyd.js';

export interface MiniBatchKMeansParams {
  /** Number of clusters (sklearn `n_clusters`). @default 8 */
  nClusters?: number;
  /** 'k-means++', 'random' or an explicit `nClusters × nFeatures` matrix (then one init). @default 'k-means++' */
  init?: 'k-means++' | 'random' | MatrixInput;
  /** Passes over the data (sklearn `max_iter`): at most maxIter · n / batchSize steps. @default 100 */
  maxIter?: number;
  /** Rows per step (sklearn `batch_size`). @default 1024 */
  batchSize?: number;
  /** Whether `fit` computes `labels` and `inertia` on all rows at the end (sklearn `compute_labels`). @default true */
  computeLabels?: boolean;
  /**
   * Seed or generator (sklearn `random_state`; ours defaults to seed 0 for reproducibility). An
   * integer in [0, 2^32 − 1] makes sklearn 1.2's numpy draws; an `Rng` seeds them with its next draw.
   * @default 0
   */
  randomState?: SeedLike;
  /** Stop when the squared center change is ≤ tol × mean feature variance; 0 disables it. @default 0 */
  tol?: number;
  /** Stop after this many steps without improvement of the smoothed batch inertia; null disables it. @default 10 */
  maxNoImprovement?: number | null;
  /** Rows drawn for each initialisation; null: 3 · batchSize (at least 3 · nClusters, at most n). @default null */
  initSize?: number | null;
  /** Candidate initialisations; the best on a validation draw is kept (sklearn 1.2's default 3). @default 3 */
  nInit?: number;
  /** Centers whose count is below this share of the largest count are moved onto random samples. @default 0.01 */
  reassignmentRatio?: number;
}

export const MINI_BATCH_KMEANS_DEFAULTS = {
  nClusters: 8,
  init: 'k-means++',
  maxIter: 100,
  batchSize: 1024,
  computeLabels: true,
  randomState: 0,
  tol: 0,
  maxNoImprovement: 10,
  initSize: null,
  nInit: 3,
  reassignmentRatio: 0.01,
} as const satisfies Required<MiniBatchKMeansParams>;

/** The JSON written by `MiniBatchKMeans.toJSON()`. */
export interface MiniBatchKMeansJSON {
  format: string;
  version: number;
  params: Required<Omit<MiniBatchKMeansParams, 'init' | 'randomState'>> & { init: 'k-means++' | 'random' | number[][]; randomState: number };
  fitted: { centers: number[]; counts: number[]; nFeatures: number; nSteps: number; nIter: number; labels: number[] | null; inertia: number | null } | null;
}

const FORMAT = 'ml-classical/mini-batch-k-means';
const VERSION = 1;

interface State {
  centers: Float64Array;
  /** Samples each center has been given (sklearn `_counts`). */
  counts: Float64Array;
  nFeatures: number;
  nSteps: number;
  nIter: number;
  sinceReassign: number;
  /**
   * sklearn's `_batch_size`, fixed by the first fit or partialFit: min(batchSize, rows), the samples
   * each step adds to `sinceReassign` (also in partialFit, whatever the batch's size).
   */
  batchSize: number;
  labels: Int32Array | undefined;
  inertia: number | undefined;
}

function rowsOf(data: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

function take(x: Dense, idx: ArrayLike<number>): Dense {
  const d = x.cols;
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(x.data.subarray(idx[r] * d, (idx[r] + 1) * d), r * d);
  return { data: out, rows: idx.length, cols: d };
}

/** `random_state.randint(0, n, size)`. */
function draw(rs: NumpyRandomState, n: number, size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = rs.randint(0, n);
  return out;
}

export class MiniBatchKMeans {
  readonly params: Readonly<Required<MiniBatchKMeansParams>>;
  private state: State | undefined;
  private rng: NumpyRandomState | undefined;

  constructor(params: MiniBatchKMeansParams = {}) {
    this.params = { ...MINI_BATCH_KMEANS_DEFAULTS, ...params };
  }

  private check(where: string): void {
    const p = this.params;
    checkInt(where, 'nClusters', p.nClusters, 1);
    checkInt(where, 'maxIter', p.maxIter, 1);
    checkInt(where, 'batchSize', p.batchSize, 1);
    checkInt(where, 'nInit', p.nInit, 1);
    checkNumber(where, 'tol', p.tol, 0);
    checkNumber(where, 'reassignmentRatio', p.reassignmentRatio, 0);
    if (p.maxNoImprovement !== null) checkInt(where, 'maxNoImprovement', p.maxNoImprovement, 0);
    if (p.initSize !== null) checkInt(where, 'initSize', p.initSize, 1);
    if (typeof p.init === 'string') checkOneOf(where, 'init', p.init, ['k-means++', 'random']);
  }

  /** numpy's legacy `RandomState` seeded as sklearn's `check_random_state(random_state)`. */
  private numpyStream(where: string): NumpyRandomState {
    const { randomState } = this.params;
    if (!(randomState instanceof Rng) && !(Number.isInteger(randomState) && randomState >= 0 && randomState <= 0xffffffff)) {
      throw new RangeError(`${where}: 'randomState' must be an integer in [0, 2^32 - 1] (numpy's seed range) or an Rng; received ${String(randomState)}`);
    }
    return new NumpyRandomState(seedOf(randomState));
  }

  /** sklearn's `_init_size`. */
  private initSize(n: number): number {
    const k = this.params.nClusters;
    let size = this.params.initSize ?? 3 * this.params.batchSize;
    if (size < k) size = 3 * k;
    return Math.min(size, n);
  }

  /** One initialisation on `initSize` rows drawn with replacement (sklearn `_init_centroids`). */
  private initCenters(where: string, x: Dense, rng: NumpyRandomState, initSize: number): Float64Array {
    const { init, nClusters: k } = this.params;
    if (typeof init !== 'string') {
      const c = readMatrix(where, 'init', init, x.cols);
      if (c.rows !== k) throw new RangeError(`${where}: 'init' must have nClusters = ${k} rows; received ${c.rows}`);
      return c.data;
    }
    const sub = initSize < x.rows ? take(x, draw(rng, x.rows, initSize)) : x;
    if (init === 'k-means++') return kmeansPlusPlus(sub, k, numpyDraws(rng));
    const perm = rng.permutation(sub.rows);
    return take(sub, perm.subarray(0, k)).data;
  }

  /** sklearn's `_random_reassign`. */
  private dueForReassign(st: State, batch: number): boolean {
    st.sinceReassign += batch;
    if (st.counts.some((c) => c === 0) || st.sinceReassign >= 10 * this.params.nClusters) {
      st.sinceReassign = 0;
      return true;
    }
    return false;
  }

  /**
   * One mini-batch step (sklearn `_mini_batch_step`): assigns `batch` to `centers`, writes the
   * moved centers to `out` (may be `centers`), updates `counts`; returns the batch inertia.
   */
  private step(batch: Dense, centers: Float64Array, out: Float64Array, counts: Float64Array, reassign: boolean, rng: NumpyRandomState): number {
    const k = this.params.nClusters;
    const { data, rows: b, cols: d } = batch;
    const labels = new Int32Array(b);
    assignLabels(batch, centers, k, labels);
    const inertia = inertiaOf(batch, centers, labels);
    // sklearn's `update_center_dense`: c · count, then each of the cluster's batch rows in order,
    // then × 1/(count + got) (the same operations, so the same rounding)
    const sums = new Float64Array(k * d);
    const got = new Float64Array(k);
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) sums[c * d + f] = centers[c * d + f] * counts[c];
    for (let i = 0; i < b; i++) {
      const c = labels[i];
      got[c]++;
      for (let f = 0; f < d; f++) sums[c * d + f] += data[i * d + f];
    }
    for (let c = 0; c < k; c++) {
      if (got[c] === 0) {
        if (out !== centers) out.set(centers.subarray(c * d, (c + 1) * d), c * d);
        continue;
      }
      const w = counts[c] + got[c];
      const alpha = 1 / w;
      for (let f = 0; f < d; f++) out[c * d + f] = sums[c * d + f] * alpha;
      counts[c] = w;
    }
    const ratio = this.params.reassignmentRatio;
    if (reassign && ratio > 0) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, counts[c]);
      const move = new Uint8Array(k);
      let nMove = 0;
      for (let c = 0; c < k; c++) {
        if (counts[c] < ratio * max) {
          move[c] = 1;
          nMove++;
        }
      }
      // at most half the batch becomes new centers: keep the largest counts (np.argsort, stable)
      if (nMove > 0.5 * b) {
        const order = Array.from({ length: k }, (_, c) => c).sort((p, q) => counts[p] - counts[q] || p - q);
        for (const c of order.slice(Math.floor(0.5 * b))) move[c] = 0;
        nMove = move.reduce((s, v) => s + v, 0);
      }
      if (nMove > 0) {
        const picks = rng.permutation(b);
        let minKept = Infinity;
        for (let c = 0; c < k; c++) if (!move[c]) minKept = Math.min(minKept, counts[c]);
        let r = 0;
        for (let c = 0; c < k; c++) {
          if (!move[c]) continue;
          out.set(data.subarray(picks[r] * d, (picks[r] + 1) * d), c * d);
          r++;
          counts[c] = minKept;
        }
      }
    }
    return inertia;
  }

  /** Clusters `X` (n × d) with mini-batch steps; returns `this`. */
  fit(X: MatrixInput): this {
    const where = 'MiniBatchKMeans.fit';
    this.check(where);
    const x = readDense(where, 'X', X);
    const { rows: n, cols: d, data } = x;
    const { nClusters: k, maxIter, tol, maxNoImprovement, nInit, computeLabels } = this.params;
    if (n < k) throw new RangeError(`${where}: 'X' must have at least nClusters = ${k} rows; received ${n}`);
    // a local stream, as sklearn's fit: a later partialFit starts its own (sklearn `_random_state`)
    const rng = this.numpyStream(where);
    const batchSize = Math.min(this.params.batchSize, n);
    const initSize = this.initSize(n);
    // tol relative to the mean feature variance (sklearn `_tolerance`)
    let tolAbs = 0;
    if (tol > 0) {
      let varSum = 0;
      for (let f = 0; f < d; f++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += data[i * d + f];
        m /= n;
        let s = 0;
        for (let i = 0; i < n; i++) s += (data[i * d + f] - m) ** 2;
        varSum += s / n;
      }
      tolAbs = (varSum / d) * tol;
    }
    const valid = take(x, draw(rng, n, initSize));
    const validLabels = new Int32Array(valid.rows);
    let best: Float64Array | undefined;
    let bestInertia = Infinity;
    const runs = typeof this.params.init === 'string' ? nInit : 1;
    for (let r = 0; r < runs; r++) {
      const c = this.initCenters(where, x, rng, initSize);
      assignLabels(valid, c, k, validLabels);
      const inertia = inertiaOf(valid, c, validLabels);
      if (best === undefined || inertia < bestInertia) {
        best = c;
        bestInertia = inertia;
      }
    }
    const st: State = { centers: Float64Array.from(best as Float64Array), counts: new Float64Array(k), nFeatures: d, nSteps: 0, nIter: 0, sinceReassign: 0, batchSize, labels: undefined, inertia: undefined };
    let centers: Float64Array = st.centers;
    let next: Float64Array = new Float64Array(k * d);
    let ewa: number | undefined;
    let ewaMin: number | undefined;
    let noImprovement = 0;
    const nSteps = Math.floor((maxIter * n) / batchSize);
    let i = 0;
    for (; i < nSteps; i++) {
      const batch = take(x, draw(rng, n, batchSize));
      const batchInertia = this.step(batch, centers, next, st.counts, this.dueForReassign(st, batchSize), rng) / batchSize;
      let diff = 0;
      if (tolAbs > 0) for (let j = 0; j < k * d; j++) diff += (next[j] - centers[j]) ** 2;
      [centers, next] = [next, centers];
      // sklearn `_mini_batch_convergence`; the first step's inertia is that of the initialisation
      if (i === 0) continue;
      if (ewa === undefined) ewa = batchInertia;
      else {
        const alpha = Math.min(1, (batchSize * 2) / (n + 1));
        ewa = ewa * (1 - alpha) + batchInertia * alpha;
      }
      if (tolAbs > 0 && diff <= tolAbs) break;
      if (ewaMin === undefined || ewa < ewaMin) {
        noImprovement = 0;
        ewaMin = ewa;
      } else noImprovement++;
      if (maxNoImprovement !== null && noImprovement >= maxNoImprovement) break;
    }
    st.centers = centers;
    st.nSteps = Math.min(i + 1, nSteps);
    st.nIter = Math.ceil((st.nSteps * batchSize) / n);
    if (computeLabels) {
      st.labels = new Int32Array(n);
      assignLabels(x, centers, k, st.labels);
      st.inertia = inertiaOf(x, centers, st.labels);
    } else {
      st.inertia = (ewa ?? 0) * n;
    }
    this.state = st;
    return this;
  }

  /**
   * One mini-batch step on `X` (sklearn `partial_fit`); the first call initialises the centers from
   * `X`. Returns `this`.
   */
  partialFit(X: MatrixInput): this {
    const where = 'MiniBatchKMeans.partialFit';
    this.check(where);
    const k = this.params.nClusters;
    const x = readDense(where, 'X', X, this.state?.nFeatures);
    if (this.rng === undefined) this.rng = this.numpyStream(where);
    const rng = this.rng;
    let st = this.state;
    if (st === undefined) {
      if (x.rows < k) throw new RangeError(`${where}: the first batch must have at least nClusters = ${k} rows; received ${x.rows}`);
      const centers = this.initCenters(where, x, rng, this.initSize(x.rows));
      st = { centers: Float64Array.from(centers), counts: new Float64Array(k), nFeatures: x.cols, nSteps: 0, nIter: 0, sinceReassign: 0, batchSize: Math.min(this.params.batchSize, x.rows), labels: undefined, inertia: undefined };
    }
    this.step(x, st.centers, st.centers, st.counts, this.dueForReassign(st, st.batchSize), rng);
    if (this.params.computeLabels) {
      st.labels = new Int32Array(x.rows);
      assignLabels(x, st.centers, k, st.labels);
      st.inertia = inertiaOf(x, st.centers, st.labels);
    }
    st.nSteps++;
    this.state = st;
    return this;
  }

  /** Index of the nearest center for each row of `X`. */
  predict(X: MatrixInput): number[] {
    const st = this.fitted('predict');
    const x = readDense('MiniBatchKMeans.predict', 'X', X, st.nFeatures);
    const labels = new Int32Array(x.rows);
    assignLabels(x, st.centers, this.params.nClusters, labels);
    return Array.from(labels);
  }

  /** Fits and returns the cluster index of each row. */
  fitPredict(X: MatrixInput): number[] {
    return this.fit(X).predict(X);
  }

  /** Euclidean distance from each row of `X` to each center (n × k). */
  transform(X: MatrixInput): number[][] {
    const st = this.fitted('transform');
    const x = readDense('MiniBatchKMeans.transform', 'X', X, st.nFeatures);
    const k = this.params.nClusters;
    const d = st.nFeatures;
    return Array.from({ length: x.rows }, (_, i) =>
      Array.from({ length: k }, (_, c) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += (x.data[i * d + j] - st.centers[c * d + j]) ** 2;
        return Math.sqrt(s);
      }),
    );
  }

  /** The opposite of the inertia of `X` on the centers (sklearn `score`). */
  score(X: MatrixInput): number {
    const st = this.fitted('score');
    const x = readDense('MiniBatchKMeans.score', 'X', X, st.nFeatures);
    const labels = new Int32Array(x.rows);
    assignLabels(x, st.centers, this.params.nClusters, labels);
    return -inertiaOf(x, st.centers, labels);
  }

  /** The centers, `nClusters × nFeatures` (sklearn `cluster_centers_`). */
  get clusterCenters(): number[][] {
    const st = this.fitted('clusterCenters');
    return rowsOf(st.centers, this.params.nClusters, st.nFeatures);
  }

  /** Samples given to each center so far (sklearn's internal `_counts`). */
  get counts(): number[] {
    return Array.from(this.fitted('counts').counts);
  }

  /** Cluster of each row of the last fitted data (sklearn `labels_`; needs `computeLabels`). */
  get labels(): number[] {
    const st = this.fitted('labels');
    if (st.labels === undefined) throw new NotFittedError('MiniBatchKMeans', 'labels');
    return Array.from(st.labels);
  }

  /** Inertia of the last fitted data on the centers (sklearn `inertia_`). */
  get inertia(): number {
    const st = this.fitted('inertia');
    if (st.inertia === undefined) throw new NotFittedError('MiniBatchKMeans', 'inertia');
    return st.inertia;
  }

  /** Mini-batch steps run (sklearn `n_steps_`). */
  get nSteps(): number {
    return this.fitted('nSteps').nSteps;
  }

  /** Passes over the data in the last `fit`, ⌈steps · batchSize / n⌉ (sklearn `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  /** Number of features seen (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Versioned JSON of the params and fitted state (`MiniBatchKMeans.fromJSON` reads it back). */
  toJSON(): MiniBatchKMeansJSON {
    const { randomState, init } = this.params;
    let initJson: MiniBatchKMeansJSON['params']['init'];
    if (typeof init === 'string') initJson = init;
    else {
      const m = readMatrix('MiniBatchKMeans.toJSON', 'init', init);
      initJson = rowsOf(m.data, m.rows, m.cols);
    }
    const st = this.state;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, init: initJson, randomState: typeof randomState === 'number' ? randomState : randomState.seed },
      fitted: st === undefined ? null : {
        centers: Array.from(st.centers), counts: Array.from(st.counts), nFeatures: st.nFeatures, nSteps: st.nSteps, nIter: st.nIter,
        labels: st.labels === undefined ? null : Array.from(st.labels), inertia: st.inertia ?? null,
      },
    };
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): MiniBatchKMeans {
    const o = checkFormat('MiniBatchKMeans.fromJSON', json, FORMAT, VERSION) as unknown as MiniBatchKMeansJSON;
    const model = new MiniBatchKMeans(o.params);
    const f = o.fitted;
    if (f !== null) {
      const k = o.params.nClusters;
      if (f.centers.length !== k * f.nFeatures || f.counts.length !== k || !f.centers.every(Number.isFinite)) {
        throw new RangeError(`MiniBatchKMeans.fromJSON: 'fitted' must hold nClusters × nFeatures = ${k * f.nFeatures} finite centers and ${k} counts; received ${f.centers.length} and ${f.counts.length}`);
      }
      model.state = {
        centers: Float64Array.from(f.centers), counts: Float64Array.from(f.counts), nFeatures: f.nFeatures, nSteps: f.nSteps, nIter: f.nIter, sinceReassign: 0, batchSize: o.params.batchSize,
        labels: f.labels === null ? undefined : Int32Array.from(f.labels), inertia: f.inertia ?? undefined,
      };
    }
    return model;
  }

  private fitted(what: string): State {
    if (this.state === undefined) throw new NotFittedError('MiniBatchKMeans', what);
    return this.state;
  }
}
