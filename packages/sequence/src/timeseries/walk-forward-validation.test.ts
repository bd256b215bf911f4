// Pure array code with baseline forecasters, no tensors: runs once, not per backend.
import { describe, expect, it } from 'vitest';
import { walkForwardValidation } from './walk-forward-validation.js';
import { NaiveForecaster } from './naive.js';
import { SeasonalNaiveForecaster } from './seasonal-naive.js';
import { forecastMetrics } from './forecast-metrics.js';
import type { Forecaster } from './forecaster.js';

describe('walkForwardValidation', () => {
  const series = Array.from({ length: 30 }, (_, t) => 10 + t + [0, 3, -2][t % 3]);

  it('moves the origin by step, trains on the past only and averages the fold metrics', async () => {
    const seen: number[][] = [];
    const factory = (): Forecaster => ({
      fit(train) {
        seen.push(Array.from(train));
        return this;
      },
      forecast: (history, steps) => new NaiveForecaster().forecast(history, steps),
    });
    const r = await walkForwardValidation(factory, series, { initialTrain: 12, horizon: 4, step: 5, seasonLength: 3 });
    expect(r.folds.map((f) => f.trainEnd)).toEqual([12, 17, 22]);
    expect(seen.map((s) => s.length)).toEqual([12, 17, 22]);
    const f1 = r.folds[1];
    expect(f1.actual).toEqual(series.slice(17, 21));
    expect(f1.forecast).toEqual([series[16], series[16], series[16], series[16]]);
    expect(f1.metrics).toEqual(forecastMetrics(f1.actual, f1.forecast, { insample: series.slice(0, 17), seasonLength: 3 }));
    expect(r.mean.mae).toBeCloseTo((r.folds[0].metrics.mae + r.folds[1].metrics.mae + r.folds[2].metrics.mae) / 3, 12);
  });

  it('slides a fixed window, limits folds and ranks a good model above a poor one', async () => {
    const r = await walkForwardValidation(() => new SeasonalNaiveForecaster({ seasonLength: 3 }), series, { initialTrain: 9, horizon: 3, window: 'sliding', maxFolds: 2 });
    expect(r.folds.map((f) => [f.trainStart, f.trainEnd])).toEqual([[0, 9], [3, 12]]);
    const naive = await walkForwardValidation(() => new NaiveForecaster(), series, { initialTrain: 9, horizon: 3, seasonLength: 3 });
    const seasonal = await walkForwardValidation(() => new SeasonalNaiveForecaster({ seasonLength: 3 }), series, { initialTrain: 9, horizon: 3, seasonLength: 3 });
    expect(seasonal.mean.mase).toBeLessThan(naive.mean.mase);
  });

  it('disposes each fold model and checks its arguments', async () => {
    let disposed = 0;
    const factory = (): Forecaster => ({ fit() { return this; }, forecast: (_h, steps) => new Array(steps).fill(0), dispose: () => void disposed++ });
    const r = await walkForwardValidation(factory, series, { initialTrain: 20, horizon: 5 });
    expect(r.folds.length).toBe(2);
    expect(disposed).toBe(2);
    await expect(walkForwardValidation(factory, series, { initialTrain: 28, horizon: 5 })).rejects.toThrow(/at least initialTrain \+ horizon = 33 steps; received 30/);
    await expect(walkForwardValidation(() => ({ fit() { return this; }, forecast: () => [1] }), series, { initialTrain: 20, horizon: 5 }))
      .rejects.toThrow(/must return 5 values; received 1/);
  });
});
