/**
 * One run of Lloyd's algorithm from given centers, as scikit-learn 1.2's `_kmeans_single_lloyd`
 * (sklearn/cluster/_kmeans.py, _k_means_lloyd.pyx).
 *
 * Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982.
 * Each iteration assigns every sample to the nearest center (argmin of ‖c‖² − 2x·c, the first on
 * ties), moves centers to their cluster means, relocates empty clusters to the samples farthest from
 * their centers, and stops when the labels no longer change (strict convergence) or the squared
 * center shift is ≤ tol. Without strict convergence a last assignment step makes the labels match
 * the final centers, as sklearn does. The assignment step skips samples whose label provably cannot
 * change (`bounded-assigner.ts`); the labels are those of the plain loop (`assignLabels`). Cluster
 * sums are updated only for samples that changed cluster.
 */
import type { Dense } from '../base/read-matrix.js';
import { createBoundedAssigner, type LabelChanges } from './bounded-assigner.js';

export interface LloydResult {
  labels: Int32Array;
  inertia: number;
  centers: Float64Array;
  nIter: number;
}

/** Assigns each row of X to its nearest center; returns nothing, fills `labels`. */
export function assignLabels(X: Dense, centers: Float64Array, k: number, labels: Int32Array): void {
  const { data, rows: n, cols: d } = X;
  const cNorm = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += centers[c * d + f] * centers[c * d + f];
    cNorm[c] = s;
  }
  for (let i = 0; i < n; i++) {
    const a = i * d;
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const b = c * d;
      let dot = 0;
      for (let f = 0; f < d; f++) dot += data[a + f] * centers[b + f];
      const v = cNorm[c] - 2 * dot;
      if (v < best) {
        best = v;
        bestC = c;
      }
    }
    labels[i] = bestC;
  }
}

/** Σ ‖x_i − c_{label i}‖². */
export function inertiaOf(X: Dense, centers: Float64Array, labels: Int32Array): number {
  const { data, rows: n, cols: d } = X;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = i * d;
    const b = labels[i] * d;
    for (let f = 0; f < d; f++) {
      const t = data[a + f] - centers[b + f];
      total += t * t;
    }
  }
  return total;
}

/** Per-cluster sums of the samples (k × d) and sample counts (k). */
export interface ClusterSums {
  sums: Float64Array;
  weight: Float64Array;
}

/**
 * Brings `acc` (the sums for `counted` labels) up to date with `labels`, moving only the samples
 * whose label changed; `counted` is updated. Starts from `counted` filled with −1. Returns the
 * number of samples moved (0: `labels` equal the previous call's).
 */
export function syncSums(X: Dense, acc: ClusterSums, counted: Int32Array, labels: Int32Array): number {
  const { data, rows: n, cols: d } = X;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const to = labels[i];
    const from = counted[i];
    if (to === from) continue;
    moved++;
    if (from >= 0) {
      acc.weight[from] -= 1;
      for (let f = 0; f < d; f++) acc.sums[from * d + f] -= data[i * d + f];
    }
    acc.weight[to] += 1;
    for (let f = 0; f < d; f++) acc.sums[to * d + f] += data[i * d + f];
    counted[i] = to;
  }
  return moved;
}

/**
 * As `syncSums`, moving only the rows listed in `changes` (the rows whose label the last assignment
 * changed, in row order: the same additions in the same order as `syncSums`'s scan); keeps
 * `counted` in step. Returns the number of rows moved.
 */
export function applyChanges(X: Dense, acc: ClusterSums, counted: Int32Array, labels: Int32Array, changes: LabelChanges): number {
  const { data, cols: d } = X;
  const { count, rows, from: fromRow } = changes;
  for (let j = 0; j < count; j++) {
    const i = rows[j];
    const from = fromRow[j];
    const to = labels[i];
    acc.weight[from] -= 1;
    for (let f = 0; f < d; f++) acc.sums[from * d + f] -= data[i * d + f];
    acc.weight[to] += 1;
    for (let f = 0; f < d; f++) acc.sums[to * d + f] += data[i * d + f];
    counted[i] = to;
  }
  return count;
}

/** New centers (cluster means) from `labels`, with sklearn's relocation of empty clusters (`_relocate_empty_clusters_dense`). */
export function updateCenters(X: Dense, old: Float64Array, k: number, labels: Int32Array, base?: ClusterSums): Float64Array {
  const { data, rows: n, cols: d } = X;
  let sums: Float64Array;
  let weight: Float64Array;
  if (base !== undefined) {
    sums = Float64Array.from(base.sums);
    weight = Float64Array.from(base.weight);
  } else {
    sums = new Float64Array(k * d);
    weight = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      weight[c] += 1;
      for (let f = 0; f < d; f++) sums[c * d + f] += data[i * d + f];
    }
  }
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (weight[c] === 0) empty.push(c);
  if (empty.length > 0) {
    // The samples farthest from their (old) centers, farthest first; equal distances: lower index first.
    const dist = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = data[i * d + f] - old[labels[i] * d + f];
        s += t * t;
      }
      dist[i] = s;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
    empty.forEach((c, j) => {
      const far = order[j];
      const from = labels[far];
      for (let f = 0; f < d; f++) {
        sums[from * d + f] -= data[far * d + f];
        sums[c * d + f] = data[far * d + f];
      }
      weight[c] = 1;
      weight[from] -= 1;
    });
  }
  for (let c = 0; c < k; c++) {
    if (weight[c] > 0) for (let f = 0; f < d; f++) sums[c * d + f] /= weight[c];
  }
  return sums;
}

/**
 * Runs Lloyd iterations from `init` (k × d, not modified).
 * @param tol absolute tolerance on Σ_c ‖c_new − c_old‖² (sklearn's tol × mean feature variance).
 */
export function lloyd(
  X: Dense,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
  assign?: (centers: Float64Array, labels: Int32Array) => void,
): LloydResult {
  if (assign !== undefined) return lloydWith(X, init, k, maxIter, tol, assign);
  const bounded = createBoundedAssigner(X, k);
  try {
    const res = lloydWith(X, init, k, maxIter, tol, (centers, labels) => bounded.assign(centers, labels), bounded.labels?.fill(0));
    // the kernel's labels live in memory that is reused after dispose: copy them out
    if (res.labels === bounded.labels) res.labels = Int32Array.from(res.labels);
    return res;
  } finally {
    bounded.dispose();
  }
}

function lloydWith(
  X: Dense,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
  assign: (centers: Float64Array, labels: Int32Array) => LabelChanges | null | void,
  labels: Int32Array = new Int32Array(X.rows),
): LloydResult {
  const n = X.rows;
  const d = X.cols;
  let centers: Float64Array = Float64Array.from(init);
  // Cluster sums kept across iterations: only samples that changed cluster are moved (sklearn
  // re-sums every sample; the difference is rounding, ~1e-16 relative). `counted` holds the previous
  // iteration's labels (−1 before the first), so no sample moved ⇔ the labels did not change.
  const acc: ClusterSums = { sums: new Float64Array(k * d), weight: new Float64Array(k) };
  const counted = new Int32Array(n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // the bounded assigner lists the rows it relabelled (after its first call): no O(n) scan then
    const changes = assign(centers, labels);
    const moved = iter > 0 && changes ? applyChanges(X, acc, counted, labels, changes) : syncSums(X, acc, counted, labels);
    const next = updateCenters(X, centers, k, labels, acc);
    let shift = 0;
    for (let j = 0; j < k * d; j++) shift += (next[j] - centers[j]) ** 2;
    centers = next;
    if (moved === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  if (!strict) assign(centers, labels);
  return { labels, inertia: inertiaOf(X, centers, labels), centers, nIter: Math.min(iter + 1, maxIter) };
}
