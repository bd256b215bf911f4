import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { NotFittedError } from '../base/not-fitted-error.js';
import { PCA, PCA_DEFAULTS } from './pca.js';
import fixture from './__fixtures__/pca.json';

const tol = { rtol: 1e-6, atol: 1e-6 };

describe('PCA equals scikit-learn 1.2 (svd_solver full), signs included', () => {
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const p = c.params as { n_components?: number; whiten?: boolean };
      const m = new PCA({ nComponents: p.n_components ?? null, whiten: p.whiten ?? false });
      expect(m.fit(c.X)).toBe(m);
      expect(m.nComponents).toBe(c.nComponents);
      await assertClose(m.components, c.components, tol);
      await assertClose(m.explainedVariance, c.explainedVariance, tol);
      await assertClose(m.explainedVarianceRatio, c.explainedVarianceRatio, tol);
      await assertClose(m.singularValues, c.singularValues, tol);
      await assertClose(m.mean, c.mean, tol);
      await assertClose([m.noiseVariance], [c.noiseVariance], tol);
      await assertClose(m.transform(c.XTest), c.transform, tol);
      await assertClose(m.fitTransform(c.X), c.fitTransform, tol);
      await assertClose(m.inverseTransform(m.transform(c.XTest)), c.inverse, tol);
    });
  }

  it('has sklearn defaults, errors and a JSON round trip', () => {
    expect(PCA_DEFAULTS).toEqual({ nComponents: null, whiten: false });
    const { X, XTest } = fixture.cases[0];
    expect(() => new PCA().transform(XTest)).toThrow(NotFittedError);
    expect(() => new PCA({ nComponents: 7 }).fit(X)).toThrow(/'nComponents' must be null, an integer in \[1, 6\].*received 7/);
    expect(() => new PCA({ nComponents: 1.5 }).fit(X)).toThrow(/received 1.5/);
    expect(() => new PCA().fit([X[0]])).toThrow(/at least 2 rows.*received 1/);
    expect(() => new PCA().fit([[1, NaN], [2, 3]])).toThrow(/PCA.fit: 'X\[0\]\[1\]' must be a finite number/);
    const m = new PCA({ nComponents: 2, whiten: true }).fit(X);
    expect(() => m.inverseTransform([[1, 2, 3]])).toThrow(/'Z' must have 2 features.*received 3/);
    const back = PCA.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.transform(XTest)).toEqual(m.transform(XTest));
    expect(back.nSamples).toBe(50);
  });

  it('keeps a constant column out of every component', () => {
    const X = fixture.cases[0].X.map((r) => [...r, 4.25]);
    const m = new PCA({ nComponents: 6 }).fit(X);
    for (const row of m.components) expect(Math.abs(row[6])).toBeLessThan(1e-12);
  });
});
