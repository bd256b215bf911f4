// Typed-array code only (no tensors), so one run covers every backend.
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '@ml/core';
import { SGDClassifier, SGD_CLASSIFIER_DEFAULTS, type SGDLoss } from './sgd-classifier.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/linear.json';

const { X, y, XTest, yTest, cases } = fixture.sgd;

describe('SGDClassifier matches scikit-learn 1.2\'s accuracy (mean of 10 seeds, ±0.02)', () => {
  for (const c of cases) {
    it(`${c.loss}, ${c.penalty}`, () => {
      const accs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((seed) => new SGDClassifier({ loss: c.loss as SGDLoss, penalty: c.penalty as 'l2', randomState: seed }).fit(X, y).score(XTest, yTest));
      const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
      expect(Math.abs(mean - c.accuracy)).toBeLessThanOrEqual(0.02);
    });
  }
});

describe('SGDClassifier contract', () => {
  it('has sklearn defaults', () => {
    expect(SGD_CLASSIFIER_DEFAULTS).toMatchObject({ loss: 'hinge', penalty: 'l2', alpha: 0.0001, l1Ratio: 0.15, maxIter: 1000, tol: 0.001, nIterNoChange: 5, shuffle: true });
  });
  it('is deterministic per seed, stops early on tol, and runs maxIter epochs with tol null', () => {
    const a = new SGDClassifier({ randomState: 3 }).fit(X, y);
    const b = new SGDClassifier({ randomState: 3 }).fit(X, y);
    expect(a.coef).toEqual(b.coef);
    expect(a.nIter).toBeGreaterThan(5);
    expect(a.nIter).toBeLessThan(100);
    expect(new SGDClassifier({ tol: null, maxIter: 7 }).fit(X, y).nIter).toBe(7);
  });
  it('string labels, binary problems, probabilities and CSR input', () => {
    const names = ['a', 'b', 'c'];
    const ys = y.map((v) => names[v]);
    const m = new SGDClassifier({ loss: 'log_loss' }).fit(X, ys);
    expect(m.classes).toEqual(names);
    const proba = m.predictProba(XTest);
    proba.forEach((r) => expect(Math.abs(r.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12));
    const yb = y.map((v) => (v === 2 ? 'yes' : 'no'));
    const bin = new SGDClassifier({ loss: 'modified_huber' }).fit(X, yb);
    expect(bin.coef.length).toBe(1);
    const pb = bin.predictProba(XTest);
    expect(bin.predict(XTest)).toEqual(pb.map((r) => (r[1] > 0.5 ? 'yes' : 'no')).map((v, i) => (pb[i][1] === 0.5 ? bin.predict([XTest[i]])[0] : v)));
    const sparse = new SGDClassifier().fit(CsrMatrix.fromDense(X, { dtype: 'float64' }), y);
    const ref = cases.find((c) => c.loss === 'hinge' && c.penalty === 'l2')!.accuracy;
    expect(sparse.score(CsrMatrix.fromDense(XTest, { dtype: 'float64' }), yTest)).toBeGreaterThan(ref - 0.06);
  });
  it('rejects bad input and params, naming them', () => {
    expect(() => new SGDClassifier().predict(XTest)).toThrow(NotFittedError);
    expect(() => new SGDClassifier({ loss: 'squared' as SGDLoss }).fit(X, y)).toThrow(/'loss' must be one of 'hinge', 'log_loss', 'modified_huber'; received "squared"/);
    expect(() => new SGDClassifier({ alpha: 0 }).fit(X, y)).toThrow(/'alpha' must be a number > 0; received 0/);
    expect(() => new SGDClassifier().fit(X, y.slice(2))).toThrow(/'y' must have one label per row of 'X' \(600\); received 598/);
    expect(() => new SGDClassifier().fit(X, y).predictProba(XTest)).toThrow(/needs loss 'log_loss' or 'modified_huber'; received loss 'hinge'/);
    expect(() => new SGDClassifier().fit(X, y).predict([[1]])).toThrow(/must have 8 features.*received 1/);
  });
  it('round-trips through JSON', () => {
    const m = new SGDClassifier({ loss: 'log_loss', penalty: 'elasticnet' }).fit(X, y);
    const back = SGDClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba(XTest)).toEqual(m.predictProba(XTest));
    expect(back.nIter).toBe(m.nIter);
  });
});
