import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '@ml/core';
import { assertClose } from '@ml/core/testing';
import { LinearSVC, LINEAR_SVC_DEFAULTS, type LinearSVCParams } from './linear-svc.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/svm.json';

type Data = { X: number[][]; y: number[]; XTest: number[][] };
type Csr = { indptr: number[]; indices: number[]; data: number[]; shape: [number, number] };
interface LinearCase {
  name: string;
  data: string | null;
  params: Record<string, unknown>;
  y: number[];
  X?: Csr;
  XTest?: Csr;
  predict: number[];
  decision: number[] | number[][];
  coef: number[][];
  intercept: number[] | number;
  nIter: number;
}
const datasets = fixture.data as Record<string, Data>;
const cases = fixture.linear as unknown as LinearCase[];

const csr = (m: Csr): CsrMatrix => new CsrMatrix({ indptr: Int32Array.from(m.indptr), indices: Int32Array.from(m.indices), data: Float64Array.from(m.data), shape: m.shape });

function params(p: Record<string, unknown>): LinearSVCParams {
  const out: LinearSVCParams = {};
  if (p.C !== undefined) out.C = p.C as number;
  if (p.loss !== undefined) out.loss = p.loss as LinearSVCParams['loss'];
  if (p.tol !== undefined) out.tol = p.tol as number;
  if (p.max_iter !== undefined) out.maxIter = p.max_iter as number;
  if (p.fit_intercept !== undefined) out.fitIntercept = p.fit_intercept as boolean;
  if (p.intercept_scaling !== undefined) out.interceptScaling = p.intercept_scaling as number;
  if (p.class_weight !== undefined) out.classWeight = p.class_weight as LinearSVCParams['classWeight'];
  return out;
}

describe('LinearSVC agrees with scikit-learn 1.2 (liblinear dual CD) on fixtures', () => {
  // liblinear visits coordinates in its own random order: both solve the same convex problem to
  // tol 1e-8, so the weights agree closely but not bit for bit.
  for (const c of cases) {
    it(c.name, async () => {
      const X = c.data !== null ? datasets[c.data].X : csr(c.X as Csr);
      const XTest = c.data !== null ? datasets[c.data].XTest : csr(c.XTest as Csr);
      const m = new LinearSVC(params(c.params));
      expect(m.fit(X, c.y)).toBe(m);
      await assertClose(m.coef, c.coef, { rtol: 1e-6, atol: 1e-7 });
      await assertClose(m.intercept, typeof c.intercept === 'number' ? [c.intercept] : c.intercept, { rtol: 1e-4, atol: 1e-5 });
      await assertClose(m.decisionFunction(XTest), c.decision, { rtol: 1e-4, atol: 1e-4 });
      expect(m.predict(XTest)).toEqual(c.predict);
    });
  }

  it('gives the same model for dense and CSR input', async () => {
    const d = datasets['3-class'];
    const dense = new LinearSVC({ tol: 1e-6 }).fit(d.X, d.y);
    const sparse = new LinearSVC({ tol: 1e-6 }).fit(CsrMatrix.fromDense(d.X, { dtype: 'float64' }), d.y);
    await assertClose(sparse.coef, dense.coef, { rtol: 1e-12, atol: 1e-12 });
    expect(sparse.predict(CsrMatrix.fromDense(d.XTest))).toEqual(dense.predict(d.XTest));
  });
});

describe('LinearSVC contract', () => {
  const d = datasets['3-class'];
  const names = d.y.map((v) => ['cat', 'dog', 'eel'][v]);

  it('has sklearn defaults and takes string labels', () => {
    expect(LINEAR_SVC_DEFAULTS).toEqual({ C: 1, loss: 'squared_hinge', tol: 1e-4, maxIter: 1000, fitIntercept: true, interceptScaling: 1, classWeight: null, randomState: 0 });
    const m = new LinearSVC().fit(d.X, names);
    expect(m.classes).toEqual(['cat', 'dog', 'eel']);
    expect(m.score(d.X, names)).toBeGreaterThan(0.6);
    expect(m.nFeaturesIn).toBe(4);
  });

  it('sample weights of 2 equal duplicated rows', async () => {
    const X = d.X.slice(0, 60);
    const y = d.y.slice(0, 60);
    const w = y.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const weighted = new LinearSVC({ tol: 1e-10, maxIter: 100000 }).fit(X, y, w);
    const Xd = [...X, ...X.filter((_, i) => i % 3 === 0)];
    const yd = [...y, ...y.filter((_, i) => i % 3 === 0)];
    const duplicated = new LinearSVC({ tol: 1e-10, maxIter: 100000 }).fit(Xd, yd);
    await assertClose(weighted.coef, duplicated.coef, { rtol: 1e-5, atol: 1e-6 });
  });

  it('throws clear errors', () => {
    expect(() => new LinearSVC().predict(d.X)).toThrow(NotFittedError);
    expect(() => new LinearSVC().coef).toThrow(NotFittedError);
    expect(() => new LinearSVC().fit(d.X, d.y.slice(1))).toThrow(/'y' must have one label per row of 'X' \(120\); received 119/);
    expect(() => new LinearSVC().fit([[0, NaN], [1, 1]], ['a', 'b'])).toThrow(/X\[0\]\[1\]' must be a finite number/);
    expect(() => new LinearSVC({ loss: 'log' as 'hinge' }).fit(d.X, d.y)).toThrow(/'loss' must be one of 'hinge', 'squared_hinge'/);
    expect(() => new LinearSVC({ C: -1 }).fit(d.X, d.y)).toThrow(/'C' must be a number > 0; received -1/);
    expect(() => new LinearSVC().fit(d.X, d.y.map(() => 1))).toThrow(/at least 2 classes/);
    const m = new LinearSVC().fit(d.X, d.y);
    expect(() => m.predict([[1, 2]])).toThrow(/must have 4 features.*received 2/);
    expect(() => m.predict(CsrMatrix.fromDense([[1, 2]]))).toThrow(/must have 4 features.*received 2/);
  });

  it('round-trips through JSON', () => {
    const m = new LinearSVC().fit(d.X, names);
    const back = LinearSVC.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.decisionFunction(d.XTest)).toEqual(m.decisionFunction(d.XTest));
    expect(back.predict(d.XTest)).toEqual(m.predict(d.XTest));
    expect(() => LinearSVC.fromJSON({ format: 'ml-classical/svc', version: 1 })).toThrow(/'format' must be 'ml-classical\/linear-svc'/);
  });
});
