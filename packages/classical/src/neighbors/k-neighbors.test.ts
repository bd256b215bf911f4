import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { KNeighborsRegressor } from './k-neighbors-regressor.js';
import { NEIGHBORS_DEFAULTS } from './neighbors-base.js';
import type { MetricName } from './metric.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/neighbors.json';

const ALGORITHMS = ['brute', 'kd_tree', 'ball_tree', 'auto'] as const;

describe('k-nearest neighbours equal scikit-learn 1.2 (distinct distances)', () => {
  const g = fixture.general;
  for (const c of g.cases) {
    for (const algorithm of ALGORITHMS) {
      if (c.metric === 'cosine' && (algorithm === 'kd_tree' || algorithm === 'ball_tree')) continue;
      it(`${c.metric} p=${c.p} ${c.weights} ${algorithm}`, async () => {
        const params = { nNeighbors: 5, weights: c.weights as 'uniform' | 'distance', metric: c.metric as MetricName, p: c.p, algorithm, leafSize: 8 };
        const clf = new KNeighborsClassifier(params).fit(g.X, g.y);
        const { distances, indices } = clf.kneighbors(g.XTest);
        expect(indices).toEqual(c.indices);
        await assertClose(distances, c.distances, { rtol: 1e-9, atol: 1e-12 });
        expect(clf.predict(g.XTest)).toEqual(c.predict);
        await assertClose(clf.predictProba(g.XTest), c.proba, { rtol: 1e-9, atol: 1e-12 });
        const reg = new KNeighborsRegressor(params).fit(g.X, g.yReg);
        await assertClose(reg.predict(g.XTest), c.regPredict, { rtol: 1e-9, atol: 1e-12 });
      });
    }
  }

  it('kneighbors() without X excludes each training row itself', async () => {
    const clf = new KNeighborsClassifier({ nNeighbors: 3 }).fit(g.X, g.y);
    const { distances, indices } = clf.kneighbors();
    expect(indices).toEqual(g.selfIndices);
    await assertClose(distances, g.selfDistances, { rtol: 1e-9, atol: 1e-12 });
  });
});

describe('k-nearest neighbours with ties and duplicate points', () => {
  const t = fixture.ties;
  for (const c of t.cases) {
    for (const algorithm of ALGORITHMS) {
      it(`k=${c.k} ${c.weights} ${algorithm}: equal distances list the lower training index first`, async () => {
        const clf = new KNeighborsClassifier({ nNeighbors: c.k, weights: c.weights as 'uniform' | 'distance', algorithm, leafSize: 3 }).fit(t.X, t.y);
        const { distances, indices } = clf.kneighbors(t.XTest);
        // sklearn's sorted distances are the same whatever its tie order
        await assertClose(distances, c.distances, { rtol: 1e-12, atol: 1e-12 });
        expect(indices).toEqual(c.ruleIndices);
        const pred = clf.predict(t.XTest);
        expect(pred).toEqual(c.rulePredict);
        // where the neighbour set is unique, sklearn's prediction is determined: it must match
        c.uniqueSet.forEach((unique, r) => {
          if (unique) expect(pred[r]).toBe(c.predict[r]);
        });
      });
    }
  }

  it('the k-d tree really prunes', () => {
    const X: number[][] = [];
    for (let i = 0; i < 4000; i++) X.push([Math.sin(i * 12.9898) * 43758.5453 % 1, Math.sin(i * 78.233) * 12345.678 % 1]);
    const clf = new KNeighborsClassifier({ algorithm: 'kd_tree', leafSize: 10 }).fit(X, X.map((_, i) => i % 2));
    const tree = (clf as unknown as { fitState: { tree: { lastVisited: number; query: unknown } } }).fitState.tree;
    clf.kneighbors([[0.1, 0.2]]);
    // 4000 points in leaves of ≤ 10 give ~1000 nodes; a 5-NN query should touch a few dozen.
    expect(tree.lastVisited).toBeGreaterThan(0);
    expect(tree.lastVisited).toBeLessThan(60);
  });
});

describe('k-nearest neighbours contract', () => {
  const g = fixture.general;
  it('has sklearn defaults and picks the algorithm as sklearn', () => {
    expect(NEIGHBORS_DEFAULTS).toEqual({ nNeighbors: 5, weights: 'uniform', algorithm: 'auto', leafSize: 30, p: 2, metric: 'minkowski' });
    expect(new KNeighborsClassifier().fit(g.X, g.y).fitMethod).toBe('kd_tree');
    expect(new KNeighborsClassifier({ metric: 'cosine' }).fit(g.X, g.y).fitMethod).toBe('brute');
    expect(new KNeighborsClassifier({ algorithm: 'ball_tree' }).fit(g.X, g.y).fitMethod).toBe('ball_tree');
    expect(new KNeighborsRegressor({ algorithm: 'ball_tree' }).fit(g.X, g.yReg).fitMethod).toBe('ball_tree');
    const wide = g.X.map((r) => [...r, ...r, ...r, ...r, 1]);
    expect(new KNeighborsClassifier().fit(wide, g.y).fitMethod).toBe('brute');
  });

  it('errors clearly', () => {
    expect(() => new KNeighborsClassifier().predict(g.XTest)).toThrow(NotFittedError);
    expect(() => new KNeighborsRegressor().kneighbors(g.XTest)).toThrow(/KNeighborsRegressor: 'kneighbors' needs a fitted estimator/);
    expect(() => new KNeighborsClassifier({ nNeighbors: 0 }).fit(g.X, g.y)).toThrow(/'nNeighbors' must be an integer >= 1; received 0/);
    expect(() => new KNeighborsClassifier({ metric: 'cosine', algorithm: 'kd_tree' }).fit(g.X, g.y)).toThrow(/'cosine' is not valid for algorithm 'kd_tree'/);
    expect(() => new KNeighborsClassifier({ metric: 'cosine', algorithm: 'ball_tree' }).fit(g.X, g.y)).toThrow(/'cosine' is not valid for algorithm 'ball_tree'/);
    expect(() => new KNeighborsClassifier({ algorithm: 'cover_tree' as 'auto' }).fit(g.X, g.y)).toThrow(/'algorithm' must be one of/);
    expect(() => new KNeighborsClassifier({ metric: 'chebyshev' as MetricName }).fit(g.X, g.y)).toThrow(/'metric' must be one of/);
    const clf = new KNeighborsClassifier({ nNeighbors: 200 }).fit(g.X, g.y);
    expect(() => clf.predict(g.XTest)).toThrow(/'nNeighbors' must be <= the number of training rows \(150\); received 200/);
    expect(() => new KNeighborsClassifier().fit(g.X, g.y).predict([[1, 2]])).toThrow(/must have 4 features.*received 2/);
    expect(() => new KNeighborsClassifier().fit([[1, NaN]], [0])).toThrow(/must be a finite number/);
    expect(() => new KNeighborsRegressor().fit(g.X, g.y.slice(1))).toThrow(/one target per row of 'X' \(150\); received 149/);
  });

  it('takes string labels and typed input, scores, round-trips JSON', () => {
    const names = g.y.map((v) => ['x', 'y', 'z'][v]);
    const data = { data: Float64Array.from(g.X.flat()), shape: [g.X.length, 4] as const };
    const clf = new KNeighborsClassifier({ weights: 'distance' }).fit(data, names);
    expect(clf.classes).toEqual(['x', 'y', 'z']);
    const pred = clf.predict(g.XTest);
    expect(clf.score(g.XTest, pred)).toBe(1);
    const back = KNeighborsClassifier.fromJSON(JSON.parse(JSON.stringify(clf.toJSON())));
    expect(back.predict(g.XTest)).toEqual(pred);
    const reg = new KNeighborsRegressor().fit(g.X, g.yReg);
    expect(KNeighborsRegressor.fromJSON(reg.toJSON()).predict(g.XTest)).toEqual(reg.predict(g.XTest));
    expect(reg.score(g.X, g.yReg)).toBeGreaterThan(0.5);
  });
});
