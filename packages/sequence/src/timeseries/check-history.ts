/** Argument checks shared by the baseline forecasts. Internal to `timeseries`. */
import { checkInt, readSeries } from './read-series.js';

/** Reads a univariate `history` of at least `minLength` steps and checks `steps` ≥ 1. */
export function checkHistory(where: string, history: unknown, steps: unknown, minLength = 1): { y: Float64Array; steps: number } {
  const s = readSeries(where, 'history', history, minLength);
  if (s.multivariate) throw new RangeError(`${where}: 'history' must be univariate (an array of numbers); received rows of ${s.features} features`);
  return { y: s.data, steps: checkInt(where, 'steps', steps, 1) };
}
