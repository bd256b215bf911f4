/**
 * Internal: k-means assignment (nearest center) through backend matmuls, with exact results.
 *
 * The backend computes V = ‖c‖² − 2x·c for all rows and centers in one float32 matmul
 * ([x, 1] · [−2c; ‖c‖²], data already centred), then each row's argmin and the gap to its
 * second-smallest value. A row whose best and second-best values differ by
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
      // On the backend: V = ‖c‖² − 2x·c [n, k], its argmin per row and the gap to the runner-up
      // (only n labels and n gaps come back: reading all of V costs more than computing it).
      const [labelT, gapT] = tf.tidy(() => {
        const v = tf.matMul(Xt, tf.tensor2d(cAug, [d1, k])); // [n, d+1]·[d+1, k] → [n, k]
        const arg = tf.argMin(v, 1); // [n]
        // oneHot(…, 'float32') returns zeros on wasm 4.22, so: int32 one-hot, cast, scale.
        const masked = tf.add(v, tf.mul(tf.cast(tf.oneHot(arg, k), 'float32'), 1e30)); // [n, k]
        return [arg, tf.sub(tf.min(masked, 1), tf.min(v, 1))]; // [n], [n]
      });
      const arg = labelT.dataSync() as Int32Array;
      const gap = gapT.dataSync() as Float32Array;
      tf.dispose([labelT, gapT]);
      for (let i = 0; i < n; i++) {
        let best = arg[i];
        if (gap[i] <= 2 * gamma * (xn[i] + cMax)) {
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
