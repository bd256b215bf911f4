import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { RandomForestClassifier, RANDOM_FOREST_CLASSIFIER_DEFAULTS, type RandomForestClassifierParams } from './random-forest-classifier.js';
import { RandomForestRegressor, RANDOM_FOREST_REGRESSOR_DEFAULTS, type RandomForestRegressorParams } from './random-forest-regressor.js';
import { nSamplesBootstrap } from './base-forest.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/forests.json';

interface ClfCase {
  params: RandomForestClassifierParams;
  proba: number[][];
  predict: number[];
  featureImportances: number[];
  nodeCounts: number[];
  seeds: number[];
  oobScore?: number;
  oobDecisionFunction?: number[][];
}
interface RegCase {
  params: RandomForestRegressorParams;
  predict: number[];
  featureImportances: number[];
  nodeCounts: number[];
  oobScore: number;
  oobPrediction: number[];
}

const { X, y, XTest, yReg } = fixture;
const tol = { rtol: 1e-9, atol: 1e-12 };

describe('RandomForestClassifier equals scikit-learn 1.2 for the same integer random_state', () => {
  for (const c of fixture.classifier as ClfCase[]) {
    it(JSON.stringify(c.params), async () => {
      const m = new RandomForestClassifier(c.params).fit(X, y);
      expect(m.treeSeeds).toEqual(c.seeds);
      expect(m.treeNodeCounts).toEqual(c.nodeCounts);
      expect(m.predict(XTest)).toEqual(c.predict);
      await assertClose(m.predictProba(XTest), c.proba, tol);
      await assertClose(m.featureImportances, c.featureImportances, tol);
      if (c.oobScore !== undefined) {
        expect(m.oobScore).toBeCloseTo(c.oobScore, 12);
        await assertClose(m.oobDecisionFunction, c.oobDecisionFunction as number[][], tol);
      }
    });
  }
});

describe('RandomForestRegressor equals scikit-learn 1.2 for the same integer random_state', () => {
  for (const c of fixture.regressor as RegCase[]) {
    it(JSON.stringify(c.params), async () => {
      const m = new RandomForestRegressor(c.params).fit(X, yReg);
      expect(m.treeNodeCounts).toEqual(c.nodeCounts);
      await assertClose(m.predict(XTest), c.predict, { rtol: 1e-9, atol: 1e-9 });
      await assertClose(m.featureImportances, c.featureImportances, { rtol: 1e-8, atol: 1e-11 });
      expect(m.oobScore).toBeCloseTo(c.oobScore, 9);
      await assertClose(m.oobPrediction, c.oobPrediction, { rtol: 1e-9, atol: 1e-9 });
    });
  }
});

describe('random forest contract', () => {
  it('has sklearn 1.2 defaults (sqrt features for classification, all for regression)', () => {
    expect(RANDOM_FOREST_CLASSIFIER_DEFAULTS).toMatchObject({ nEstimators: 100, criterion: 'gini', maxFeatures: 'sqrt', bootstrap: true, oobScore: false, maxSamples: null, randomState: 0 });
    expect(RANDOM_FOREST_REGRESSOR_DEFAULTS).toMatchObject({ nEstimators: 100, criterion: 'squared_error', maxFeatures: null, bootstrap: true });
  });

  it('bootstrap size follows sklearn (round half to even, at least 1)', () => {
    expect(nSamplesBootstrap('f', 10, null)).toBe(10);
    expect(nSamplesBootstrap('f', 10, 0.25)).toBe(2); // round(2.5) = 2
    expect(nSamplesBootstrap('f', 10, 0.35)).toBe(4); // round(3.5) = 4
    expect(nSamplesBootstrap('f', 10, 0.01)).toBe(1);
    expect(() => nSamplesBootstrap('f', 10, 11)).toThrow(/'maxSamples' must be <= the number of rows \(10\); received 11/);
  });

  it('throws before fit and on bad params', () => {
    expect(() => new RandomForestClassifier().predict(XTest)).toThrow(NotFittedError);
    expect(() => new RandomForestClassifier({ bootstrap: false, oobScore: true }).fit(X, y)).toThrow(/'oobScore' needs 'bootstrap' true/);
    expect(() => new RandomForestClassifier({ bootstrap: false, maxSamples: 0.5 }).fit(X, y)).toThrow(/'maxSamples' must be null when 'bootstrap' is false/);
    expect(() => new RandomForestRegressor({ nEstimators: 0 }).fit(X, yReg)).toThrow(/'nEstimators' must be an integer >= 1; received 0/);
    const m = new RandomForestClassifier({ nEstimators: 3 }).fit(X, y);
    expect(() => m.oobScore).toThrow(/needs the model fitted with oobScore: true/);
  });

  it('string labels, balanced_subsample, estimators and JSON round trip', () => {
    const names = y.map((k) => ['ant', 'bee', 'cow'][k]);
    const m = new RandomForestClassifier({ nEstimators: 7, classWeight: 'balanced_subsample', oobScore: true, randomState: 4 }).fit(X, names);
    expect(m.classes).toEqual(['ant', 'bee', 'cow']);
    expect(m.score(X, names)).toBeGreaterThan(0.95);
    expect(m.oobScore).toBeGreaterThan(0.6);
    const trees = m.estimators;
    expect(trees).toHaveLength(7);
    // The forest's probability is the mean of its trees' probabilities.
    const mean = XTest.slice(0, 4).map((_, i) => [0, 1, 2].map((c) => trees.reduce((s, t) => s + t.predictProba(XTest.slice(0, 4))[i][c], 0) / 7));
    expect(m.predictProba(XTest.slice(0, 4))).toEqual(mean);
    const back = RandomForestClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba(XTest)).toEqual(m.predictProba(XTest));
    expect(back.oobScore).toBe(m.oobScore);
    const r = new RandomForestRegressor({ nEstimators: 4, maxDepth: 5 }).fit(X, yReg);
    const rBack = RandomForestRegressor.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(rBack.predict(XTest)).toEqual(r.predict(XTest));
    expect(r.estimators[0].depth).toBeLessThanOrEqual(5);
    expect(() => RandomForestRegressor.fromJSON(m.toJSON())).toThrow(/'format' must be 'ml-classical\/random-forest-regressor'/);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = new RandomForestClassifier({ nEstimators: 5, randomState: 11 }).fit(X, y);
    const b = new RandomForestClassifier({ nEstimators: 5, randomState: 11 }).fit(X, y);
    const c = new RandomForestClassifier({ nEstimators: 5, randomState: 12 }).fit(X, y);
    expect(a.predictProba(XTest)).toEqual(b.predictProba(XTest));
    expect(a.treeSeeds).not.toEqual(c.treeSeeds);
  });
});
