import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/softmax-regression.json';
import { fitSoftmaxRegression, softmaxProba } from './softmax-regression.js';

const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0) / v.length;

describe('SoftmaxRegression (internal)', () => {
  for (const c of fixture.cases) {
    it(`minimises scikit-learn 1.2's multinomial LogisticRegression objective: ${c.name}`, () => {
      const n = c.X.length;
      const f = c.X[0].length;
      const k = new Set(c.y).size;
      const X = Float64Array.from(c.X.flat());
      const fitted = fitSoftmaxRegression(X, Int32Array.from(c.y), n, f, k, { C: c.C, tol: 1e-10 });
      expect(fitted.converged).toBe(true);
      const proba = softmaxProba(X, n, f, fitted.coef, fitted.intercept);
      // Against the Newton-polished optimum (gradient < 1e-15) …
      c.proba.flat().forEach((p, i) => expect(Math.abs(proba[i] - p)).toBeLessThan(1e-6));
      c.coef.flat().forEach((w, i) => expect(Math.abs(fitted.coef[i] - w)).toBeLessThan(1e-6));
      // … whose unpenalised intercepts are unique only up to a shared constant.
      const mine = Array.from(fitted.intercept, (b) => b - mean(fitted.intercept));
      const theirs = c.intercept.map((b) => b - mean(c.intercept));
      mine.forEach((b, i) => expect(Math.abs(b - theirs[i])).toBeLessThan(1e-6));
      // … and against scikit-learn's own (less tightly converged) probabilities.
      c.sklearnProba.flat().forEach((p, i) => expect(Math.abs(proba[i] - p)).toBeLessThan(1e-4));
    });
  }
});
