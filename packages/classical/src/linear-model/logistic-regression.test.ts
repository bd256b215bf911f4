// Typed-array code only (no tensors), so one run covers every backend.
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '@ml/core';
import { assertClose } from '@ml/core/testing';
import { LogisticRegression, LOGISTIC_REGRESSION_DEFAULTS, type LogisticRegressionParams } from './logistic-regression.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/linear.json';

type Case = (typeof fixture.logistic)[number];

function make(c: Case, extra: LogisticRegressionParams = {}): LogisticRegression {
  return new LogisticRegression({ ...(c.params as LogisticRegressionParams), ...extra });
}
function input(c: Case, X: number[][]): number[][] | CsrMatrix {
  return c.sparse ? CsrMatrix.fromDense(X, { dtype: 'float64' }) : X;
}

describe('LogisticRegression converges to scikit-learn 1.2\'s optimum', () => {
  for (const c of fixture.logistic) {
    it(c.name, () => {
      const saga = c.params.solver === 'saga';
      const m = make(c, saga ? { tol: 1e-9, maxIter: 20000 } : { tol: 1e-9, maxIter: 5000 });
      expect(m.fit(input(c, c.X), c.y, c.sampleWeight ?? undefined)).toBe(m);
      expect(m.classes).toEqual(c.classes);
      const scale = Math.max(...c.coef.flat().map(Math.abs));
      const tol = 1e-4; // relative to the largest coefficient (lbfgs also stops on scipy's relative f decrease 2.2e-9)
      assertCloseSync(m.coef.flat(), c.coef.flat(), tol * scale);
      assertCloseSync(m.intercept, c.intercept, tol * scale);
      assertCloseSync(m.predictProba(input(c, c.XTest)).flat(), c.predictProba.flat(), 1e-4);
      assertCloseSync(m.decisionFunction(input(c, c.XTest)).flat(), c.decision.flat(), tol * scale * 10);
      expect(m.predict(input(c, c.XTest))).toEqual(c.predict);
      // sklearn's defaults (tol 1e-4, maxIter 100): the same predictions
      const d = make(c).fit(input(c, c.X), c.y, c.sampleWeight ?? undefined);
      const pred = d.predict(input(c, c.XTest));
      if (saga) {
        // saga at tol 1e-4 stops short of the optimum along a seed-dependent path: near-boundary rows may differ
        expect(pred.filter((p, i) => p === c.defaultPredict[i]).length).toBeGreaterThanOrEqual(0.95 * pred.length);
      } else {
        expect(pred).toEqual(c.defaultPredict);
      }
      expect(d.nIter.length).toBe(c.defaultNIter.length);
    });
  }
});

function assertCloseSync(a: number[], b: number[], atol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThanOrEqual(atol);
}

describe('LogisticRegression contract', () => {
  const c = fixture.logistic[0];
  it('has sklearn defaults', () => {
    expect(LOGISTIC_REGRESSION_DEFAULTS).toMatchObject({ penalty: 'l2', C: 1, solver: 'lbfgs', tol: 1e-4, maxIter: 100, fitIntercept: true, multiClass: 'auto' });
  });
  it('lbfgs iteration counts are close to scipy\'s at sklearn\'s defaults', () => {
    for (const k of fixture.logistic.filter((x) => x.params.solver === 'lbfgs')) {
      const d = make(k).fit(input(k, k.X), k.y, k.sampleWeight ?? undefined);
      d.nIter.forEach((it, j) => expect(Math.abs(it - k.defaultNIter[j])).toBeLessThanOrEqual(Math.max(4, 0.5 * k.defaultNIter[j])));
    }
  });
  it('rejects bad input and params, naming them', () => {
    expect(() => new LogisticRegression().predict(c.XTest)).toThrow(NotFittedError);
    expect(() => new LogisticRegression().coef).toThrow(NotFittedError);
    expect(() => new LogisticRegression().fit(c.X, c.y.slice(1))).toThrow(/'y' must have one label per row of 'X' \(180\); received 179/);
    expect(() => new LogisticRegression().fit([[0, NaN]], ['a'])).toThrow(/X\[0\]\[1\]' must be a finite number/);
    expect(() => new LogisticRegression().fit(c.X, c.X.map(() => 'a'))).toThrow(/at least 2 classes/);
    expect(() => new LogisticRegression({ penalty: 'l1' }).fit(c.X, c.y)).toThrow(/solver 'lbfgs' supports only penalty 'l2' or 'none'; received penalty 'l1'/);
    expect(() => new LogisticRegression({ penalty: 'elasticnet', solver: 'saga' }).fit(c.X, c.y)).toThrow(/'l1Ratio' must be a number in \[0, 1\]/);
    expect(() => new LogisticRegression({ C: 0 }).fit(c.X, c.y)).toThrow(/'C' must be a number > 0; received 0/);
    expect(() => new LogisticRegression({ classWeight: { fox: 2 } }).fit(c.X, c.y)).toThrow(/'classWeight' key "fox" is not one of the classes/);
    expect(() => new LogisticRegression().fit(c.X, c.y, [1, 2])).toThrow(/'sampleWeight' must have one weight per row of 'X' \(180\); received 2/);
    const m = new LogisticRegression().fit(c.X, c.y);
    expect(() => m.predict([[1, 2]])).toThrow(/must have 6 features.*received 2/);
    expect(m.score(c.XTest, m.predict(c.XTest))).toBe(1);
  });
  it('round-trips through JSON', () => {
    for (const k of [fixture.logistic[2], fixture.logistic[6]]) {
      const m = make(k).fit(k.X, k.y);
      const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(back.predictProba(k.XTest)).toEqual(m.predictProba(k.XTest));
      expect(back.params).toEqual(m.params);
    }
    expect(() => LogisticRegression.fromJSON({ format: 'x', version: 1 })).toThrow(/'format' must be 'ml-classical\/logistic-regression'/);
  });
  it('sample weights equal repeated rows', () => {
    const w = c.X.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const Xr = c.X.flatMap((r, i) => (w[i] === 2 ? [r, r] : [r]));
    const yr = c.y.flatMap((l, i) => (w[i] === 2 ? [l, l] : [l]));
    const a = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(c.X, c.y, w);
    const b = new LogisticRegression({ tol: 1e-10, maxIter: 1000 }).fit(Xr, yr);
    assertCloseSync(a.coef.flat(), b.coef.flat(), 1e-6);
  });
});
