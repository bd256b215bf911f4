// Pure array code, no tensors: runs once, not per backend.
import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { naiveForecast, NaiveForecaster } from './naive.js';
import { seasonalNaiveForecast, SeasonalNaiveForecaster } from './seasonal-naive.js';
import { movingAverageForecast, MovingAverageForecaster } from './moving-average.js';
import { driftForecast, DriftForecaster } from './drift.js';
import fixture from './__fixtures__/timeseries.json';

const tol = { rtol: 1e-12, atol: 1e-9 };
const { history, steps } = fixture.baselines;

describe('baseline forecasts equal the numpy reference', () => {
  it('naive, seasonal naive, moving average and drift', async () => {
    await assertClose(naiveForecast(history, steps), fixture.baselines.naive, tol);
    await assertClose(seasonalNaiveForecast(history, steps, { seasonLength: 12 }), fixture.baselines.seasonalNaive, tol);
    await assertClose(movingAverageForecast(history, steps, { window: 5 }), fixture.baselines.movingAverage5, tol);
    await assertClose(driftForecast(history, steps), fixture.baselines.drift, tol);
    await assertClose(new SeasonalNaiveForecaster({ seasonLength: 12 }).fit().forecast(history, steps), fixture.baselines.seasonalNaive, tol);
    await assertClose(new MovingAverageForecaster({ window: 5 }).fit().forecast(history, steps), fixture.baselines.movingAverage5, tol);
    await assertClose(new NaiveForecaster().fit().forecast(history, 2), fixture.baselines.naive.slice(0, 2), tol);
    await assertClose(new DriftForecaster().fit().forecast(history, 3), fixture.baselines.drift.slice(0, 3), tol);
  });

  it('seasonal naive by hand: repeats the last season', () => {
    expect(seasonalNaiveForecast([1, 2, 3, 4, 5], 5, { seasonLength: 2 })).toEqual([4, 5, 4, 5, 4]);
  });

  it('has clear errors', () => {
    expect(() => seasonalNaiveForecast([1, 2], 3, { seasonLength: 3 })).toThrow(/'history' must hold at least one season \(seasonLength = 3 steps\); received 2/);
    expect(() => naiveForecast([], 3)).toThrow(/'history' must hold at least 1 time steps; received 0/);
    expect(() => naiveForecast([1], 0)).toThrow(/'steps' must be an integer >= 1; received 0/);
    expect(() => driftForecast([1], 2)).toThrow(/'history' must hold at least 2 time steps/);
    expect(() => movingAverageForecast([1, 2], 1, { window: 3 })).toThrow(/'window' = 3 steps; received 2/);
    expect(() => naiveForecast([[1, 2]] as unknown as number[], 1)).toThrow(/'history' must be univariate/);
  });
});
