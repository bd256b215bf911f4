/**
 * Internal: k-means assignment (nearest center) through backend matmuls, with exact results.
 *
 * The backend computes V = ‖c‖² − 2x·c for all rows and centers in one float32 matmul
 * ([x, 1] · [−2c; ‖c‖²], data already centred). A row whose best and second-best values differ by
 * more than twice the float32 error bound has the same nearest center in exact arithmetic; the
 * others (near-ties) are rescored in float64 with the typed-array formula of `assignLabels`, so the
 * labels equal the float64 loop's. Synchronous reads: used on the wasm backend only.
 */
import { tf } from '@ml/core';
import type { Dense } from '../base/read-matrix.js';

export interface Assigner {
  /** Fills `labels` with the nearest center of each row. */
  assign(centers: Float64Array, labels: Int32Array): void;
  /** Frees the data tensor. */
  dispose(): void;
}

export function createMatmulAssigner(X: Dense, k: number): Assigner {
  const { data, rows: n, cols: d } = X;
  const d1 = d + 1;
  const xAug = new Float32Array(n * d1);
  const xn = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const v = data[i * d + f];
      xAug[i * d1 + f] = v;
      s += v * v;
    }
    xAug[i * d1 + d] = 1;
    xn[i] = s;
  }
  const Xt = tf.tensor2d(xAug, [n, d1]);
  const gamma = (d + 16) * 2 ** -23;
  return {
    assign(centers, labels) {
      const cAug = new Float32Array(d1 * k);
      const cNorm = new Float64Array(k);
      let cMax = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const v = centers[c * d + f];
          cAug[f * k + c] = -2 * v;
          s += v * v;
        }
        cAug[d * k + c] = s;
        cNorm[c] = s;
        cMax = Math.max(cMax, s);
      }
      const out = tf.tidy(() => tf.matMul(Xt, tf.tensor2d(cAug, [d1, k]))); // [n, d+1]·[d+1, k] → [n, k]
      const v = out.dataSync() as Float32Array;
      out.dispose();
      for (let i = 0; i < n; i++) {
        let best = 0;
        let bestV = v[i * k];
        let second = Infinity;
        for (let c = 1; c < k; c++) {
          const x = v[i * k + c];
          if (x < bestV) {
            second = bestV;
            bestV = x;
            best = c;
          } else if (x < second) second = x;
        }
        if (second - bestV <= 2 * gamma * (xn[i] + cMax)) {
          // near-tie: exact float64 argmin (first on ties), as assignLabels
          let exact = Infinity;
          for (let c = 0; c < k; c++) {
            let dot = 0;
            for (let f = 0; f < d; f++) dot += data[i * d + f] * centers[c * d + f];
            const e = cNorm[c] - 2 * dot;
            if (e < exact) {
              exact = e;
              best = c;
            }
          }
        }
        labels[i] = best;
      }
    },
    dispose() {
      Xt.dispose();
    },
  };
}
