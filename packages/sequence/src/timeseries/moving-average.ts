/**
 * The moving-average forecast: every future value equals the mean of the last `window` observations
 * (the simple moving average used as a flat forecast).
 */
import { checkHistory } from './check-history.js';
import type { Forecaster } from './forecaster.js';
import { checkInt } from './read-series.js';

export interface MovingAverageOptions {
  /** How many of the latest observations are averaged. */
  window: number;
}

/** `ŷ_{T+h} = mean(y_{T−window+1..T})` for h = 1..steps. */
export function movingAverageForecast(history: ArrayLike<number>, steps: number, options: MovingAverageOptions): number[] {
  const where = 'movingAverageForecast';
  const w = checkInt(where, 'window', options?.window, 1);
  const { y, steps: n } = checkHistory(where, history, steps, 1);
  if (y.length < w) throw new RangeError(`${where}: 'history' must hold at least 'window' = ${w} steps; received ${y.length}`);
  let sum = 0;
  for (let t = y.length - w; t < y.length; t++) sum += y[t];
  return new Array<number>(n).fill(sum / w);
}

/** `movingAverageForecast` as a `Forecaster`. */
export class MovingAverageForecaster implements Forecaster {
  readonly window: number;

  constructor(options: MovingAverageOptions) {
    this.window = options?.window;
  }

  fit(): this {
    return this;
  }

  forecast(history: ArrayLike<number>, steps: number): number[] {
    return movingAverageForecast(history, steps, { window: this.window });
  }
}
