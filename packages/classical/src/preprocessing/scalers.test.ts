import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { NotFittedError } from '../base/not-fitted-error.js';
import { MinMaxScaler, MIN_MAX_SCALER_DEFAULTS } from './min-max-scaler.js';
import { StandardScaler, STANDARD_SCALER_DEFAULTS } from './standard-scaler.js';
import fixture from './__fixtures__/preprocessing.json';

const tol = { rtol: 1e-6, atol: 1e-6 };
const { XTrain, XTest } = fixture.scalers;

describe('StandardScaler equals scikit-learn 1.2', () => {
  for (const c of fixture.scalers.standard) {
    it(JSON.stringify(c.params), async () => {
      const p = c.params as { with_mean?: boolean; with_std?: boolean };
      const m = new StandardScaler({ withMean: p.with_mean ?? true, withStd: p.with_std ?? true });
      expect(m.fit(XTrain)).toBe(m);
      if (c.mean === null) expect(m.mean).toBeNull();
      else await assertClose(m.mean as number[], c.mean, tol);
      if (c.var === null) expect(m.var).toBeNull();
      else await assertClose(m.var as number[], c.var, tol);
      if (c.scale === null) expect(m.scale).toBeNull();
      else await assertClose(m.scale as number[], c.scale, tol);
      await assertClose(m.transform(XTest), c.transform, tol);
      await assertClose(m.inverseTransform(m.transform(XTest)), XTest, tol);
    });
  }

  it('merges partialFit batches as sklearn, and handles a constant column and a single sample', async () => {
    const m = new StandardScaler().partialFit(XTrain.slice(0, 12)).partialFit(XTrain.slice(12));
    await assertClose(m.mean as number[], fixture.scalers.standardPartial.mean, tol);
    await assertClose(m.var as number[], fixture.scalers.standardPartial.var, tol);
    await assertClose(m.scale as number[], fixture.scalers.standardPartial.scale, tol);
    expect(m.nSamplesSeen).toBe(30);
    expect((m.scale as number[])[2]).toBe(1); // the constant column
    const s = new StandardScaler().fit(XTrain.slice(0, 1));
    await assertClose(s.scale as number[], fixture.scalers.standardSingle.scale, tol);
    await assertClose(s.transform(XTest.slice(0, 2)), fixture.scalers.standardSingle.transform, tol);
  });

  it('has sklearn defaults, errors and a JSON round trip', () => {
    expect(STANDARD_SCALER_DEFAULTS).toEqual({ withMean: true, withStd: true });
    expect(() => new StandardScaler().transform(XTest)).toThrow(NotFittedError);
    expect(() => new StandardScaler().fit([[1, NaN]])).toThrow(/StandardScaler.fit: 'X\[0\]\[1\]' must be a finite number/);
    const m = new StandardScaler().fit(XTrain);
    expect(() => m.transform([[1, 2]])).toThrow(/must have 5 features.*received 2/);
    expect(() => m.partialFit([[1, 2]])).toThrow(/must have 5 features.*received 2/);
    expect(() => new StandardScaler({ withStd: 'yes' as unknown as boolean }).fit(XTrain)).toThrow(/'withStd' must be a boolean; received "yes"/);
    const back = StandardScaler.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.transform(XTest)).toEqual(m.transform(XTest));
    expect(back.nSamplesSeen).toBe(30);
    expect(() => StandardScaler.fromJSON({ format: 'other', version: 1 })).toThrow(/'format' must be 'ml-classical\/standard-scaler'/);
    expect(StandardScaler.fromJSON(new StandardScaler().toJSON()).toJSON().fitted).toBeNull();
  });
});

describe('MinMaxScaler equals scikit-learn 1.2', () => {
  for (const c of fixture.scalers.minMax) {
    it(JSON.stringify(c.params), async () => {
      const p = c.params as { feature_range?: [number, number]; clip?: boolean };
      const m = new MinMaxScaler({ featureRange: p.feature_range ?? [0, 1], clip: p.clip ?? false }).fit(XTrain);
      await assertClose(m.dataMin, c.dataMin, tol);
      await assertClose(m.dataMax, c.dataMax, tol);
      await assertClose(m.dataRange, c.dataRange, tol);
      await assertClose(m.scale, c.scale, tol);
      await assertClose(m.min, c.min, tol);
      const Xs = XTest.map((r) => r.map((v) => v * 1.5));
      await assertClose(m.transform(Xs), c.transform, tol);
      if (p.clip !== true) await assertClose(m.inverseTransform(m.transform(Xs)), Xs, tol);
    });
  }

  it('has sklearn defaults, partialFit, errors and a JSON round trip', () => {
    expect(MIN_MAX_SCALER_DEFAULTS).toEqual({ featureRange: [0, 1], clip: false });
    const whole = new MinMaxScaler().fit(XTrain);
    const parts = new MinMaxScaler().partialFit(XTrain.slice(0, 7)).partialFit(XTrain.slice(7));
    expect(parts.scale).toEqual(whole.scale);
    expect(parts.nSamplesSeen).toBe(30);
    expect(() => new MinMaxScaler().min).toThrow(NotFittedError);
    expect(() => new MinMaxScaler({ featureRange: [1, 1] }).fit(XTrain)).toThrow(/'featureRange' must be \[lo, hi\] with finite lo < hi; received \[1,1\]/);
    expect(() => whole.transform([[1]])).toThrow(/must have 5 features.*received 1/);
    const back = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(whole.toJSON())));
    expect(back.transform(XTest)).toEqual(whole.transform(XTest));
  });
});
