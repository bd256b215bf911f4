/**
 * Mean absolute scaled error: the forecast's MAE divided by the in-sample MAE of the one-step
 * seasonal naive forecast on the training series,
 *   MASE = mean|y_t − ŷ_t| / ( 1/(n − m) · Σ_{t=m+1..n} |Y_t − Y_{t−m}| ),
 * where Y_1..Y_n is the training (in-sample) series and m the season length (1: the naive forecast).
 * Below 1 the forecast beats the in-sample (seasonal) naive method.
 * @see R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast accuracy", IJF 22(4), 2006, §3.4 (eq. for q_t; the seasonal form as in Hyndman and Athanasopoulos, FPP3 §5.8).
 */
import { checkPair } from './check-pair.js';
import { checkInt, readSeries } from './read-series.js';

export interface MeanAbsoluteScaledErrorOptions {
  /** The training series the scale is computed on (oldest first), at least `seasonLength + 1` steps. */
  insample: ArrayLike<number>;
  /** Season length m of the scaling naive forecast (1: non-seasonal). @default 1 */
  seasonLength?: number;
}

/** The in-sample scale: mean |Y_t − Y_{t−m}| over the training series. Internal. */
export function naiveScale(where: string, insample: unknown, seasonLength: unknown): number {
  const m = checkInt(where, 'seasonLength', seasonLength, 1);
  const s = readSeries(where, 'insample', insample, m + 1);
  if (s.multivariate) throw new RangeError(`${where}: 'insample' must be an array of numbers; received rows of ${s.features} features`);
  let sum = 0;
  for (let t = m; t < s.length; t++) sum += Math.abs(s.data[t] - s.data[t - m]);
  const scale = sum / (s.length - m);
  if (scale === 0) {
    throw new RangeError(`${where}: the in-sample ${m === 1 ? 'naive' : `seasonal naive (m = ${m})`} MAE of 'insample' is 0 (the series repeats exactly), so MASE is undefined`);
  }
  return scale;
}

/** MASE of `yPred` against `yTrue`, scaled by the in-sample (seasonal) naive MAE. */
export function meanAbsoluteScaledError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: MeanAbsoluteScaledErrorOptions): number {
  const where = 'meanAbsoluteScaledError';
  const { t, p } = checkPair(where, yTrue, yPred);
  const scale = naiveScale(where, options?.insample, options?.seasonLength ?? 1);
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += Math.abs(t[i] - p[i]);
  return sum / t.length / scale;
}
