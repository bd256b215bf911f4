/**
 * The seasonal naive forecast: each future value equals the last observed value of the same season.
 * `ŷ_{T+h} = y_{T+h−m(k+1)}` with `k = ⌊(h − 1) / m⌋`.
 * @see R. J. Hyndman and G. Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2.
 */
import { checkHistory } from './check-history.js';
import type { Forecaster } from './forecaster.js';
import { checkInt } from './read-series.js';

export interface SeasonalNaiveOptions {
  /** Steps per season (12 for monthly data with a yearly cycle). */
  seasonLength: number;
}

/** Repeats the last full season of `history` over `steps`. */
export function seasonalNaiveForecast(history: ArrayLike<number>, steps: number, options: SeasonalNaiveOptions): number[] {
  const where = 'seasonalNaiveForecast';
  const m = checkInt(where, 'seasonLength', options?.seasonLength, 1);
  const { y, steps: n } = checkHistory(where, history, steps, 1);
  if (y.length < m) throw new RangeError(`${where}: 'history' must hold at least one season (seasonLength = ${m} steps); received ${y.length}`);
  const T = y.length;
  return Array.from({ length: n }, (_, i) => y[T - m + (i % m)]);
}

/** `seasonalNaiveForecast` as a `Forecaster`. */
export class SeasonalNaiveForecaster implements Forecaster {
  readonly seasonLength: number;

  constructor(options: SeasonalNaiveOptions) {
    this.seasonLength = options?.seasonLength;
  }

  fit(): this {
    return this;
  }

  forecast(history: ArrayLike<number>, steps: number): number[] {
    return seasonalNaiveForecast(history, steps, { seasonLength: this.seasonLength });
  }
}
