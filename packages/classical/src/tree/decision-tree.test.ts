import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { assertClose } from '@ml/core/testing';
import { DecisionTreeClassifier, DECISION_TREE_CLASSIFIER_DEFAULTS, type DecisionTreeClassifierParams } from './decision-tree-classifier.js';
import { DecisionTreeRegressor, DECISION_TREE_REGRESSOR_DEFAULTS, type DecisionTreeRegressorParams } from './decision-tree-regressor.js';
import { formatFixed } from './export-text.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import type { Label } from '../base/matrix-input.js';
import fixture from './__fixtures__/trees.json';

interface TreeFx {
  childrenLeft: number[];
  childrenRight: number[];
  feature: number[];
  threshold: number[];
  impurity: number[];
  nNodeSamples: number[];
  weightedNNodeSamples: number[];
  value: number[];
}
interface Data {
  X: number[][];
  y: Label[];
  XTest: number[][];
}
interface Case {
  name: string;
  params: Record<string, unknown>;
  data: string;
  sampleWeight: number[] | null;
  tree: TreeFx;
  depth: number;
  nLeaves: number;
  maxFeatures: number;
  predict: Label[];
  apply: number[];
  featureImportances: number[];
  proba?: number[][];
  decisionPath?: { indptr: number[]; indices: number[] };
  text?: string;
  textOptions?: { featureNames: string[]; maxDepth: number; spacing: number; decimals: number; showWeights: boolean };
  textWithOptions?: string;
}

const data = fixture.data as unknown as Record<string, Data>;

function params<T>(p: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...p };
  if (Array.isArray(p.classWeight)) out.classWeight = new Map(p.classWeight as [Label, number][]);
  return out as T;
}

/** The fitted tree equals sklearn's node for node: structure, thresholds exactly, statistics to 1e-9. */
async function expectSameTree(got: DecisionTreeClassifier | DecisionTreeRegressor, want: TreeFx): Promise<void> {
  const t = got.tree;
  expect(Array.from(t.childrenLeft)).toEqual(want.childrenLeft);
  expect(Array.from(t.childrenRight)).toEqual(want.childrenRight);
  expect(Array.from(t.feature)).toEqual(want.feature);
  expect(Array.from(t.threshold)).toEqual(want.threshold);
  expect(Array.from(t.nNodeSamples)).toEqual(want.nNodeSamples);
  await assertClose(Array.from(t.weightedNNodeSamples), want.weightedNNodeSamples, { rtol: 1e-12, atol: 1e-12 });
  await assertClose(Array.from(t.impurity), want.impurity, { rtol: 1e-9, atol: 1e-12 });
  await assertClose(Array.from(t.value), want.value, { rtol: 1e-9, atol: 1e-12 });
}

describe('DecisionTreeClassifier equals scikit-learn 1.2', () => {
  for (const c of fixture.classifier as unknown as Case[]) {
    it(c.name, async () => {
      const d = data[c.data];
      const m = new DecisionTreeClassifier(params<DecisionTreeClassifierParams>(c.params));
      expect(m.fit(d.X, d.y, c.sampleWeight)).toBe(m);
      await expectSameTree(m, c.tree);
      expect(m.depth).toBe(c.depth);
      expect(m.nLeaves).toBe(c.nLeaves);
      expect(m.maxFeaturesResolved).toBe(c.maxFeatures);
      expect(m.predict(d.XTest)).toEqual(c.predict);
      expect(m.apply(d.XTest)).toEqual(c.apply);
      await assertClose(m.predictProba(d.XTest), c.proba as number[][], { rtol: 1e-9, atol: 1e-12 });
      await assertClose(m.featureImportances, c.featureImportances, { rtol: 1e-9, atol: 1e-11 });
      const path = m.decisionPath(d.XTest.slice(0, 5));
      expect(Array.from(path.indptr)).toEqual(c.decisionPath?.indptr);
      expect(Array.from(path.indices)).toEqual(c.decisionPath?.indices);
      if (c.text !== undefined) {
        expect(m.exportText()).toBe(c.text);
        expect(m.exportText(c.textOptions)).toBe(c.textWithOptions);
      }
    });
  }
});

describe('DecisionTreeRegressor equals scikit-learn 1.2', () => {
  for (const c of fixture.regressor as unknown as Case[]) {
    it(c.name, async () => {
      const d = data[c.data];
      const m = new DecisionTreeRegressor(params<DecisionTreeRegressorParams>(c.params));
      m.fit(d.X, d.y as number[], c.sampleWeight);
      await expectSameTree(m, c.tree);
      expect(m.depth).toBe(c.depth);
      expect(m.nLeaves).toBe(c.nLeaves);
      expect(m.apply(d.XTest)).toEqual(c.apply);
      await assertClose(m.predict(d.XTest), c.predict as number[], { rtol: 1e-9, atol: 1e-9 });
      await assertClose(m.featureImportances, c.featureImportances, { rtol: 1e-8, atol: 1e-11 });
      if (c.text !== undefined) expect(m.exportText({ decimals: 3 })).toBe(c.text);
    });
  }
});

describe('decision tree contract', () => {
  const c = (fixture.classifier as unknown as Case[])[0];
  const d = data[c.data];

  it('has sklearn 1.2 defaults', () => {
    expect(DECISION_TREE_CLASSIFIER_DEFAULTS).toEqual({
      criterion: 'gini', maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minWeightFractionLeaf: 0, maxFeatures: null, randomState: 0, minImpurityDecrease: 0, classWeight: null,
    });
    expect(DECISION_TREE_REGRESSOR_DEFAULTS.criterion).toBe('squared_error');
  });

  it('throws before fit and on bad input, naming the argument', () => {
    expect(() => new DecisionTreeClassifier().predict(d.XTest)).toThrow(NotFittedError);
    expect(() => new DecisionTreeRegressor().featureImportances).toThrow(/'featureImportances' needs a fitted estimator/);
    expect(() => new DecisionTreeClassifier().fit(d.X, d.y.slice(1))).toThrow(/'y' must have one label per row of 'X' \(200\); received 199/);
    expect(() => new DecisionTreeClassifier().fit([[0, NaN]], [1])).toThrow(/'X\[0\]\[1\]' must be a finite number.*NaN/);
    expect(() => new DecisionTreeClassifier({ criterion: 'mse' as 'gini' }).fit(d.X, d.y)).toThrow(/'criterion' must be one of 'gini', 'entropy', 'log_loss'; received "mse"/);
    expect(() => new DecisionTreeClassifier({ maxDepth: 0 }).fit(d.X, d.y)).toThrow(/'maxDepth' must be an integer >= 1; received 0/);
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1.5 }).fit(d.X, d.y)).toThrow(/'minSamplesSplit' must be an integer >= 2 or a fraction in \(0, 1\]; received 1.5/);
    expect(() => new DecisionTreeClassifier({ maxFeatures: 'auto' as 'sqrt' }).fit(d.X, d.y)).toThrow(/'maxFeatures' must be .*received "auto"/);
    expect(() => new DecisionTreeClassifier({ classWeight: new Map([[9, 2]]) }).fit(d.X, d.y)).toThrow(/'classWeight' names the label 9, which is not one of the classes \[0,1,2\]/);
    expect(() => new DecisionTreeClassifier().fit(d.X, d.y, d.X.map(() => -1))).toThrow(/'sampleWeight\[0\]' must be a finite number >= 0; received -1/);
    expect(() => new DecisionTreeClassifier().fit(d.X, d.y, d.X.map(() => 0))).toThrow(/'sampleWeight' must have at least one positive weight/);
    expect(() => new DecisionTreeClassifier().fit([[1e39], [0]], [0, 1])).toThrow(/'X\[0\]\[0\]' must fit in float32.*received 1e\+39/);
    expect(() => new DecisionTreeRegressor().fit(d.X, d.X.map(() => Infinity))).toThrow(/'y\[0\]' must be a finite number; received Infinity/);
    const m = new DecisionTreeClassifier().fit(d.X, d.y);
    expect(() => m.predict([[1, 2]])).toThrow(/'X' must have 6 features \(columns\), as in fit; received 2/);
    expect(() => m.exportText({ featureNames: ['a'] })).toThrow(/'featureNames' must have one name per feature \(6\); received 1/);
  });

  it('round-trips through JSON with a format version', () => {
    const m = new DecisionTreeClassifier({ maxDepth: 4, classWeight: new Map([[1, 2]]) }).fit(d.X, d.y);
    const back = DecisionTreeClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predictProba(d.XTest)).toEqual(m.predictProba(d.XTest));
    expect(back.exportText()).toBe(m.exportText());
    expect(back.params.maxDepth).toBe(4);
    const r = new DecisionTreeRegressor({ maxDepth: 3 }).fit(d.X, d.X.map((row) => row[0] * 2));
    const rBack = DecisionTreeRegressor.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    expect(rBack.predict(d.XTest)).toEqual(r.predict(d.XTest));
    expect(() => DecisionTreeRegressor.fromJSON(m.toJSON())).toThrow(/'format' must be 'ml-classical\/decision-tree-regressor'/);
    const broken = JSON.parse(JSON.stringify(m.toJSON()));
    broken.fitted.tree.childrenLeft[0] = 0;
    expect(() => DecisionTreeClassifier.fromJSON(broken)).toThrow(/node 0 must be a leaf/);
    expect(DecisionTreeClassifier.fromJSON(new DecisionTreeClassifier().toJSON()).params.criterion).toBe('gini');
  });

  it('takes {data, shape} input, string labels, an Rng seed, and scores', () => {
    const flat = { data: Float64Array.from(d.X.flat()), shape: [d.X.length, 6] as const };
    const names = d.y.map((k) => ['a', 'b', 'c'][k as number]);
    const a = new DecisionTreeClassifier({ maxFeatures: 2, randomState: 4 }).fit(flat, names);
    const b = new DecisionTreeClassifier({ maxFeatures: 2, randomState: 4 }).fit(d.X, names);
    expect(a.predict(d.XTest)).toEqual(b.predict(d.XTest));
    expect(a.classes).toEqual(['a', 'b', 'c']);
    expect(a.score(d.X, names)).toBe(1);
    const r1 = new DecisionTreeClassifier({ maxFeatures: 2, randomState: new Rng(9) }).fit(d.X, d.y);
    const r2 = new DecisionTreeClassifier({ maxFeatures: 2, randomState: new Rng(9) }).fit(d.X, d.y);
    expect(r1.tree.feature).toEqual(r2.tree.feature);
    const logp = a.predictLogProba(d.XTest.slice(0, 3));
    expect(logp.every((row) => row.some((v) => v === 0))).toBe(true);
  });

  it('a constant target gives one leaf; zero-weight rows are left out', () => {
    const X = [[1], [2], [3], [4]];
    const m = new DecisionTreeRegressor().fit(X, [5, 5, 5, 5]);
    expect(m.nLeaves).toBe(1);
    expect(m.predict([[10]])).toEqual([5]);
    const w = new DecisionTreeClassifier().fit(X, ['x', 'x', 'y', 'y'], [1, 1, 0, 0]);
    expect(w.nLeaves).toBe(1);
    expect(w.predictProba([[4]])).toEqual([[1, 0]]);
    expect(w.tree.nNodeSamples[0]).toBe(2);
  });

  it('formats numbers as Python does (exact halves to even)', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
    expect(formatFixed(1.005, 2)).toBe('1.00'); // 1.005 is below the half in binary
    expect(formatFixed(-0.001, 2)).toBe('-0.00');
  });
});
