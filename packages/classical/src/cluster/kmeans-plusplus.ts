/**
 * Greedy k-means++ seeding, as scikit-learn 1.2's `_kmeans_plusplus`.
 *
 * Reference: D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007;
 * greedy variant with 2 + ⌊ln k⌋ local trials per center (sklearn/cluster/_kmeans.py).
 * The first center is a uniform draw; each later one is the best (lowest resulting potential) of
 * the trials drawn with probability ∝ squared distance to the nearest chosen center.
 */
import type { Rng } from '@ml/core';
import type { Dense } from '../base/read-matrix.js';

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

/** Returns `k` initial centers (row-major, k × d) chosen among the rows of `X`. */
export function kmeansPlusPlus(X: Dense, k: number, rng: Rng): Float64Array {
  const { data, rows: n, cols: d } = X;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  centers.set(data.subarray(first * d, (first + 1) * d), 0);
  let closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(data, i, first, d);
    pot += closest[i];
  }
  const cumsum = new Float64Array(n);
  const candidate = new Float64Array(n);
  let best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumsum[i] = acc += closest[i];
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
      let p = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(closest[i], sqDist(data, i, id, d));
        candidate[i] = v;
        p += v;
      }
      // np.argmin over the trials: the first lowest potential wins.
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        best.set(candidate);
      }
    }
    [closest, best] = [best, closest];
    pot = bestPot;
    centers.set(data.subarray(bestId * d, (bestId + 1) * d), c * d);
  }
  return centers;
}
