/**
 * One run of Elkan's k-means from given centers, as scikit-learn 1.2's `_kmeans_single_elkan`
 * (sklearn/cluster/_kmeans.py, _k_means_elkan.pyx).
 *
 * Reference: C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003. Each sample
 * keeps an upper bound on the distance to its center and a lower bound per center; a center is only
 * measured when the bounds and the half center–center distances cannot rule it out. The iterations,
 * empty-cluster relocation and stopping rules are Lloyd's (see `lloyd.ts`), so the fit is the same
 * as Lloyd's up to floating-point near-ties, with far fewer distance computations after the first
 * iterations. Cluster sums are updated only for samples that changed cluster.
 */
import type { Dense } from '../base/read-matrix.js';
import { inertiaOf, syncSums, updateCenters, type ClusterSums, type LloydResult } from './lloyd.js';

function dist(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = x[i * d + f] - c[j * d + f];
    s += t * t;
  }
  return Math.sqrt(s);
}

/** Half distances between centers (k × k) and, per center, the half distance to its nearest other center. */
function centerGeometry(centers: Float64Array, k: number, d: number): { half: Float64Array; next: Float64Array } {
  const half = new Float64Array(k * k);
  const next = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = dist(centers, a, centers, b, d) / 2;
      half[a * k + b] = h;
      half[b * k + a] = h;
      if (h < next[a]) next[a] = h;
      if (h < next[b]) next[b] = h;
    }
  }
  if (k === 1) next[0] = 0;
  return { half, next };
}

/** Runs Elkan iterations from `init` (k × d, not modified); `tol` as in `lloyd`. */
export function elkan(X: Dense, init: Float64Array, k: number, maxIter: number, tol: number): LloydResult {
  const { data, rows: n, cols: d } = X;
  let centers: Float64Array = Float64Array.from(init);
  let { half, next } = centerGeometry(centers, k, d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  // init_bounds
  for (let i = 0; i < n; i++) {
    let best = 0;
    let min = dist(data, i, centers, 0, d);
    lower[i * k] = min;
    for (let j = 1; j < k; j++) {
      if (min > half[best * k + j]) {
        const dj = dist(data, i, centers, j, d);
        lower[i * k + j] = dj;
        if (dj < min) {
          min = dj;
          best = j;
        }
      }
    }
    labels[i] = best;
    upper[i] = min;
  }
  const relabel = (): void => {
    for (let i = 0; i < n; i++) {
      let label = labels[i];
      let u = upper[i];
      if (next[label] >= u) continue;
      let tight = false;
      for (let j = 0; j < k; j++) {
        if (j === label || !(u > lower[i * k + j]) || !(u > half[label * k + j])) continue;
        if (!tight) {
          u = dist(data, i, centers, label, d);
          lower[i * k + label] = u;
          tight = true;
        }
        if (u > lower[i * k + j] || u > half[label * k + j]) {
          const dj = dist(data, i, centers, j, d);
          lower[i * k + j] = dj;
          if (dj < u) {
            label = j;
            u = dj;
          }
        }
      }
      labels[i] = label;
      upper[i] = u;
    }
  };
  const old = new Int32Array(n).fill(-1);
  const acc: ClusterSums = { sums: new Float64Array(k * d), weight: new Float64Array(k) };
  const counted = new Int32Array(n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    relabel();
    syncSums(X, acc, counted, labels);
    const moved = updateCenters(X, centers, k, labels, acc);
    const shift = new Float64Array(k);
    let shiftTotal = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (moved[c * d + f] - centers[c * d + f]) ** 2;
      shift[c] = Math.sqrt(s);
      shiftTotal += s;
    }
    for (let i = 0; i < n; i++) {
      upper[i] += shift[labels[i]];
      for (let j = 0; j < k; j++) {
        const v = lower[i * k + j] - shift[j];
        lower[i * k + j] = v < 0 ? 0 : v;
      }
    }
    centers = moved;
    ({ half, next } = centerGeometry(centers, k, d));
    let same = true;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== old[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      strict = true;
      break;
    }
    if (shiftTotal <= tol) break;
    old.set(labels);
  }
  if (!strict) relabel();
  return { labels, inertia: inertiaOf(X, centers, labels), centers, nIter: Math.min(iter + 1, maxIter) };
}
