// Pure array code, no tensors: runs once, not per backend.
import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { meanAbsolutePercentageError, ZeroActualError } from './mean-absolute-percentage-error.js';
import { symmetricMeanAbsolutePercentageError } from './symmetric-mean-absolute-percentage-error.js';
import { meanAbsoluteScaledError } from './mean-absolute-scaled-error.js';
import { forecastMetrics } from './forecast-metrics.js';
import fixture from './__fixtures__/timeseries.json';

const tol = { rtol: 1e-10, atol: 1e-12 };

describe('forecast metrics equal scikit-learn 1.2 / numpy (Hyndman & Koehler 2006)', () => {
  for (const c of fixture.metrics) {
    it(`seasonLength ${c.seasonLength}`, async () => {
      await assertClose([meanAbsolutePercentageError(c.yTrue, c.yPred)], [c.mape], tol);
      await assertClose([symmetricMeanAbsolutePercentageError(c.yTrue, c.yPred)], [c.smape], tol);
      await assertClose([meanAbsoluteScaledError(c.yTrue, c.yPred, { insample: c.insample, seasonLength: c.seasonLength })], [c.mase], tol);
      const all = forecastMetrics(c.yTrue, c.yPred, { insample: c.insample, seasonLength: c.seasonLength });
      await assertClose([all.mae, all.rmse, all.mape, all.smape, all.mase], [c.mae, c.rmse, c.mape, c.smape, c.mase], tol);
    });
  }

  it('sMAPE counts 0/0 as no error and handles signs', async () => {
    const z = fixture.smapeZero;
    await assertClose([symmetricMeanAbsolutePercentageError(z.yTrue, z.yPred)], [z.smape], tol);
  });

  it('MASE by hand: the in-sample seasonal naive forecast itself scores 1', () => {
    const insample = [1, 5, 2, 6, 3, 7];
    // scale with m = 2: mean(|2-1|, |6-5|, |3-2|, |7-6|) = 1; an error of 2 everywhere gives MASE 2
    expect(meanAbsoluteScaledError([10, 10], [12, 8], { insample, seasonLength: 2 })).toBe(2);
  });

  it('names zeros in MAPE and degenerate MASE scales clearly', () => {
    expect(() => meanAbsolutePercentageError([1, 0, 2], [1, 1, 1])).toThrow(ZeroActualError);
    expect(() => meanAbsolutePercentageError([1, 0, 2], [1, 1, 1])).toThrow(/'yTrue\[1\]' is 0, where the percentage error \|y − ŷ\| \/ \|y\| is undefined/);
    expect(forecastMetrics([1, 0], [1, 1]).mape).toBeNaN();
    expect(forecastMetrics([1, 0], [1, 1]).mase).toBeNaN();
    expect(() => meanAbsoluteScaledError([1], [2], { insample: [3, 3, 3] })).toThrow(/in-sample naive MAE of 'insample' is 0/);
    expect(() => meanAbsoluteScaledError([1], [2], { insample: [1, 2], seasonLength: 2 })).toThrow(/'insample' must hold at least 3 time steps; received 2/);
    expect(() => symmetricMeanAbsolutePercentageError([1, 2], [1])).toThrow(/'yPred' must have the same length as 'yTrue' \(2\); received 1/);
  });
});
