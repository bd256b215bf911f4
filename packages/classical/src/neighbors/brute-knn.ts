/**
 * Internal: exact brute-force k-nearest neighbours, two ways.
 *
 * - `bruteKnnLoop`: every reduced distance in float64 on typed arrays, a bounded heap per query.
 * - `bruteKnnMatmul` (euclidean): the ‖t‖² − 2q·t blocks come from one backend matmul per chunk of
 *   queries ([q, 1] · [−2t, ‖t‖²]ᵀ, float32, data centred on the training mean), then each row's
 *   candidates — every training row whose approximate value is within twice the float32 error bound
 *   of the running k-th smallest — are rescored exactly in float64. The result is therefore the
 *   same as the loop's, ties included (equal distances: lower training index first).
 *   Reference for the expansion: scikit-learn's `euclidean_distances` (GEMM trick), here only used
 *   to find candidates.
 */
import { tf } from '@ml/core';
import type { Metric } from './metric.js';
import { NeighborHeap } from './neighbor-heap.js';

export interface KnnResult {
  /** Reduced distances, m × k, ascending per row. */
  dist: Float64Array;
  /** Training indices, m × k. */
  index: Int32Array;
}

/** Exact k-NN of the m query rows among the n training rows (both d columns). */
export function bruteKnnLoop(train: Float64Array, n: number, query: Float64Array, m: number, d: number, k: number, metric: Metric): KnnResult {
  const dist = new Float64Array(m * k);
  const index = new Int32Array(m * k);
  const heap = new NeighborHeap(k);
  for (let i = 0; i < m; i++) {
    heap.reset();
    for (let j = 0; j < n; j++) heap.push(metric.reduced(query, i, train, j, d), j);
    heap.drain(dist, index, i * k);
  }
  return { dist, index };
}

/** Floats per matmul output chunk (≈ 32 MB of float32). */
const CHUNK_FLOATS = 1 << 23;

/**
 * Exact euclidean k-NN with candidate search through backend matmuls (see the file header).
 * Runs synchronously (`dataSync`), so the backend must allow synchronous reads (cpu, wasm).
 */
export function bruteKnnMatmul(train: Float64Array, n: number, query: Float64Array, m: number, d: number, k: number, metric: Metric): KnnResult {
  const mean = new Float64Array(d);
  for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) mean[f] += train[j * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const d1 = d + 1;
  // T' = [−2(t − μ), ‖t − μ‖²]  [n, d + 1]
  const tAug = new Float32Array(n * d1);
  let tnMax = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const v = Math.fround(train[j * d + f] - mean[f]);
      tAug[j * d1 + f] = -2 * v;
      s += v * v;
    }
    tAug[j * d1 + d] = s;
    tnMax = Math.max(tnMax, s);
  }
  // Float32 error bound of ‖q‖² + value vs the exact reduced distance, with a factor 2 of slack.
  const gamma = (d + 16) * 2 ** -23;
  const dist = new Float64Array(m * k);
  const index = new Int32Array(m * k);
  const heap = new NeighborHeap(k);
  const approx = new Float64Array(k);
  const rowsPerChunk = Math.max(1, Math.min(m, Math.floor(CHUNK_FLOATS / n)));
  const T = tf.tensor2d(tAug, [n, d1]);
  try {
    for (let start = 0; start < m; start += rowsPerChunk) {
      const b = Math.min(rowsPerChunk, m - start);
      const qAug = new Float32Array(b * d1);
      const qn = new Float64Array(b);
      for (let r = 0; r < b; r++) {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const v = Math.fround(query[(start + r) * d + f] - mean[f]);
          qAug[r * d1 + f] = v;
          s += v * v;
        }
        qAug[r * d1 + d] = 1;
        qn[r] = s;
      }
      const out = tf.tidy(() => tf.matMul(tf.tensor2d(qAug, [b, d1]), T, false, true)); // [b, n]: ‖t‖² − 2q·t
      const vals = out.dataSync() as Float32Array;
      out.dispose();
      for (let r = 0; r < b; r++) {
        const margin2 = 2 * gamma * (qn[r] + tnMax);
        const row = r * n;
        const qi = start + r;
        heap.reset();
        approx.fill(Infinity);
        let tau = Infinity; // running k-th smallest approximate value
        for (let j = 0; j < n; j++) {
          const v = vals[row + j];
          if (v > tau + margin2) continue;
          heap.push(metric.reduced(query, qi, train, j, d), j);
          if (v < tau) {
            // insert v into the sorted k smallest approximations
            let p = k - 1;
            while (p > 0 && approx[p - 1] > v) {
              approx[p] = approx[p - 1];
              p--;
            }
            approx[p] = v;
            tau = approx[k - 1];
          }
        }
        heap.drain(dist, index, qi * k);
      }
    }
  } finally {
    T.dispose();
  }
  return { dist, index };
}
