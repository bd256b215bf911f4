/**
 * Internal: exact brute-force k-nearest neighbours, two ways.
 *
 * - `bruteKnnLoop`: every reduced distance in float64 on typed arrays, a bounded heap per query.
 * - `bruteKnnMatmul` (euclidean): per chunk of queries one backend matmul gives 2q·t − ‖t‖²
 *   ([2t, −‖t‖²] · [q, 1]ᵀ, float32, data centred on the training mean) and one max-pool reduces it
 *   to per-block minima of ‖t‖² − 2q·t; each row's candidate blocks — those whose minimum is within
 *   twice the float32 error bound of the k-th smallest block minimum — are rescored exactly in
 *   float64. The result is therefore the same as the loop's, ties included (equal distances: lower
 *   training index first).
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

/** Matmul output floats per chunk of queries (4 MB of float32: stays cache- and heap-friendly). */
const CHUNK_FLOATS = 1 << 20;
/** Training rows per block whose minimum the backend returns. */
const BLOCK = 16;

/**
 * Exact euclidean k-NN with candidate search through backend matmuls (see the file header).
 * Per chunk of b queries the backend computes −V = 2t·q − ‖t‖² ([nPad, b], float32: training rows
 * down, queries across) and returns only the maximum of each block of BLOCK (16) consecutive training
 * rows, i.e. −(block minimum of V), as a max-pool over the rows ([nPad/BLOCK, b]; XNNPACK's pooling
 * runs along the contiguous query axis, several times faster than a last-axis min reduction).
 * A row's k-th smallest block minimum τ bounds its k-th smallest value from above, so every true
 * neighbour lies in a block whose minimum is ≤ τ + 2·(float32 error bound); those blocks are
 * rescored exactly in float64.
 * Runs synchronously (`dataSync`), so the backend must allow synchronous reads (cpu, wasm).
 */
export function bruteKnnMatmul(train: Float64Array, n: number, query: Float64Array, m: number, d: number, k: number, metric: Metric): KnnResult {
  const mean = new Float64Array(d);
  for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) mean[f] += train[j * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const d1 = d + 1;
  const blocks = Math.ceil(n / BLOCK);
  const nPad = blocks * BLOCK;
  // T' = [2(t − μ), −‖t − μ‖²]: [nPad, d + 1], row j for training row j; padding rows score −1e30,
  // never candidates.
  const tAug = new Float32Array(nPad * d1);
  let tnMax = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const v = Math.fround(train[j * d + f] - mean[f]);
      tAug[j * d1 + f] = 2 * v;
      s += v * v;
    }
    tAug[j * d1 + d] = -s;
    tnMax = Math.max(tnMax, s);
  }
  for (let j = n; j < nPad; j++) tAug[j * d1 + d] = -1e30;
  // Float32 error bound of ‖q‖² + V against the exact reduced distance, with a factor 2 of slack.
  const gamma = (d + 16) * 2 ** -23;
  const dist = new Float64Array(m * k);
  const index = new Int32Array(m * k);
  const heap = new NeighborHeap(k);
  const kth = new Float64Array(k);
  const rowsPerChunk = Math.max(1, Math.min(m, Math.floor(CHUNK_FLOATS / nPad)));
  const T = tf.tensor2d(tAug, [nPad, d1]);
  const euclid = metric.kind === 'euclidean';
  try {
    for (let start = 0; start < m; start += rowsPerChunk) {
      const b = Math.min(rowsPerChunk, m - start);
      // [q − μ; 1]ᵀ stacked as columns: [d + 1, b]
      const qAug = new Float32Array(d1 * b);
      const qn = new Float64Array(b);
      for (let r = 0; r < b; r++) {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const v = Math.fround(query[(start + r) * d + f] - mean[f]);
          qAug[f * b + r] = v;
          s += v * v;
        }
        qAug[d * b + r] = 1;
        qn[r] = s;
      }
      const out = tf.tidy(() => {
        const v = tf.matMul(T, tf.tensor2d(qAug, [d1, b])); // [nPad, d+1]·[d+1, b] → [nPad, b] = −V
        return tf.maxPool(tf.reshape(v, [1, nPad, 1, b]) as tf.Tensor4D, [BLOCK, 1], [BLOCK, 1], 'valid'); // [1, blocks, 1, b]
      });
      const negMins = out.dataSync() as Float32Array;
      out.dispose();
      for (let r = 0; r < b; r++) {
        // τ = k-th smallest block minimum (fewer blocks than k: every block is a candidate)
        kth.fill(Infinity);
        for (let g = 0; g < blocks; g++) {
          const v = -negMins[g * b + r];
          if (v >= kth[k - 1]) continue;
          let p = k - 1;
          while (p > 0 && kth[p - 1] > v) {
            kth[p] = kth[p - 1];
            p--;
          }
          kth[p] = v;
        }
        const limit = kth[k - 1] + 2 * gamma * (qn[r] + tnMax);
        const qi = start + r;
        const qa = qi * d;
        heap.reset();
        for (let g = 0; g < blocks; g++) {
          if (-negMins[g * b + r] > limit) continue;
          const end = Math.min(n, (g + 1) * BLOCK);
          for (let j = g * BLOCK; j < end; j++) {
            let v: number;
            if (euclid) {
              v = 0;
              const ta = j * d;
              for (let f = 0; f < d; f++) {
                const t = query[qa + f] - train[ta + f];
                v += t * t;
              }
            } else v = metric.reduced(query, qi, train, j, d);
            if (v <= heap.worst()) heap.push(v, j);
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
