import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { SVC, SVC_DEFAULTS, type SVCParams } from './svc.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import type { Label } from '../base/matrix-input.js';
import fixture from './__fixtures__/svm.json';

type Data = { X: number[][]; y: number[]; XTest: number[][] };
const datasets = fixture.data as Record<string, Data>;

interface SvcCase {
  name: string;
  data: string;
  rows: number;
  params: Record<string, unknown>;
  y: Label[];
  sampleWeight: number[] | null;
  predict: Label[];
  decision: number[] | number[][];
  decisionOvo?: number[][];
  support: number[];
  nSupport: number[];
  dualCoef: number[][];
  intercept: number[];
  proba?: number[][];
  probaMean?: number[][];
  probaSpread?: number;
}
const cases = fixture.svc as unknown as SvcCase[];

function gram(A: number[][], B: number[][]): number[][] {
  return A.map((a) => B.map((b) => a.reduce((s, v, t) => s + v * b[t], 0)));
}

/** The case's inputs (the precomputed case forms the linear kernel X·Xᵀ). */
function inputs(c: SvcCase): { X: number[][]; XTest: number[][] } {
  const d = datasets[c.data];
  const X = d.X.slice(0, c.rows);
  if (c.params.kernel === 'precomputed') return { X: gram(X, X), XTest: gram(d.XTest, X) };
  return { X, XTest: d.XTest };
}

/** The largest per-sample bound C · class weight · sample weight of a case (at least C). */
function maxBound(c: SvcCase): number {
  const C = (c.params.C as number | undefined) ?? 1;
  const cw = c.params.class_weight;
  const w = typeof cw === 'object' && cw !== null ? Math.max(1, ...Object.values(cw as Record<string, number>)) : 1;
  const sw = c.sampleWeight === null ? 1 : Math.max(...c.sampleWeight);
  return C * w * sw;
}

function params(p: Record<string, unknown>): SVCParams {
  const out: SVCParams = {};
  if (p.kernel !== undefined) out.kernel = p.kernel as SVCParams['kernel'];
  if (p.C !== undefined) out.C = p.C as number;
  if (p.gamma !== undefined) out.gamma = p.gamma as SVCParams['gamma'];
  if (p.degree !== undefined) out.degree = p.degree as number;
  if (p.coef0 !== undefined) out.coef0 = p.coef0 as number;
  if (p.tol !== undefined) out.tol = p.tol as number;
  if (p.shrinking !== undefined) out.shrinking = p.shrinking as boolean;
  if (p.class_weight !== undefined) out.classWeight = p.class_weight as SVCParams['classWeight'];
  if (p.probability !== undefined) out.probability = p.probability as boolean;
  return out;
}

describe('SVC equals scikit-learn 1.2 (libsvm) on fixtures', () => {
  for (const c of cases.filter((x) => x.proba === undefined)) {
    it(c.name, async () => {
      const { X, XTest } = inputs(c);
      const m = new SVC(params(c.params));
      expect(m.fit(X, c.y, c.sampleWeight ?? undefined)).toBe(m);
      expect(m.predict(XTest)).toEqual(c.predict);
      await assertClose(m.decisionFunction(XTest), c.decision, { atol: 1e-3, rtol: 0 });
      if (c.decisionOvo !== undefined) {
        const ovo = new SVC({ ...params(c.params), decisionFunctionShape: 'ovo' }).fit(X, c.y, c.sampleWeight ?? undefined);
        await assertClose(ovo.decisionFunction(XTest), c.decisionOvo, { atol: 1e-3, rtol: 0 });
      }
      expect(m.support).toEqual(c.support);
      expect(m.nSupport).toEqual(c.nSupport);
      // Our RBF entries are float32 computations, libsvm's float64 ones rounded to float32: a few
      // ulps apart, enough to change the SMO's path. Both stop at the same tolerance (tol 1e-3 on the
      // KKT gap), where α is determined to about tol times its bound C_i = C · class weight · sample
      // weight (binary-rbf-C10: 4.6e-3 apart with C 10), so the dual coefficients are compared at
      // that scale and the decision values above at 1e-3.
      await assertClose(m.dualCoef, c.dualCoef, { atol: 1e-3 * maxBound(c), rtol: 0 });
      await assertClose(m.intercept, c.intercept, { atol: 1e-3, rtol: 0 });
    });
  }
});

describe('SVC probabilities (Platt scaling on libsvm 5-fold CV decision values)', () => {
  // libsvm's CV shuffle uses its own RNG, so sklearn's probabilities are not reproduced exactly.
  for (const c of cases.filter((x) => x.proba !== undefined)) {
    it(c.name, async () => {
      const { X, XTest } = inputs(c);
      const m = new SVC({ ...params(c.params), randomState: 0 }).fit(X, c.y);
      // the decision function does not depend on `probability`
      await assertClose(m.decisionFunction(XTest), c.decision, { atol: 1e-3, rtol: 0 });
      expect(m.predict(XTest)).toEqual(c.predict);
      const proba = m.predictProba(XTest);
      const k = m.classes.length;
      expect(m.probA.length).toBe((k * (k - 1)) / 2);
      for (const a of m.probA) expect(a).toBeLessThan(0); // larger libsvm decision → first class of the pair more likely
      for (const row of proba) {
        expect(row.length).toBe(k);
        for (const v of row) expect(v).toBeGreaterThan(0);
        expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      }
      // close to sklearn: within the spread sklearn's own probabilities show across 30 seeds
      await assertClose(proba, c.probaMean as number[][], { atol: (c.probaSpread as number) + 0.01, rtol: 0 });
      // and a different seed moves them (the shuffle is really used)
      const other = new SVC({ ...params(c.params), randomState: 1 }).fit(X, c.y).predictProba(XTest);
      expect(other).not.toEqual(proba);
      // calibration: the mean predicted probability of the true class is near the accuracy
      const data = datasets[c.data];
      const yTest = data.XTest.map((_, i) => i); // indices only; labels below come from sklearn's own predictions
      let agree = 0;
      yTest.forEach((i) => {
        const best = proba[i].indexOf(Math.max(...proba[i]));
        if (m.classes[best] === c.predict[i]) agree++;
      });
      expect(agree / yTest.length).toBeGreaterThan(0.85);
      // seeded: the same randomState gives the same probabilities
      const again = new SVC({ ...params(c.params), randomState: 0 }).fit(X, c.y);
      expect(again.predictProba(XTest)).toEqual(proba);
      expect(m.predictLogProba(XTest)[0][0]).toBeCloseTo(Math.log(proba[0][0]), 12);
    });
  }
});

describe('SVC contract', () => {
  const c = cases.find((x) => x.name === '3-class-rbf-gamma-0.5-strings') as SvcCase;
  const { X, XTest } = inputs(c);

  it('has sklearn defaults', () => {
    expect(SVC_DEFAULTS).toEqual({
      C: 1, kernel: 'rbf', degree: 3, gamma: 'scale', coef0: 0, shrinking: true, probability: false, tol: 1e-3,
      cacheSize: 200, classWeight: null, maxIter: -1, decisionFunctionShape: 'ovr', breakTies: false, randomState: 0,
    });
  });

  it('takes string labels, typed-array input and a tiny cache with the same result', async () => {
    const m = new SVC({ gamma: 0.5 }).fit(X, c.y);
    expect(m.classes).toEqual(['cat', 'dog', 'eel']);
    const flat = { data: Float32Array.from(XTest.flat()), shape: [XTest.length, 4] as [number, number] };
    expect(m.predict(flat)).toEqual(c.predict);
    // a cache smaller than the problem forces evictions: the same solution (the same kernel values
    // recomputed, the same iterations), and scikit-learn's decision values
    const small = new SVC({ gamma: 0.5, cacheSize: 0.0005 }).fit(X, c.y);
    expect(small.decisionFunction(XTest)).toEqual(m.decisionFunction(XTest));
    await assertClose(small.decisionFunction(XTest), c.decision, { atol: 1e-3, rtol: 0 });
    expect(m.score(XTest, c.predict)).toBe(1);
  });

  it('fits data beyond float32\'s comfortable range (centred values over 1e15) through float64 RBF columns', async () => {
    // scaled by 1e17 with gamma scaled by 1e−34, the kernel matrix is the same: so is the model
    const scale = 1e17;
    const big = X.map((r) => r.map((v) => v * scale));
    const m = new SVC({ gamma: 0.5 }).fit(X, c.y);
    const b = new SVC({ gamma: 0.5 / scale ** 2 }).fit(big, c.y);
    expect(b.support).toEqual(m.support);
    expect(b.predict(XTest.map((r) => r.map((v) => v * scale)))).toEqual(c.predict);
    await assertClose(b.decisionFunction(XTest.map((r) => r.map((v) => v * scale))), c.decision, { atol: 1e-3, rtol: 0 });
  });

  it('fits and predicts features with a large common offset as well (the float32 RBF columns and the prediction see centred samples)', async () => {
    // float32 near 1e6 has a step of 0.0625: uncentred, the distances would be mostly rounding
    const shift = (r: number[]): number[] => r.map((v, t) => v + 1e6 * (t + 1));
    const m = new SVC({ gamma: 0.5 }).fit(X.map(shift), c.y);
    const plain = new SVC({ gamma: 0.5 }).fit(X, c.y);
    expect(m.support).toEqual(c.support);
    await assertClose(m.dualCoef, plain.dualCoef, { atol: 1e-4, rtol: 0 });
    await assertClose(m.intercept, plain.intercept, { atol: 1e-4, rtol: 0 });
    await assertClose(m.dualCoef, c.dualCoef, { atol: 1e-3, rtol: 0 });
    await assertClose(m.intercept, c.intercept, { atol: 1e-3, rtol: 0 });
    // and predicts as scikit-learn (whose libsvm sums (x_t − s_t)² at prediction)
    expect(m.predict(XTest.map(shift))).toEqual(c.predict);
    await assertClose(m.decisionFunction(XTest.map(shift)), c.decision, { atol: 1e-3, rtol: 0 });
  });

  it('breakTies predicts the argmax of the ovr decision function', () => {
    const m = new SVC({ gamma: 0.5, breakTies: true }).fit(X, c.y);
    const dec = m.decisionFunction(XTest) as number[][];
    expect(m.predict(XTest)).toEqual(dec.map((r) => m.classes[r.indexOf(Math.max(...r))]));
  });

  it('maxIter stops the solver', () => {
    const m = new SVC({ gamma: 0.5, maxIter: 3 }).fit(X, c.y);
    expect(m.nIter).toEqual([3, 3, 3]);
  });

  it('throws clear errors', () => {
    expect(() => new SVC().predict(XTest)).toThrow(NotFittedError);
    expect(() => new SVC().support).toThrow(NotFittedError);
    expect(() => new SVC().fit(X, c.y.slice(1))).toThrow(/'y' must have one label per row of 'X' \(120\); received 119/);
    expect(() => new SVC().fit([[0, NaN], [1, 1]], ['a', 'b'])).toThrow(/X\[0\]\[1\]' must be a finite number/);
    expect(() => new SVC().fit(X, X.map(() => 'a'))).toThrow(/at least 2 classes; received 1/);
    expect(() => new SVC({ C: 0 }).fit(X, c.y)).toThrow(/'C' must be a number > 0; received 0/);
    expect(() => new SVC({ kernel: 'cubic' as 'rbf' }).fit(X, c.y)).toThrow(/'kernel' must be one of/);
    expect(() => new SVC({ gamma: 'big' as 'auto' }).fit(X, c.y)).toThrow(/'gamma' must be one of 'scale', 'auto'/);
    expect(() => new SVC({ classWeight: { fox: 2 } }).fit(X, c.y)).toThrow(/'classWeight' key "fox" is not one of the classes/);
    expect(() => new SVC({ kernel: 'precomputed' }).fit(X, c.y)).toThrow(/square n × n kernel matrix; received 120 × 4/);
    expect(() => new SVC().fit(X, c.y, X.map(() => -1))).toThrow(/'sampleWeight\[0\]' must be a finite number >= 0; received -1/);
    const m = new SVC().fit(X, c.y);
    expect(() => m.predict([[1, 2]])).toThrow(/'X' must have 4 features.*received 2/);
    expect(() => m.predictProba(XTest)).toThrow(/probability: true/);
  });

  it('round-trips through JSON', () => {
    const m = new SVC({ gamma: 0.5, probability: true }).fit(X, c.y);
    const back = SVC.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.decisionFunction(XTest)).toEqual(m.decisionFunction(XTest));
    expect(back.predictProba(XTest)).toEqual(m.predictProba(XTest));
    expect(back.classes).toEqual(['cat', 'dog', 'eel']);
    expect(back.supportVectors).toEqual(m.supportVectors);
    expect(SVC.fromJSON(new SVC().toJSON()).params.kernel).toBe('rbf');
    expect(() => SVC.fromJSON({ format: 'ml-classical/svc', version: 99 })).toThrow(/'version' must be 1/);
  });
});
