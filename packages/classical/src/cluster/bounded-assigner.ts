/**
 * Internal: Lloyd's assignment step with Hamerly's bounds, returning exactly Lloyd's labels.
 *
 * Reference: G. Hamerly, "Making k-means even faster", SDM 2010. Each sample keeps an upper bound u on
 * the distance to its assigned center and one lower bound l on the distance to every other center;
 * after the centers move by δ, u grows by δ(own) and l shrinks by max δ. When u is clearly below
 * max(l, half the distance from the own center to its nearest other center), the label cannot change
 * and the sample is skipped. Otherwise the sample is rescored with Lloyd's own float64 formula
 * (argmin of ‖c‖² − 2x·c, first on ties) and its bounds are reset from those values, widened by their
 * rounding error. The skip
 * test keeps a relative margin (1e-10 of the squared scale) so floating-point near-ties are always
 * rescored: the labels equal `assignLabels`'s, at a fraction of the distance computations once the
 * centers settle.
 */
import type { Dense } from '../base/read-matrix.js';

export interface BoundedAssigner {
  /** Fills `labels` with the nearest center of each row; `labels` must hold the previous call's labels. */
  assign(centers: Float64Array, labels: Int32Array): void;
}

export function createBoundedAssigner(X: Dense, k: number): BoundedAssigner {
  const { data, rows: n, cols: d } = X;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const xn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += data[i * d + f] ** 2;
    xn[i] = s;
  }
  let prev: Float64Array | undefined;
  const cNorm = new Float64Array(k);
  const half = new Float64Array(k);
  const shift = new Float64Array(k);

  /** Lloyd's label for row i, and bounds from the same values: d² = ‖x‖² + (‖c‖² − 2x·c) ± err. */
  const rescore = (i: number, centers: Float64Array, labels: Int32Array, cMax: number): void => {
    let best = Infinity;
    let second = Infinity;
    let label = 0;
    const a = i * d;
    for (let c = 0; c < k; c++) {
      const b = c * d;
      let dot = 0;
      for (let f = 0; f < d; f++) dot += data[a + f] * centers[b + f];
      const e = cNorm[c] - 2 * dot;
      if (e < best) {
        second = best;
        best = e;
        label = c;
      } else if (e < second) second = e;
    }
    // Rounding of ‖x‖² + ‖c‖² − 2x·c is far below 1e-12 of its scale: widen the bounds by that much.
    const x2 = xn[i];
    const err = 1e-12 * (x2 + cMax) + 1e-300;
    labels[i] = label;
    const up = x2 + best;
    const lo = x2 + second - err;
    upper[i] = Math.sqrt((up > 0 ? up : 0) + err);
    lower[i] = Math.sqrt(lo > 0 ? lo : 0);
  };

  return {
    assign(centers, labels) {
      let cMax = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += centers[c * d + f] ** 2;
        cNorm[c] = s;
        cMax = Math.max(cMax, s);
        half[c] = Infinity;
      }
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          let s = 0;
          for (let f = 0; f < d; f++) s += (centers[a * d + f] - centers[b * d + f]) ** 2;
          const h = Math.sqrt(s) / 2;
          if (h < half[a]) half[a] = h;
          if (h < half[b]) half[b] = h;
        }
      }
      if (prev === undefined) {
        for (let i = 0; i < n; i++) rescore(i, centers, labels, cMax);
        prev = Float64Array.from(centers);
        return;
      }
      let maxShift = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += (centers[c * d + f] - prev[c * d + f]) ** 2;
        shift[c] = Math.sqrt(s);
        maxShift = Math.max(maxShift, shift[c]);
      }
      prev.set(centers);
      for (let i = 0; i < n; i++) {
        const a = labels[i];
        const margin = 1e-10 * (xn[i] + cMax) + 1e-300;
        let u = upper[i] + shift[a];
        const l = lower[i] - maxShift;
        const h = half[a];
        const bound = h > l ? h : l;
        upper[i] = u;
        lower[i] = l;
        if (u < bound && bound * bound - u * u > margin) continue;
        // tighten u to the true distance and test again before a full rescoring
        const p = i * d;
        const q = a * d;
        let s = 0;
        for (let f = 0; f < d; f++) {
          const t = data[p + f] - centers[q + f];
          s += t * t;
        }
        u = Math.sqrt(s);
        upper[i] = u;
        if (u < bound && bound * bound - u * u > margin) continue;
        rescore(i, centers, labels, cMax);
      }
    },
  };
}
