// Typed-array code only (no tensors), so one run covers every backend.
import { describe, expect, it } from 'vitest';
import { LinearRegression, LINEAR_REGRESSION_DEFAULTS } from './linear-regression.js';
import { Ridge, RIDGE_DEFAULTS } from './ridge.js';
import { Lasso, LASSO_DEFAULTS } from './lasso.js';
import { ElasticNet, ELASTIC_NET_DEFAULTS } from './elastic-net.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/linear.json';

const reg = fixture.regression;

function close(a: number[], b: number[], rtol: number): void {
  expect(a.length).toBe(b.length);
  const scale = Math.max(1, ...b.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThanOrEqual(rtol * scale);
}

describe('LinearRegression equals scikit-learn 1.2', () => {
  for (const c of reg.linear) {
    it(c.name, () => {
      const m = new LinearRegression({ fitIntercept: c.fitIntercept }).fit(c.X, c.y, c.sampleWeight ?? undefined);
      close(m.coef, c.coef, 1e-9);
      close([m.intercept], [c.intercept], 1e-9);
      close(m.predict(c.XTest), c.predict, 1e-9);
      if ('rank' in c) expect(m.rank).toBe(c.rank);
      if ('singular' in c && c.singular !== undefined) close(m.singular, c.singular as number[], 1e-9);
    });
  }
});

describe('Ridge equals scikit-learn 1.2', () => {
  for (const c of reg.ridge) {
    for (const solver of ['auto', 'svd'] as const) {
      it(`${c.name} (${solver})`, () => {
        const m = new Ridge({ alpha: c.alpha, fitIntercept: c.fitIntercept, solver }).fit(c.X, c.y, c.sampleWeight ?? undefined);
        close(m.coef, c.coef, 1e-9);
        close([m.intercept], [c.intercept], 1e-9);
        close(m.predict(c.XTest), c.predict, 1e-9);
      });
    }
  }
  it('alpha 0 with collinear features falls back to the min-norm least squares', () => {
    const c = reg.linear.find((k) => k.name === 'rank-deficient')!;
    const m = new Ridge({ alpha: 0 }).fit(c.X, c.y);
    close(m.coef, c.coef, 1e-8);
  });
});

describe('Lasso and ElasticNet follow scikit-learn 1.2 step for step', () => {
  for (const c of reg.lasso) {
    it(`lasso ${c.name}`, () => {
      const m = new Lasso({ alpha: c.alpha, fitIntercept: c.fitIntercept }).fit(c.X, c.y);
      close(m.coef, c.coef, 1e-9);
      close([m.intercept], [c.intercept], 1e-9);
      close(m.predict(c.XTest), c.predict, 1e-9);
      expect(m.nIter).toBe(c.nIter);
      expect(Math.abs(m.dualGap - c.dualGap)).toBeLessThanOrEqual(1e-6 * Math.max(1, c.dualGap));
    });
  }
  for (const c of reg.elasticNet) {
    it(`elastic net ${c.name}`, () => {
      const m = new ElasticNet({ alpha: c.alpha, l1Ratio: c.l1Ratio }).fit(c.X, c.y);
      close(m.coef, c.coef, 1e-9);
      close(m.predict(c.XTest), c.predict, 1e-9);
      expect(m.nIter).toBe(c.nIter);
    });
  }
});

describe('regressor contract', () => {
  const c = reg.linear[0];
  it('has sklearn defaults', () => {
    expect(LINEAR_REGRESSION_DEFAULTS).toEqual({ fitIntercept: true });
    expect(RIDGE_DEFAULTS).toEqual({ alpha: 1, fitIntercept: true, solver: 'auto' });
    expect(LASSO_DEFAULTS).toEqual({ alpha: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4 });
    expect(ELASTIC_NET_DEFAULTS).toEqual({ alpha: 1, l1Ratio: 0.5, fitIntercept: true, maxIter: 1000, tol: 1e-4 });
  });
  it('rejects bad input and params, naming them', () => {
    expect(() => new LinearRegression().predict(c.XTest)).toThrow(NotFittedError);
    expect(() => new Lasso().coef).toThrow(NotFittedError);
    expect(() => new LinearRegression().fit(c.X, c.y.slice(1))).toThrow(/'y' must have one value per row of 'X' \(60\); received 59/);
    expect(() => new Ridge().fit([[0, NaN]], [1])).toThrow(/X\[0\]\[1\]' must be a finite number/);
    expect(() => new Ridge().fit([[0, 1]], [NaN])).toThrow(/'y\[0\]' must be a finite number; received NaN/);
    expect(() => new Ridge({ alpha: -1 }).fit(c.X, c.y)).toThrow(/'alpha' must be a number >= 0; received -1/);
    expect(() => new ElasticNet({ l1Ratio: 2 }).fit(c.X, c.y)).toThrow(/'l1Ratio' must be a number in \[0, 1\]; received 2/);
    expect(() => new LinearRegression().fit(c.X, c.y, [1])).toThrow(/'sampleWeight' must have one weight per row of 'X' \(60\); received 1/);
    const m = new LinearRegression().fit(c.X, c.y);
    expect(() => m.predict([[1, 2]])).toThrow(/must have 5 features.*received 2/);
    expect(m.score(c.X, m.predict(c.X))).toBe(1);
  });
  it('round-trips through JSON', () => {
    for (const m of [new LinearRegression().fit(c.X, c.y), new Ridge({ alpha: 3 }).fit(c.X, c.y), new Lasso({ alpha: 2 }).fit(c.X, c.y), new ElasticNet().fit(c.X, c.y)]) {
      const json = JSON.parse(JSON.stringify(m.toJSON()));
      const back = (m.constructor as unknown as { fromJSON(j: unknown): typeof m }).fromJSON(json);
      expect(back.predict(c.XTest)).toEqual(m.predict(c.XTest));
      expect(back.params).toEqual(m.params);
    }
    expect(() => Ridge.fromJSON(new Lasso().toJSON())).toThrow(/'format' must be 'ml-classical\/ridge'; received "ml-classical\/lasso"/);
  });
});
