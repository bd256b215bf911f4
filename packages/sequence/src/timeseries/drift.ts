/**
 * The drift forecast: the line through the first and last observations, extended.
 * `ŷ_{T+h} = y_T + h · (y_T − y_1) / (T − 1)`.
 * @see R. J. Hyndman and G. Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2.
 */
import { checkHistory } from './check-history.js';
import type { Forecaster } from './forecaster.js';

/** Extends the average change of `history` (at least 2 steps) over `steps`. */
export function driftForecast(history: ArrayLike<number>, steps: number): number[] {
  const { y, steps: n } = checkHistory('driftForecast', history, steps, 2);
  const T = y.length;
  const slope = (y[T - 1] - y[0]) / (T - 1);
  return Array.from({ length: n }, (_, i) => y[T - 1] + (i + 1) * slope);
}

/** `driftForecast` as a `Forecaster`. */
export class DriftForecaster implements Forecaster {
  fit(): this {
    return this;
  }

  forecast(history: ArrayLike<number>, steps: number): number[] {
    return driftForecast(history, steps);
  }
}
