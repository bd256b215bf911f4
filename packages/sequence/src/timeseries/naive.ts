/**
 * The naive (random-walk) forecast: every future value equals the last observed one.
 * @see R. J. Hyndman and G. Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2.
 */
import { checkHistory } from './check-history.js';
import type { Forecaster } from './forecaster.js';

/** `ŷ_{T+h} = y_T` for h = 1..steps. */
export function naiveForecast(history: ArrayLike<number>, steps: number): number[] {
  const { y, steps: n } = checkHistory('naiveForecast', history, steps);
  return new Array<number>(n).fill(y[y.length - 1]);
}

/** `naiveForecast` as a `Forecaster` (nothing to learn). */
export class NaiveForecaster implements Forecaster {
  fit(): this {
    return this;
  }

  forecast(history: ArrayLike<number>, steps: number): number[] {
    return naiveForecast(history, steps);
  }
}
