/**
 * Greedy k-means++ seeding, as scikit-learn 1.2's `_kmeans_plusplus`.
 *
 * Reference: D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007;
 * greedy variant with 2 + ⌊ln k⌋ local trials per center (sklearn/cluster/_kmeans.py).
 * The first center is a uniform draw; each later one is the best (lowest resulting potential) of
 * the trials drawn with probability ∝ squared distance to the nearest chosen center.
 */
import type { Dense } from '../base/read-matrix.js';
import type { NumpyRandomState } from '../tree/sklearn-random.js';
import { giveBack, kernelSpace } from './bounded-assigner.js';

function sqDist(x: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let f = 0; f < d; f++) {
    const t = x[a + f] - x[b + f];
    s += t * t;
  }
  return s;
}

/**
 * The draws k-means++ makes: the first center's index, then one uniform per local trial. An `Rng`
 * from @ml/core fits; `numpyDraws` adapts numpy's legacy `RandomState` (sklearn's stream).
 */
export interface SeedingDraws {
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform double in [0, 1). */
  random(): number;
}

/**
 * sklearn 1.2's draws: `random_state.randint(n_samples)` for the first center, then
 * `random_state.uniform(size=n_local_trials)` per center (legacy `random_sample`, one per trial).
 */
export function numpyDraws(rs: NumpyRandomState): SeedingDraws {
  return { int: (n) => rs.randint(0, n), random: () => rs.randomSample() };
}

/** Candidate potentials: fills `out` with min(closest, ‖x_i − x_id‖²), returns their sum (row order). */
type Potential = (id: number, closest: number, out: number) => number;

/**
 * Returns `k` initial centers (row-major, k × d) chosen among the rows of `X`.
 * @param useWasm compute the candidate potentials in the WebAssembly kernel when available (same values).
 * @default useWasm true
 */
export function kmeansPlusPlus(X: Dense, k: number, rng: SeedingDraws, useWasm = true): Float64Array {
  const { rows: n, cols: d } = X;
  const bytes = n * d * 8 + 3 * n * 8;
  const space = useWasm ? kernelSpace(bytes) : null;
  if (space === null) {
    const arrays = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const data = X.data;
    return seed(X, k, rng, arrays, (id, closest, out) => {
      const c = arrays[closest];
      const o = arrays[out];
      let p = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(c[i], sqDist(data, i, id, d));
        o[i] = v;
        p += v;
      }
      return p;
    });
  }
  try {
    const { buffer } = space.mem;
    new Float64Array(buffer, 0, n * d).set(X.data);
    const base = n * d * 8;
    const arrays = [0, 1, 2].map((j) => new Float64Array(buffer, base + j * n * 8, n));
    return seed(X, k, rng, arrays, (id, closest, out) => space.run.potential(n, d, 0, id * d * 8, base + closest * n * 8, base + out * n * 8));
  } finally {
    giveBack(space);
  }
}

/** Greedy k-means++ over three n-vectors (`arrays`: closest, candidate, best, swapped by index). */
function seed(X: Dense, k: number, rng: SeedingDraws, arrays: Float64Array[], potential: Potential): Float64Array {
  const { data, rows: n, cols: d } = X;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  centers.set(data.subarray(first * d, (first + 1) * d), 0);
  let closest = 0;
  const candidate = 1;
  let best = 2;
  // squared distances to the first center: min(+∞, ‖x_i − x_first‖²)
  arrays[best].fill(Infinity);
  let pot = potential(first, best, closest);
  const cumsum = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    const close = arrays[closest];
    let acc = 0;
    for (let i = 0; i < n; i++) cumsum[i] = acc += close[i];
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const r = rng.random() * pot;
      // np.searchsorted(cumsum, r) (side 'left'), clipped to n − 1.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      const id = Math.min(lo, n - 1);
      const p = potential(id, closest, candidate);
      // np.argmin over the trials: the first lowest potential wins.
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        arrays[best].set(arrays[candidate]);
      }
    }
    [closest, best] = [best, closest];
    pot = bestPot;
    centers.set(data.subarray(bestId * d, (bestId + 1) * d), c * d);
  }
  return centers;
}
