/**
 * Walk-forward (rolling-origin) evaluation of a forecaster: train on the series up to an origin,
 * forecast the next `horizon` steps, move the origin by `step`, repeat. Each fold gets a fresh
 * forecaster from the factory, so no state carries over between folds.
 * @see L. J. Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and review", IJF 16(4), 2000.
 * @see R. J. Hyndman and G. Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.10 ("evaluation on a rolling forecasting origin").
 */
import type { Forecaster } from './forecaster.js';
import { forecastMetrics, type ForecastMetrics } from './forecast-metrics.js';
import { checkInt, readSeries, show } from './read-series.js';

export interface WalkForwardOptions {
  /** Training steps before the first origin. */
  initialTrain: number;
  /** Steps forecast at each origin. */
  horizon: number;
  /** Steps the origin moves between folds. @default horizon */
  step?: number;
  /** 'expanding': train on everything before the origin; 'sliding': on the last `initialTrain` steps. @default 'expanding' */
  window?: 'expanding' | 'sliding';
  /** Season length of MASE's scaling naive forecast. @default 1 */
  seasonLength?: number;
  /** Stop after this many folds (the earliest ones). @default Infinity */
  maxFolds?: number;
}

export const WALK_FORWARD_DEFAULTS = { window: 'expanding', seasonLength: 1, maxFolds: Number.POSITIVE_INFINITY } as const satisfies Omit<Required<WalkForwardOptions>, 'initialTrain' | 'horizon' | 'step'>;

export interface WalkForwardFold {
  /** First training step (0 with an expanding window). */
  trainStart: number;
  /** The origin: the training part is `[trainStart, trainEnd)`, the forecast covers `[trainEnd, trainEnd + horizon)`. */
  trainEnd: number;
  forecast: number[];
  actual: number[];
  metrics: ForecastMetrics;
}

export interface WalkForwardResult {
  folds: WalkForwardFold[];
  /** Each metric averaged over the folds (MAPE is NaN if any fold's is). */
  mean: ForecastMetrics;
}

/** A new, unfitted forecaster for fold `fold`. */
export type ForecasterFactory = (fold: number) => Forecaster | Promise<Forecaster>;

/** Runs walk-forward validation of the forecasters `factory` makes on a univariate `series`. */
export async function walkForwardValidation(factory: ForecasterFactory, series: ArrayLike<number>, options: WalkForwardOptions): Promise<WalkForwardResult> {
  const where = 'walkForwardValidation';
  if (typeof factory !== 'function') throw new TypeError(`${where}: 'factory' must be a function returning a forecaster; received ${show(factory)}`);
  const s = readSeries(where, 'series', series, 2);
  if (s.multivariate) throw new RangeError(`${where}: 'series' must be univariate (an array of numbers); received rows of ${s.features} features`);
  const initialTrain = checkInt(where, 'initialTrain', options?.initialTrain, 1);
  const horizon = checkInt(where, 'horizon', options.horizon, 1);
  const step = checkInt(where, 'step', options.step ?? horizon, 1);
  const seasonLength = checkInt(where, 'seasonLength', options.seasonLength ?? WALK_FORWARD_DEFAULTS.seasonLength, 1);
  const windowKind = options.window ?? WALK_FORWARD_DEFAULTS.window;
  if (windowKind !== 'expanding' && windowKind !== 'sliding') {
    throw new RangeError(`${where}: 'window' must be 'expanding' or 'sliding'; received ${show(windowKind)}`);
  }
  const maxFolds = options.maxFolds ?? WALK_FORWARD_DEFAULTS.maxFolds;
  if (!(maxFolds >= 1)) throw new RangeError(`${where}: 'maxFolds' must be >= 1; received ${show(maxFolds)}`);
  if (initialTrain + horizon > s.length) {
    throw new RangeError(`${where}: 'series' must hold at least initialTrain + horizon = ${initialTrain + horizon} steps; received ${s.length}`);
  }
  if (initialTrain <= seasonLength) {
    throw new RangeError(`${where}: 'initialTrain' must exceed 'seasonLength' (${seasonLength}) so MASE has a scale; received ${initialTrain}`);
  }
  const y = Array.from(s.data);
  const folds: WalkForwardFold[] = [];
  for (let end = initialTrain; end + horizon <= s.length && folds.length < maxFolds; end += step) {
    const start = windowKind === 'expanding' ? 0 : end - initialTrain;
    const train = y.slice(start, end);
    const actual = y.slice(end, end + horizon);
    const model = await factory(folds.length);
    let forecast: number[];
    try {
      await model.fit(train);
      forecast = Array.from(await model.forecast(train, horizon));
    } finally {
      model.dispose?.();
    }
    if (forecast.length !== horizon) {
      throw new RangeError(`${where}: the forecaster of fold ${folds.length} must return ${horizon} values; received ${forecast.length}`);
    }
    folds.push({ trainStart: start, trainEnd: end, forecast, actual, metrics: forecastMetrics(actual, forecast, { insample: train, seasonLength }) });
  }
  const mean = { mae: 0, rmse: 0, mape: 0, smape: 0, mase: 0 };
  const keys = Object.keys(mean) as (keyof ForecastMetrics)[];
  for (const f of folds) for (const k of keys) mean[k] += f.metrics[k] / folds.length;
  return { folds, mean };
}
