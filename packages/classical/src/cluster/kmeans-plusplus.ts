/**
 * Greedy k-means++ seeding, as scikit-learn 1.2's `_kmeans_plusplus`.
 *
 * Reference: D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007;
 * greedy variant with 2 + ⌊ln k⌋ local trials per center (sklearn/cluster/_kmeans.py).
 * The first center is a uniform draw; each later one is the best (lowest resulting potential) of
 * the trials drawn with probability ∝ squared distance to the nearest chosen center. As sklearn,
 * all of a center's trials are drawn first, then their potentials computed in one pass over X.
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

/**
 * Candidate potentials: for each j < ids.length fills `outs[j]` with min(closest, ‖x_i − x_ids[j]‖²)
 * and returns their sums (row order) in `pots`.
 */
type Potentials = (ids: Int32Array, m: number) => Float64Array;

/**
 * Returns `k` initial centers (row-major, k × d) chosen among the rows of `X`.
 * @param useWasm compute the candidate potentials in the WebAssembly kernel when available (same values).
 * @default useWasm true
 */
export function kmeansPlusPlus(X: Dense, k: number, rng: SeedingDraws, useWasm = true): Float64Array {
  const { rows: n, cols: d, data } = X;
  const trials = 2 + Math.floor(Math.log(k));
  const mp = Math.ceil(trials / 4) * 4; // the kernel's candidate columns: groups of four
  const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
  // X, closest, the trials' outputs, the candidates transposed (d × mp), their potentials, scratch
  const at = { closest: align(n * d * 8), outs: 0, ct: 0, pots: 0, scratch: 0 };
  at.outs = at.closest + align(n * 8);
  at.ct = at.outs + align(trials * n * 8);
  at.pots = at.ct + align(d * mp * 8);
  at.scratch = at.pots + align(mp * 8);
  const space = useWasm ? kernelSpace(at.scratch + mp * 8) : null;
  if (space === null) {
    const closest = new Float64Array(n);
    const outs = Array.from({ length: trials }, () => new Float64Array(n));
    const pots = new Float64Array(trials);
    return seed(X, k, trials, rng, closest, outs, (ids, m) => {
      for (let j = 0; j < m; j++) {
        const id = ids[j];
        const o = outs[j];
        let p = 0;
        for (let i = 0; i < n; i++) {
          const v = Math.min(closest[i], sqDist(data, i, id, d));
          o[i] = v;
          p += v;
        }
        pots[j] = p;
      }
      return pots;
    });
  }
  try {
    const { buffer } = space.mem;
    new Float64Array(buffer, 0, n * d).set(data);
    const closest = new Float64Array(buffer, at.closest, n);
    const outs = Array.from({ length: trials }, (_, j) => new Float64Array(buffer, at.outs + j * n * 8, n));
    const ct = new Float64Array(buffer, at.ct, d * mp);
    const pots = new Float64Array(buffer, at.pots, mp);
    return seed(X, k, trials, rng, closest, outs, (ids, m) => {
      ct.fill(0);
      for (let j = 0; j < m; j++) for (let f = 0; f < d; f++) ct[f * mp + j] = data[ids[j] * d + f];
      pots.fill(0);
      space.run.potentials(n, d, 0, at.ct, mp, m, at.closest, at.outs, at.pots, at.scratch);
      return pots;
    });
  } finally {
    giveBack(space);
  }
}

/**
 * Greedy k-means++: `closest` holds each row's squared distance to the nearest chosen center;
 * `outs` (one per trial) the candidates' updated distances.
 */
function seed(X: Dense, k: number, trials: number, rng: SeedingDraws, closest: Float64Array, outs: Float64Array[], potentials: Potentials): Float64Array {
  const { data, rows: n, cols: d } = X;
  const centers = new Float64Array(k * d);
  const ids = new Int32Array(trials);
  ids[0] = rng.int(n);
  const first = ids[0];
  centers.set(data.subarray(first * d, (first + 1) * d), 0);
  // squared distances to the first center: min(+∞, ‖x_i − x_first‖²)
  closest.fill(Infinity);
  let pot = potentials(ids, 1)[0];
  closest.set(outs[0]);
  const cumsum = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumsum[i] = acc += closest[i];
    // random_state.uniform(size=n_local_trials) * current_pot, then np.searchsorted(cumsum, r)
    // (side 'left'), clipped to n − 1
    for (let t = 0; t < trials; t++) {
      const r = rng.random() * pot;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      ids[t] = Math.min(lo, n - 1);
    }
    const pots = potentials(ids, trials);
    // np.argmin over the trials: the first lowest potential wins.
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t] < pots[best]) best = t;
    pot = pots[best];
    closest.set(outs[best]);
    const id = ids[best];
    centers.set(data.subarray(id * d, (id + 1) * d), c * d);
  }
  return centers;
}
