// Pure array code, no tensors: runs once, not per backend.
import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { SeriesStandardScaler } from './series-standard-scaler.js';
import { SeriesMinMaxScaler, SERIES_MIN_MAX_SCALER_DEFAULTS } from './series-min-max-scaler.js';
import { windowTrainTest } from './window-train-test.js';
import { NotFittedError } from '@ml/text';
import { NotFittedError as SeriesNotFittedError } from './not-fitted-error.js';
import fixture from './__fixtures__/timeseries.json';

const tol = { rtol: 1e-9, atol: 1e-9 };
const { train, test } = fixture.scalers;

describe('series scalers equal scikit-learn 1.2 fitted on the training part', () => {
  it('SeriesStandardScaler', async () => {
    const s = new SeriesStandardScaler().fit(train);
    await assertClose(s.params.offset, fixture.scalers.standard.mean, tol);
    await assertClose(s.params.scale, fixture.scalers.standard.scale, tol);
    await assertClose(s.transform(test), fixture.scalers.standard.test, tol);
    await assertClose(s.inverseTransform(s.transform(test)), test, tol);
    await assertClose(s.inverseTransformColumn([0, 1], 1), [s.params.offset[1], s.params.offset[1] + s.params.scale[1]], tol);
    const back = SeriesStandardScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    await assertClose(back.transform(test), fixture.scalers.standard.test, tol);
  });

  it('SeriesMinMaxScaler', async () => {
    expect(SERIES_MIN_MAX_SCALER_DEFAULTS.featureRange).toEqual([0, 1]);
    const s = new SeriesMinMaxScaler({ featureRange: [-1, 1] }).fit(train);
    await assertClose(s.transform(test), fixture.scalers.minmax.test, tol);
    await assertClose(s.inverseTransform(s.transform(test)), test, tol);
    const back = SeriesMinMaxScaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(back.featureRange).toEqual([-1, 1]);
    await assertClose(back.transform(test), fixture.scalers.minmax.test, tol);
  });

  it('scales a univariate series and treats a constant series', () => {
    const s = new SeriesStandardScaler().fit([5, 5, 5]);
    expect(s.transform([5, 6])).toEqual([0, 1]);
    expect(new SeriesMinMaxScaler().fit([2, 2]).transform([2, 3])).toEqual([0, 1]);
  });

  it('has clear errors', () => {
    expect(() => new SeriesStandardScaler().transform([1])).toThrow(NotFittedError);
    expect(() => new SeriesStandardScaler().transform([1])).toThrow(SeriesNotFittedError);
    expect(() => new SeriesStandardScaler().fit([[1, 2]]).transform([[1, 2, 3]])).toThrow(/'series' must have 2 feature\(s\) as in fit; received 3/);
    expect(() => new SeriesMinMaxScaler({ featureRange: [1, 0] }).fit([1, 2])).toThrow(/'featureRange' must be \[a, b\] with finite a < b/);
    expect(() => SeriesStandardScaler.fromJSON({ format: 'other' })).toThrow(/format 'ml-sequence\/series-standard-scaler'/);
  });
});

describe('windowTrainTest: no leakage from the test part', () => {
  const series = Array.from({ length: 40 }, (_, t) => 10 + t + 3 * Math.sin(t));

  it('fits the scaler on the training part only; changing the test part changes neither the fit nor the training windows', () => {
    const a = windowTrainTest(series, { lookback: 4, horizon: 2, testSize: 10, scaler: 'standard' });
    const perturbed = series.map((v, t) => (t >= 30 ? v * 100 + 1e4 : v));
    const b = windowTrainTest(perturbed, { lookback: 4, horizon: 2, testSize: 10, scaler: 'standard' });
    expect(a.testStart).toBe(30);
    expect(b.scaler?.params).toEqual(a.scaler?.params);
    expect(a.scaler?.params).toEqual(new SeriesStandardScaler().fit(series.slice(0, 30)).params);
    expect(Array.from(b.train.inputs.data)).toEqual(Array.from(a.train.inputs.data));
    expect(Array.from(b.train.targets.data)).toEqual(Array.from(a.train.targets.data));
    // the test targets did change: the perturbation is visible where it belongs
    expect(Array.from(b.test.targets.data)).not.toEqual(Array.from(a.test.targets.data));
  });

  it('puts every training target before testStart and every test target inside the test part', () => {
    const w = windowTrainTest(series, { lookback: 4, horizon: 3, testSize: 10, scaler: 'minmax' });
    const maxTrainTarget = Math.max(...w.train.targetStart) + 3 - 1;
    expect(maxTrainTarget).toBe(29);
    expect(Array.from(w.test.targetStart)).toEqual([30, 31, 32, 33, 34, 35, 36, 37]);
    // test window 0 looks back into the training part: steps 26..29, scaled with the train fit
    const s = w.scaler as SeriesMinMaxScaler;
    expect(s.inverseTransformColumn(Array.from(w.test.inputs.data.subarray(0, 4))).map((v) => Number(v.toFixed(4))))
      .toEqual(series.slice(26, 30).map((v) => Number(v.toFixed(4))));
    expect(() => windowTrainTest(series, { lookback: 30, testSize: 10 })).toThrow(/training part must hold at least lookback \+ horizon = 31 steps; received 30/);
    expect(() => windowTrainTest(series, { lookback: 3, testSize: 10, scaler: 'robust' as 'none' })).toThrow(/'scaler' must be 'standard', 'minmax', 'none' or a SeriesScaler; received "robust"/);
  });
});
