// Typed-array estimators only (no tensors), so one run covers every backend.
import { describe, expect, it } from 'vitest';
import { CsrMatrix, KFold } from '@ml/core';
import { LogisticRegression } from '../linear-model/logistic-regression.js';
import { Ridge } from '../linear-model/ridge.js';
import { Lasso } from '../linear-model/lasso.js';
import { GaussianNB } from '../naive-bayes/gaussian-nb.js';
import { MultinomialNB } from '../naive-bayes/multinomial-nb.js';
import { KNeighborsClassifier } from '../neighbors/k-neighbors-classifier.js';
import { KMeans } from '../cluster/k-means.js';
import { StandardScaler } from '../preprocessing/standard-scaler.js';
import { PCA } from '../decomposition/pca.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { clone, getParams, isClassifier } from './estimator.js';
import { crossValScore } from './cross-val-score.js';
import { GridSearchCV, parameterGrid } from './grid-search-cv.js';
import fixture from './__fixtures__/selection.json';

const { X, y, yCodes, Xr, yr } = fixture;
const tight = { tol: 1e-10, maxIter: 2000 };

function close(a: number[], b: number[], atol: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(atol));
}

describe('crossValScore equals scikit-learn 1.2', () => {
  it('classifier: integer cv means StratifiedKFold', () => {
    close(crossValScore(new LogisticRegression(tight), X, y, { cv: 5, scoring: 'accuracy' }), fixture.cv.logisticAccuracy, 1e-12);
    close(crossValScore(new LogisticRegression(tight), X, y, { cv: 5, scoring: 'f1_macro' }), fixture.cv.logisticF1, 1e-9);
    close(crossValScore(new GaussianNB(), X, yCodes, { cv: 4 }), fixture.cv.gaussianNB, 1e-12);
  });
  it('an explicit KFold splitter, and the estimator\'s own score', () => {
    close(crossValScore(new LogisticRegression(tight), X, y, { cv: new KFold({ nSplits: 3 }) }), fixture.cv.logisticKFold3, 1e-12);
  });
  it('regressor: integer cv means KFold; r2 and neg_mean_squared_error', () => {
    close(crossValScore(new Ridge(), Xr, yr, { cv: 4 }), fixture.cv.ridgeDefault, 1e-9);
    close(crossValScore(new Ridge(), Xr, yr, { cv: 4, scoring: 'r2' }), fixture.cv.ridgeDefault, 1e-9);
    close(crossValScore(new Ridge(), Xr, yr, { cv: 4, scoring: 'neg_mean_squared_error' }), fixture.cv.ridgeMse, 1e-7);
  });
  it('takes {data, shape} and CsrMatrix inputs and fits fresh clones', () => {
    const dense = { data: Float64Array.from(X.flat()), shape: [X.length, 4] as [number, number] };
    close(crossValScore(new LogisticRegression(tight), dense, y, { cv: 5, scoring: 'accuracy' }), fixture.cv.logisticAccuracy, 1e-12);
    const counts = X.map((r) => r.map((v) => Math.round(Math.abs(v))));
    const m = new MultinomialNB();
    const a = crossValScore(m, CsrMatrix.fromDense(counts), yCodes, { cv: 3 });
    expect(a).toEqual(crossValScore(m, counts, yCodes, { cv: 3 }));
    expect(() => m.classes).toThrow(NotFittedError); // the original stays unfitted
  });
  it('rejects bad arguments, naming them', () => {
    expect(() => crossValScore(new Ridge(), Xr, yr.slice(1))).toThrow(/'y' must have one entry per row of 'X' \(90\); received 89/);
    expect(() => crossValScore(new Ridge(), Xr, yr, { cv: 1 })).toThrow(/'cv' must be an integer >= 2/);
    expect(() => crossValScore(new Ridge(), Xr, yr, { scoring: 'auc' as 'r2' })).toThrow(/'scoring' must be one of 'accuracy', 'f1_macro', 'r2', 'neg_mean_squared_error' or a function; received "auc"/);
  });
});

describe('GridSearchCV equals scikit-learn 1.2', () => {
  type G = Omit<(typeof fixture.grids)['ridge'], 'predict'>;
  function check(g: GridSearchCV, ref: G, atol: number): void {
    const r = g.cvResults;
    close(r.meanTestScore, ref.mean, atol);
    close(r.stdTestScore, ref.std, atol);
    expect(r.rankTestScore).toEqual(ref.rank);
    expect(g.bestIndex).toBe(ref.bestIndex);
    expect(Math.abs(g.bestScore - ref.bestScore)).toBeLessThanOrEqual(atol);
    expect(g.bestParams).toEqual(r.params[ref.bestIndex]);
  }
  it('tunes C inside a Pipeline (StandardScaler → LogisticRegression)', () => {
    const pipe = new Pipeline([['scale', new StandardScaler()], ['clf', new LogisticRegression(tight)]]);
    const g = new GridSearchCV(pipe, { clf__C: [0.01, 0.1, 1, 10] }, { cv: 5 }).fit(X, y);
    check(g, fixture.grids.pipelineC, 1e-12);
    expect(g.bestParams).toEqual({ clf__C: 10 });
    expect(g.predict(X.slice(0, 30))).toEqual(fixture.grids.pipelineC.predict);
    expect((g.bestEstimator.namedSteps.clf as LogisticRegression).params.C).toBe(10);
    expect((pipe.namedSteps.clf as LogisticRegression).params.C).toBe(1); // the template is untouched
  });
  it('kNN over two parameters with f1_macro (sklearn ParameterGrid order)', () => {
    const g = new GridSearchCV(new KNeighborsClassifier(), { nNeighbors: [1, 3, 5, 9], weights: ['uniform', 'distance'] }, { cv: 3, scoring: 'f1_macro' }).fit(X, yCodes);
    check(g, fixture.grids.knn, 1e-9);
    expect(g.cvResults.params[1]).toEqual({ nNeighbors: 1, weights: 'distance' });
    expect(g.predict(X.slice(0, 30))).toEqual(fixture.grids.knn.predict);
  });
  it('a list of grids for Ridge with neg_mean_squared_error', () => {
    const g = new GridSearchCV(new Ridge(), [{ alpha: [0.1, 10], fitIntercept: [true, false] }, { alpha: [1000] }], { cv: 3, scoring: 'neg_mean_squared_error' }).fit(Xr, yr);
    check(g, fixture.grids.ridge, 1e-7);
    close(g.predict(Xr.slice(0, 30)) as number[], fixture.grids.ridge.predict, 1e-8);
  });
  it('Lasso alpha with the default score (R²)', () => {
    const g = new GridSearchCV(new Lasso(), { alpha: [0.01, 0.1, 1, 10] }).fit(Xr, yr);
    check(g, fixture.grids.lasso, 1e-9);
  });
  it('nests in crossValScore (stratified folds, a fresh search per fold)', () => {
    const search = new GridSearchCV(new KNeighborsClassifier(), { nNeighbors: [1, 5] }, { cv: 3 });
    expect(isClassifier(search)).toBe(true);
    const scores = crossValScore(search, X, yCodes, { cv: 3 });
    expect(scores.length).toBe(3);
    expect(() => search.bestScore).toThrow(NotFittedError); // the template was cloned, never fitted
    const manual = crossValScore(new KNeighborsClassifier({ nNeighbors: 5 }), X, yCodes, { cv: 3 });
    scores.forEach((s) => expect(s).toBeGreaterThan(Math.min(...manual) - 0.15));
  });
  it('refit false, unknown parameters and use before fit', () => {
    const g = new GridSearchCV(new Ridge(), { alpha: [1, 2] }, { refit: false, cv: 3 }).fit(Xr, yr);
    expect(() => g.bestEstimator).toThrow(/needs refit: true/);
    expect(g.bestParams).toHaveProperty('alpha');
    expect(() => new GridSearchCV(new Ridge(), { beta: [1] }).fit(Xr, yr)).toThrow(/'beta' is not a parameter of Ridge; valid parameters are 'alpha', 'fitIntercept', 'solver'/);
    expect(() => new GridSearchCV(new Ridge(), { alpha: [] }).fit(Xr, yr)).toThrow(/'paramGrid.alpha' must be a non-empty array/);
    expect(() => new GridSearchCV(new Ridge(), { alpha: [1] }).bestScore).toThrow(NotFittedError);
    expect(parameterGrid('t', { b: [1, 2], a: ['x', 'y'] })).toEqual([{ a: 'x', b: 1 }, { a: 'x', b: 2 }, { a: 'y', b: 1 }, { a: 'y', b: 2 }]);
  });
});

describe('estimator protocol and Pipeline', () => {
  it('clone and getParams work for every kind of estimator in the package', () => {
    const ests = [new KMeans({ nClusters: 3 }), new GaussianNB({ varSmoothing: 1e-3 }), new KNeighborsClassifier({ nNeighbors: 2 }), new StandardScaler({ withMean: false }), new PCA({ nComponents: 2 }), new Ridge({ alpha: 4 }), new LogisticRegression({ C: 3 })];
    for (const e of ests) {
      const c = clone(e);
      expect(c).not.toBe(e);
      expect(c.constructor).toBe(e.constructor);
      expect(getParams(c)).toEqual(getParams(e));
    }
    expect(clone(new Ridge({ alpha: 4 }), { alpha: 5 }).params.alpha).toBe(5);
    expect(isClassifier(new LogisticRegression())).toBe(true);
    expect(isClassifier(new Ridge())).toBe(false);
    expect(isClassifier(new Pipeline([['s', new StandardScaler()], ['r', new Ridge()]]))).toBe(false);
  });
  it('fits transformers then the final step; set() and clone() address step__param', () => {
    const pipe = new Pipeline([['scale', new StandardScaler()], ['pca', new PCA({ nComponents: 3 })], ['clf', new LogisticRegression(tight)]]);
    expect(() => pipe.predict(X)).toThrow(NotFittedError);
    pipe.fit(X, y);
    const sc = new StandardScaler().fit(X);
    const pc = new PCA({ nComponents: 3 }).fit(sc.transform(X));
    const lr = new LogisticRegression(tight).fit(pc.transform(sc.transform(X)), y);
    expect(pipe.predictProba(X)).toEqual(lr.predictProba(pc.transform(sc.transform(X))));
    expect(pipe.predict(X)).toEqual(lr.predict(pc.transform(sc.transform(X))));
    expect(pipe.score(X, y)).toBe(lr.score(pc.transform(sc.transform(X)), y));
    expect(pipe.getParams()).toMatchObject({ pca__nComponents: 3, clf__C: 1, scale__withMean: true });
    const other = pipe.clone({ pca__nComponents: 2, clf__C: 0.5 });
    expect(other.getParams()).toMatchObject({ pca__nComponents: 2, clf__C: 0.5 });
    expect(pipe.getParams()).toMatchObject({ pca__nComponents: 3 });
    expect(() => other.predict(X)).toThrow(NotFittedError);
    const back = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe.toJSON())), [StandardScaler, PCA, LogisticRegression]);
    expect(back.predictProba(X)).toEqual(pipe.predictProba(X));
    expect(() => Pipeline.fromJSON(pipe.toJSON(), [StandardScaler, PCA])).toThrow(/'steps\[2\]' is a "LogisticRegression", which is not among the classes given \(StandardScaler, PCA\)/);
    expect(() => new Pipeline([['s', new StandardScaler()], ['c', { fit: () => undefined }]]).toJSON()).toThrow(/step "c" \(Object\) has no toJSON method/);
    pipe.set({ clf: new Ridge() });
    expect(pipe.namedSteps.clf).toBeInstanceOf(Ridge);
    expect(() => pipe.set({ nope__x: 1 })).toThrow(/'nope__x' names no step; steps are 'scale', 'pca', 'clf'/);
    expect(() => pipe.set({ clf__gamma: 1 })).toThrow(/'gamma' is not a parameter of Ridge/);
    expect(() => new Pipeline([['a', new Ridge()], ['b', new Ridge()]])).toThrow(/step "a" \(Ridge\) must have transform\(\)/);
    expect(() => new Pipeline([['a__b', new Ridge()]])).toThrow(/must not contain '__'/);
    expect(() => new Pipeline([['a', new StandardScaler()], ['a', new Ridge()]])).toThrow(/"a" repeats/);
  });
});
