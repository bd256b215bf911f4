/**
 * k-means clustering with scikit-learn 1.2's semantics (`sklearn.cluster.KMeans`, algorithms "lloyd"
 * and "elkan").
 *
 * References: S. Lloyd, "Least squares quantization in PCM", 1982; D. Arthur and S. Vassilvitskii,
 * "k-means++: the advantages of careful seeding", SODA 2007; C. Elkan, "Using the triangle inequality
 * to accelerate k-means", ICML 2003. See `lloyd.ts`, `elkan.ts` and `kmeans-plusplus.ts`.
 * As sklearn, the data are centred (feature means subtracted) before clustering for accurate
 * distances, tol is relative to the mean feature variance, and the best of `nInit` runs (lowest
 * inertia) is kept. Lloyd's assignment skips samples whose label provably cannot change
 * (`bounded-assigner.ts`, a WebAssembly SIMD kernel where available); on the wasm backend with
 * very many centers × features it runs as backend matmuls with exact
 * float64 rescoring of near-ties (`matmul-assigner.ts`). All give the plain loop's labels.
 */
import { Rng, tf, type SeedLike } from '@ml/core';
import { checkFormat, checkInt, checkNumber, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix, type Dense } from '../base/read-matrix.js';
import { readDense } from '../naive-bayes/read-features.js';
import { elkan } from './elkan.js';
import { NumpyRandomState, seedOf } from '../tree/sklearn-random.js';
import { kmeansPlusPlus, numpyDraws } from './kmeans-plusplus.js';
import { assignLabels, inertiaOf, lloyd } from './lloyd.js';
import { createMatmulAssigner } from './matmul-assigner.js';
import { wasmHamerly } from './wasm-hamerly.js';

export interface KMeansParams {
  /** Number of clusters (sklearn `n_clusters`). @default 8 */
  nClusters?: number;
  /**
   * Initial centers: `'k-means++'` (greedy k-means++), `'random'` (k distinct rows drawn at random)
   * or an explicit `nClusters × nFeatures` matrix (then a single run is made, as in sklearn).
   * @default 'k-means++'
   */
  init?: 'k-means++' | 'random' | MatrixInput;
  /**
   * Number of runs from different seeds; the lowest inertia wins (sklearn `n_init`). sklearn 1.2's
   * default is 10 (it warns that 1.4 changes it to 'auto'); we keep 10.
   * @default 10
   */
  nInit?: number;
  /** Maximum Lloyd iterations per run (sklearn `max_iter`). @default 300 */
  maxIter?: number;
  /** Convergence tolerance on the squared center shift, relative to the mean feature variance. @default 1e-4 */
  tol?: number;
  /**
   * Seed or generator for initialisation (sklearn `random_state`). An integer in [0, 2^32 − 1] makes
   * the same draws as sklearn 1.2's `random_state` with that integer (numpy's legacy `RandomState`:
   * k-means++ trials, 'random' permutations, successive `nInit` runs), so the fit gives sklearn's
   * centers, labels, inertia and iterations. An `Rng` seeds that stream with its next 32-bit draw.
   * sklearn's default (None) is unseeded; ours is seed 0 so results are reproducible.
   * @default 0
   */
  randomState?: SeedLike;
  /**
   * 'lloyd' (classic EM-style iterations) or 'elkan' (the same iterations, with triangle-inequality
   * bounds that skip most distance computations: faster on well-clustered data) — sklearn `algorithm`.
   * @default 'lloyd'
   */
  algorithm?: 'lloyd' | 'elkan';
}

export const KMEANS_DEFAULTS = {
  nClusters: 8,
  init: 'k-means++',
  nInit: 10,
  maxIter: 300,
  tol: 1e-4,
  randomState: 0,
  algorithm: 'lloyd',
} as const satisfies Required<KMeansParams>;

/** The JSON written by `KMeans.toJSON()`. */
export interface KMeansJSON {
  format: string;
  version: number;
  params: Required<Omit<KMeansParams, 'init' | 'randomState'>> & { init: 'k-means++' | 'random' | number[][]; randomState: number };
  fitted: { centers: number[]; labels: number[]; inertia: number; nIter: number; nFeatures: number } | null;
}

/**
 * Lloyd on wasm uses backend matmuls for the assignment when n·k·d ≥ 2^18 and k·d reaches the
 * threshold below; under it the bounded step is faster. Both give the same labels. Measured CPU time,
 * 20,000 rows, overlapping blobs (2026-11-29, README): the WebAssembly bounded kernel beat the matmul
 * at every k·d tried (128: 73–135 vs 280–393 ms; 4096: 728–761 vs 834–898; 8192: 2056–2538 vs
 * 2789–3222; 16384: 2081 vs 2287), so with the kernel the matmul is kept only above those sizes.
 * Without WebAssembly SIMD (the JavaScript bounded loop) the earlier measurement holds: k·d = 128
 * bounded 230–300 ms vs matmul 290–400 ms; 1024 about equal; 4096 matmul ~20% faster.
 */
const MATMUL_MIN_WORK = 1 << 18;
const MATMUL_MIN_CENTER_WORK_KERNEL = 1 << 15;
const MATMUL_MIN_CENTER_WORK_JS = 2048;

const FORMAT = 'ml-classical/k-means';
const VERSION = 1;

interface Fitted {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  nFeatures: number;
}

function rowsOf(data: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

export class KMeans {
  readonly params: Readonly<Required<KMeansParams>>;
  private fitted: Fitted | undefined;

  constructor(params: KMeansParams = {}) {
    this.params = { ...KMEANS_DEFAULTS, ...params };
  }

  /** Clusters `X` (n × d); returns `this`. */
  fit(X: MatrixInput): this {
    const where = 'KMeans.fit';
    const { nClusters: k, init, nInit, maxIter, tol, algorithm } = this.params;
    checkInt(where, 'nClusters', k, 1);
    checkInt(where, 'nInit', nInit, 1);
    checkInt(where, 'maxIter', maxIter, 1);
    checkNumber(where, 'tol', tol, 0);
    checkOneOf(where, 'algorithm', algorithm, ['lloyd', 'elkan']);
    // The input is only read (no copy); the centred data go to a scratch buffer reused across fits.
    const input = readDense(where, 'X', X, undefined, false);
    const { rows: n, cols: d } = input;
    if (n < k) throw new RangeError(`${where}: 'X' must have at least nClusters = ${k} rows; received ${n}`);
    // Feature means and variances (as np.mean / np.var: each feature summed in row order; the second
    // pass also writes the centred data).
    const src = input.data;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += src[i * d + f];
    for (let f = 0; f < d; f++) mean[f] /= n;
    const data = scratch(n * d);
    const sq = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < d; f++) {
        const v = src[i * d + f] - mean[f];
        data[i * d + f] = v;
        sq[f] += v * v;
      }
    }
    let varSum = 0;
    for (let f = 0; f < d; f++) varSum += sq[f] / n;
    const tolAbs = (varSum / d) * tol;
    const x: Dense = { data, rows: n, cols: d };

    let explicit: Float64Array | undefined;
    if (typeof init !== 'string') {
      const c = readMatrix(where, 'init', init, d);
      if (c.rows !== k) throw new RangeError(`${where}: 'init' must have nClusters = ${k} rows; received ${c.rows}`);
      for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) c.data[j * d + f] -= mean[f];
      explicit = c.data;
    } else {
      checkOneOf(where, 'init', init, ['k-means++', 'random']);
    }
    const { randomState } = this.params;
    if (!(randomState instanceof Rng) && !(Number.isInteger(randomState) && randomState >= 0 && randomState <= 0xffffffff)) {
      throw new RangeError(`${where}: 'randomState' must be an integer in [0, 2^32 - 1] (numpy's seed range) or an Rng; received ${String(randomState)}`);
    }
    const rs = new NumpyRandomState(seedOf(randomState));
    const draws = numpyDraws(rs);
    const runs = explicit !== undefined ? 1 : nInit;
    let best: Fitted | undefined;
    const minCenterWork = wasmHamerly.module() !== null ? MATMUL_MIN_CENTER_WORK_KERNEL : MATMUL_MIN_CENTER_WORK_JS;
    const useMatmul = algorithm === 'lloyd' && n * k * d >= MATMUL_MIN_WORK && k * d >= minCenterWork && tf.getBackend() === 'wasm';
    const assigner = useMatmul ? createMatmulAssigner(x, k) : undefined;
    try {
      for (let r = 0; r < runs; r++) {
        const start = explicit ?? (init === 'random' ? randomRows(x, k, rs) : kmeansPlusPlus(x, k, draws));
        const res = algorithm === 'elkan' ? elkan(x, start, k, maxIter, tolAbs) : lloyd(x, start, k, maxIter, tolAbs, assigner?.assign);
        // sklearn keeps a later run only if its inertia is lower and its clustering differs
        if (best === undefined || (res.inertia < best.inertia && !sameClustering(res.labels, best.labels, k))) {
          best = { centers: res.centers, labels: res.labels, inertia: res.inertia, nIter: res.nIter, nFeatures: d };
        }
      }
    } finally {
      assigner?.dispose();
    }
    const fitted = best as Fitted;
    for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) fitted.centers[j * d + f] += mean[f];
    this.fitted = fitted;
    return this;
  }

  /** Fits and returns the cluster index of each row (sklearn `fit_predict`). */
  fitPredict(X: MatrixInput): number[] {
    return this.fit(X).labels;
  }

  /** Index of the nearest center for each row of `X`. */
  predict(X: MatrixInput): number[] {
    const f = this.state('predict');
    const x = readDense('KMeans.predict', 'X', X, f.nFeatures);
    const labels = new Int32Array(x.rows);
    assignLabels(x, f.centers, this.params.nClusters, labels);
    return Array.from(labels);
  }

  /** Euclidean distance from each row of `X` to each center (n × k). */
  transform(X: MatrixInput): number[][] {
    const f = this.state('transform');
    const x = readMatrix('KMeans.transform', 'X', X, f.nFeatures);
    const k = this.params.nClusters;
    const d = f.nFeatures;
    return Array.from({ length: x.rows }, (_, i) =>
      Array.from({ length: k }, (_, c) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += (x.data[i * d + j] - f.centers[c * d + j]) ** 2;
        return Math.sqrt(s);
      }),
    );
  }

  /** Fits, then returns `transform(X)` (sklearn `fit_transform`). */
  fitTransform(X: MatrixInput): number[][] {
    return this.fit(X).transform(X);
  }

  /** The opposite of the inertia of `X` on the fitted centers (sklearn `score`). */
  score(X: MatrixInput): number {
    const f = this.state('score');
    const x: Dense = readMatrix('KMeans.score', 'X', X, f.nFeatures);
    const labels = new Int32Array(x.rows);
    assignLabels(x, f.centers, this.params.nClusters, labels);
    return -inertiaOf(x, f.centers, labels);
  }

  /** The centers, `nClusters × nFeatures` (sklearn `cluster_centers_`). */
  get clusterCenters(): number[][] {
    const f = this.state('clusterCenters');
    return rowsOf(f.centers, this.params.nClusters, f.nFeatures);
  }

  /** Cluster index of each training row (sklearn `labels_`). */
  get labels(): number[] {
    return Array.from(this.state('labels').labels);
  }

  /** Sum of squared distances of the training rows to their centers (sklearn `inertia_`). */
  get inertia(): number {
    return this.state('inertia').inertia;
  }

  /** Lloyd iterations of the kept run (sklearn `n_iter_`). */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').nFeatures;
  }

  /** Versioned JSON of the params and fitted state (`KMeans.fromJSON` reads it back). */
  toJSON(): KMeansJSON {
    const { randomState, init } = this.params;
    let initJson: KMeansJSON['params']['init'] = 'k-means++';
    if (typeof init === 'string') initJson = init;
    else {
      const m = readMatrix('KMeans.toJSON', 'init', init);
      initJson = rowsOf(m.data, m.rows, m.cols);
    }
    const f = this.fitted;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params, init: initJson, randomState: typeof randomState === 'number' ? randomState : randomState.seed },
      fitted: f === undefined ? null : { centers: Array.from(f.centers), labels: Array.from(f.labels), inertia: f.inertia, nIter: f.nIter, nFeatures: f.nFeatures },
    };
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): KMeans {
    const o = checkFormat('KMeans.fromJSON', json, FORMAT, VERSION) as unknown as KMeansJSON;
    const model = new KMeans(o.params);
    if (o.fitted !== null) {
      const f = o.fitted;
      if (f.centers.length !== o.params.nClusters * f.nFeatures || !f.centers.every(Number.isFinite)) {
        throw new RangeError(`KMeans.fromJSON: 'fitted.centers' must hold nClusters × nFeatures = ${o.params.nClusters * f.nFeatures} finite numbers; received ${f.centers.length}`);
      }
      model.fitted = { centers: Float64Array.from(f.centers), labels: Int32Array.from(f.labels), inertia: f.inertia, nIter: f.nIter, nFeatures: f.nFeatures };
    }
    return model;
  }

  private state(what: string): Fitted {
    if (this.fitted === undefined) throw new NotFittedError('KMeans', what);
    return this.fitted;
  }
}

let spareScratch: Float64Array | undefined;
/** Scratch buffers larger than this are not kept between fits. */
const MAX_SCRATCH = 4 * 2 ** 20;

/**
 * A Float64Array of `size` entries for the centred data, reused across fits (fresh pages cost page
 * faults: ~6 ms for 20,000 × 16 on a loaded machine). `fit` is synchronous and keeps no reference
 * to it, so one spare is enough.
 */
function scratch(size: number): Float64Array {
  if (spareScratch === undefined || spareScratch.length < size) {
    const fresh = new Float64Array(size);
    if (size <= MAX_SCRATCH) spareScratch = fresh;
    return fresh;
  }
  return spareScratch.subarray(0, size);
}

/** `X[random_state.permutation(n_samples)[:k]]`, as sklearn's init='random'. */
function randomRows(x: Dense, k: number, rs: NumpyRandomState): Float64Array {
  const perm = rs.permutation(x.rows);
  const out = new Float64Array(k * x.cols);
  for (let j = 0; j < k; j++) out.set(x.data.subarray(perm[j] * x.cols, (perm[j] + 1) * x.cols), j * x.cols);
  return out;
}

/**
 * sklearn's `_is_same_clustering`: true when every cluster of `a` maps to a single cluster of `b`
 * (the same partition up to a relabelling, when both use all k labels).
 */
function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const mapping = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    const m = mapping[a[i]];
    if (m === -1) mapping[a[i]] = b[i];
    else if (m !== b[i]) return false;
  }
  return true;
}
