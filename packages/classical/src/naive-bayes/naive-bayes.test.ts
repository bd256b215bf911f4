import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '@ml/core';
import { assertClose } from '@ml/core/testing';
import { GaussianNB, GAUSSIAN_NB_DEFAULTS } from './gaussian-nb.js';
import { MultinomialNB } from './multinomial-nb.js';
import { ComplementNB } from './complement-nb.js';
import { BernoulliNB } from './bernoulli-nb.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/naive-bayes.json';

const tol = { rtol: 1e-6, atol: 1e-6 };

describe('GaussianNB equals scikit-learn 1.2', () => {
  for (const c of fixture.gaussian) {
    it(c.name, async () => {
      const p = c.params as { priors?: number[]; var_smoothing?: number };
      const m = new GaussianNB({ priors: p.priors ?? null, varSmoothing: p.var_smoothing ?? 1e-9 });
      if (c.batches !== undefined) {
        c.batches.forEach(([a, b], k) => {
          const Xb = c.X.slice(a, b).map((row) => row.map((v) => v * (1 + k)));
          m.partialFit(Xb, c.y.slice(a, b), k === 0 ? [0, 1, 2] : undefined);
        });
      } else {
        expect(m.fit(c.X, c.y)).toBe(m);
      }
      await assertClose(m.theta, c.theta, tol);
      await assertClose(m.var, c.var, tol);
      await assertClose(m.epsilon, c.epsilon, tol);
      expect(m.predict(c.XTest)).toEqual(c.predict);
      await assertClose(m.predictLogProba(c.XTest), c.logProba, tol);
      const proba = m.predictProba(c.XTest);
      await assertClose(proba.map((r) => r.reduce((a, b) => a + b, 0)), proba.map(() => 1), tol);
    });
  }

  it('has sklearn defaults, errors and JSON round trip', () => {
    expect(GAUSSIAN_NB_DEFAULTS).toEqual({ priors: null, varSmoothing: 1e-9 });
    const c = fixture.gaussian[1];
    expect(() => new GaussianNB().predict(c.XTest)).toThrow(NotFittedError);
    expect(() => new GaussianNB().fit(c.X, c.y.slice(1))).toThrow(/'y' must have one label per row of 'X' \(200\); received 199/);
    expect(() => new GaussianNB({ priors: [0.5, 0.6, 0.1] }).fit(c.X, c.y)).toThrow(/'priors' must sum to 1; received sum 1.2/);
    expect(() => new GaussianNB().fit([[0, NaN]], ['a'])).toThrow(/X\[0\]\[1\]' must be a finite number/);
    expect(() => new GaussianNB().fit(c.X, [...c.y.slice(1), 3 as unknown as string])).toThrow(/labels of one kind/);
    const m = new GaussianNB().fit(c.X, c.y);
    expect(() => m.partialFit([c.X[0]], ['fox'])).toThrow(/label "fox" \(y\[0\]\) is not one of the classes \["cat","dog","eel"\]/);
    expect(() => m.predict([[1, 2]])).toThrow(/must have 5 features.*received 2/);
    expect(() => new GaussianNB().partialFit(c.X, c.y)).toThrow(/'classes' must be given on the first call/);
    expect(() => m.predict(CsrMatrix.fromDense(c.XTest))).toThrow(/received a CsrMatrix/);
    const back = GaussianNB.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictLogProba(c.XTest)).toEqual(m.predictLogProba(c.XTest));
    expect(back.classes).toEqual(['cat', 'dog', 'eel']);
    expect(m.score(c.XTest, m.predict(c.XTest))).toBe(1);
  });
});

type Kind = 'multinomial' | 'complement' | 'bernoulli';
function make(kind: Kind, p: Record<string, unknown>): MultinomialNB | ComplementNB | BernoulliNB {
  const common = {
    alpha: (p.alpha as number | undefined) ?? 1,
    fitPrior: (p.fit_prior as boolean | undefined) ?? true,
    classPrior: (p.class_prior as number[] | undefined) ?? null,
  };
  if (kind === 'multinomial') return new MultinomialNB(common);
  if (kind === 'complement') return new ComplementNB({ ...common, norm: (p.norm as boolean | undefined) ?? false });
  return new BernoulliNB({ ...common, binarize: 'binarize' in p ? (p.binarize as number | null) : 0 });
}

describe('discrete naive Bayes equals scikit-learn 1.2 on a count matrix (dense and CSR)', () => {
  for (const c of fixture.discrete) {
    it(`${c.kind} ${JSON.stringify(c.params)}`, async () => {
      for (const sparse of [false, true]) {
        const m = make(c.kind as Kind, c.params);
        const X = sparse ? CsrMatrix.fromDense(c.X) : c.X;
        const XTest = sparse ? CsrMatrix.fromDense(c.XTest) : c.XTest;
        m.fit(X, c.y);
        await assertClose(m.featureLogProb, c.featureLogProb, tol);
        await assertClose(m.classLogPrior, c.classLogPrior, tol);
        expect(m.predict(XTest)).toEqual(c.predict);
        await assertClose(m.predictLogProba(XTest), c.logProba, tol);
      }
    });
  }

  it('MultinomialNB.partialFit in batches', async () => {
    const c = fixture.multinomialPartial;
    const m = new MultinomialNB().partialFit(c.X.slice(0, 30), c.y.slice(0, 30), [0, 1, 2]).partialFit(c.X.slice(30), c.y.slice(30));
    await assertClose(m.featureLogProb, c.featureLogProb, tol);
    expect(m.predict(c.XTest)).toEqual(c.predict);
    await assertClose(m.predictLogProba(c.XTest), c.logProba, tol);
  });

  it('rejects negative counts and negative binarize on CSR, round-trips JSON', () => {
    const c = fixture.discrete[0];
    expect(() => new MultinomialNB().fit([[1, -1]], [0])).toThrow(/non-negative counts.*-1/);
    expect(() => new ComplementNB().fit(CsrMatrix.fromDense([[1, -2]]), [0])).toThrow(/non-negative counts.*-2/);
    expect(() => new BernoulliNB({ binarize: -1 }).fit(CsrMatrix.fromDense([[1, 0]]), [0])).toThrow(/'binarize' must be >= 0 for a CsrMatrix/);
    expect(() => new MultinomialNB({ alpha: -1 }).fit(c.X, c.y)).toThrow(/'alpha' must be a number >= 0; received -1/);
    expect(() => new MultinomialNB().featureLogProb).toThrow(NotFittedError);
    for (const [M, m] of [
      [MultinomialNB, new MultinomialNB({ alpha: 0.5 }).fit(c.X, c.y)],
      [ComplementNB, new ComplementNB({ norm: true }).fit(c.X, c.y)],
      [BernoulliNB, new BernoulliNB({ binarize: 2 }).fit(c.X, c.y)],
    ] as const) {
      const back = M.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(back.predictLogProba(c.XTest)).toEqual(m.predictLogProba(c.XTest));
      expect(back.params).toEqual(m.params);
    }
    expect(() => MultinomialNB.fromJSON(new BernoulliNB().toJSON())).toThrow(/'format' must be 'ml-classical\/multinomial-nb'/);
  });
});
