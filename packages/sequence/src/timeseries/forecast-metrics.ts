/**
 * Every forecast accuracy measure of this package at once: MAE, RMSE, MAPE, sMAPE and MASE.
 * @see R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast accuracy", IJF 22(4), 2006.
 */
import { checkPair } from './check-pair.js';
import { naiveScale } from './mean-absolute-scaled-error.js';

export interface ForecastMetricsOptions {
  /** The training series, for MASE's scale. Without it, `mase` is NaN. */
  insample?: ArrayLike<number>;
  /** Season length of MASE's scaling naive forecast. @default 1 */
  seasonLength?: number;
}

export interface ForecastMetrics {
  /** Mean absolute error. */
  mae: number;
  /** Root mean squared error. */
  rmse: number;
  /** Mean absolute percentage error, a fraction; NaN when some actual value is 0 (undefined there). */
  mape: number;
  /** Symmetric MAPE, a fraction in [0, 2]. */
  smape: number;
  /** Mean absolute scaled error; NaN without `insample`. */
  mase: number;
}

/** Computes MAE, RMSE, MAPE, sMAPE and MASE of one forecast. */
export function forecastMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ForecastMetricsOptions = {}): ForecastMetrics {
  const where = 'forecastMetrics';
  const { t, p } = checkPair(where, yTrue, yPred);
  const n = t.length;
  let abs = 0;
  let sq = 0;
  let pct = 0;
  let sym = 0;
  let zero = false;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(t[i] - p[i]);
    abs += e;
    sq += e * e;
    if (t[i] === 0) zero = true;
    else pct += e / Math.abs(t[i]);
    const denom = Math.abs(t[i]) + Math.abs(p[i]);
    if (denom > 0) sym += (2 * e) / denom;
  }
  const mase = options.insample === undefined ? Number.NaN : abs / n / naiveScale(where, options.insample, options.seasonLength ?? 1);
  return { mae: abs / n, rmse: Math.sqrt(sq / n), mape: zero ? Number.NaN : pct / n, smape: sym / n, mase };
}
