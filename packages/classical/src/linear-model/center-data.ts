/**
 * Internal: sklearn's `_preprocess_data` + `_rescale_data` for the least-squares models: with an
 * intercept, X and y are centred on their (sample-weighted) means; with sample weights, rows are
 * scaled by √s so that plain least squares minimises Σ s_i r_i². The intercept is then
 * ȳ − x̄ · coef.
 */
import type { Dense } from '../base/read-matrix.js';

export interface Centered {
  X: Float64Array; // [n, d]
  y: Float64Array; // [n]
  xMean: Float64Array; // [d], zeros without intercept
  yMean: number;
}

export function centerData(x: Dense, y: Float64Array, sw: Float64Array | undefined, fitIntercept: boolean): Centered {
  const { rows: n, cols: d, data } = x;
  const xMean = new Float64Array(d);
  let yMean = 0;
  if (fitIntercept) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const s = sw === undefined ? 1 : sw[i];
      total += s;
      yMean += s * y[i];
      for (let j = 0; j < d; j++) xMean[j] += s * data[i * d + j];
    }
    yMean /= total;
    for (let j = 0; j < d; j++) xMean[j] /= total;
  }
  const X = new Float64Array(n * d);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = sw === undefined ? 1 : Math.sqrt(sw[i]);
    yc[i] = (y[i] - yMean) * r;
    for (let j = 0; j < d; j++) X[i * d + j] = (data[i * d + j] - xMean[j]) * r;
  }
  return { X, y: yc, xMean, yMean };
}

/** Checks a regression target: n finite numbers. */
export function readTarget(where: string, y: ArrayLike<number>, n: number): Float64Array {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') throw new TypeError(`${where}: 'y' must be an array of numbers; received ${y === null ? 'null' : typeof y}`);
  if (y.length !== n) throw new RangeError(`${where}: 'y' must have one value per row of 'X' (${n}); received ${y.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}: 'y[${i}]' must be a finite number; received ${String(v)}`);
    out[i] = v;
  }
  return out;
}
