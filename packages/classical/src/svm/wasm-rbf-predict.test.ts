import { Rng } from '@ml/core';
import { assertClose } from '@ml/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Label } from '../base/matrix-input.js';
import { kernelFromDot, type KernelSpec } from './kernel.js';
import { pairDecisions, type PredictModel } from './libsvm-predict.js';
import { SVC, type SVCParams } from './svc.js';
import { WasmSvcPredictor, wasmRbfPredict } from './wasm-rbf-predict.js';
import fixture from './__fixtures__/svm.json';

/** A random fitted-model stand-in: nSupport per class (odd counts, a class with one vector), coefficients, rho. */
function model(nSupport: number[], d: number, kernel: KernelSpec, seed: number): PredictModel {
  const rng = new Rng(seed);
  const k = nSupport.length;
  const nSV = nSupport.reduce((a, b) => a + b, 0);
  const sv = Float64Array.from({ length: nSV * d }, () => rng.normal());
  const svCoef = Float64Array.from({ length: (k - 1) * nSV }, () => rng.normal() * 2);
  const rho = Float64Array.from({ length: (k * (k - 1)) / 2 }, () => rng.normal());
  return { kernel, nClasses: k, sv, support: Int32Array.from({ length: nSV }, (_, i) => i), nSupport: Int32Array.from(nSupport), svCoef, rho };
}

/** rows query rows: Gaussian, a few scaled far out (RBF exponents below −104) and one copy of a support vector. */
function queries(m: PredictModel, rows: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: rows * d }, () => rng.normal());
  for (let t = 0; t < d; t++) x[t] = m.sv[t] ?? 0; // row 0 is support vector 0: exponent 0
  if (rows > 2) for (let t = 0; t < d; t++) x[2 * d + t] = (x[2 * d + t] ?? 0) * 40;
  return x;
}

/** Per pair of row r: Σ|coef · K| + |rho|, the scale against which the two paths' rounding is compared. */
function scales(m: PredictModel, x: Float64Array, rows: number, d: number): Float64Array {
  const k = m.nClasses;
  const nSV = m.support.length;
  const nPairs = (k * (k - 1)) / 2;
  const start = [0];
  for (let c = 1; c < k; c++) start.push((start[c - 1] ?? 0) + (m.nSupport[c - 1] ?? 0));
  const out = new Float64Array(rows * nPairs);
  for (let r = 0; r < rows; r++) {
    const kv = Array.from({ length: nSV }, (_, s) => {
      let dot = 0;
      let sa = 0;
      let sb = 0;
      for (let t = 0; t < d; t++) {
        const a = x[r * d + t] ?? 0;
        const b = m.sv[s * d + t] ?? 0;
        dot += a * b;
        sa += a * a;
        sb += b * b;
      }
      return kernelFromDot(m.kernel, dot, sa, sb);
    });
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let s = Math.abs(m.rho[p] ?? 0);
        for (let q = start[i] ?? 0, e = q + (m.nSupport[i] ?? 0); q < e; q++) s += Math.abs((m.svCoef[(j - 1) * nSV + q] ?? 0) * (kv[q] ?? 0));
        for (let q = start[j] ?? 0, e = q + (m.nSupport[j] ?? 0); q < e; q++) s += Math.abs((m.svCoef[i * nSV + q] ?? 0) * (kv[q] ?? 0));
        out[r * nPairs + p++] = s;
      }
    }
  }
  return out;
}

/** The largest |wasm − js| / scale over all decision values. */
function worst(wasm: Float64Array, js: Float64Array, scale: Float64Array): number {
  let w = 0;
  for (let i = 0; i < js.length; i++) w = Math.max(w, Math.abs((wasm[i] ?? 0) - (js[i] ?? 0)) / (scale[i] ?? 1));
  return w;
}

function both<T>(f: () => T): { js: T; wasm: T } {
  wasmRbfPredict.enabled = false;
  const js = f();
  wasmRbfPredict.enabled = true;
  return { js, wasm: f() };
}

describe('wasmRbfPredict (SVC decision values in WebAssembly SIMD)', () => {
  afterEach(() => {
    wasmRbfPredict.enabled = true;
  });

  it('assembles a small valid module', () => {
    const bytes = wasmRbfPredict.bytes();
    expect(bytes.length).toBeLessThan(4096); // synchronous compilation stays allowed in browsers
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(wasmRbfPredict.module()).not.toBeNull();
  });

  const rbf = (gamma: number): KernelSpec => ({ kernel: 'rbf', gamma, coef0: 0, degree: 3 });
  const shapes: Array<[string, number[], number, number, KernelSpec]> = [
    ['2 classes, d 1', [3, 4], 1, 7, rbf(0.8)],
    ['3 classes, d 3, a class of one', [5, 1, 6], 3, 5, rbf(0.3)],
    ['4 classes, d 16 (the benchmark shape)', [41, 37, 30, 43], 16, 263, rbf(1 / 16)],
    ['5 classes, d 17, rows across chunks', [9, 2, 13, 6, 11], 17, 517, rbf(0.05)],
    ['40 classes, d 3 (chunks of 84 rows)', Array.from({ length: 40 }, (_, i) => 1 + (i % 3)), 3, 90, rbf(0.4)],
    ['4 classes, d 5, gamma 0 (every K = 1)', [3, 5, 2, 7], 5, 6, rbf(0)],
    ['3 classes, linear', [7, 6, 5], 6, 9, { kernel: 'linear', gamma: 1, coef0: 0, degree: 3 }],
    ['3 classes, poly degree 3', [7, 6, 5], 6, 9, { kernel: 'poly', gamma: 0.2, coef0: 1.5, degree: 3 }],
    ['3 classes, poly degree 0 (every K = 1)', [4, 3, 5], 2, 4, { kernel: 'poly', gamma: 0.2, coef0: 1.5, degree: 0 }],
  ];
  for (const [what, nSupport, d, rows, kernel] of shapes) {
    it(`agrees with the JavaScript path to 1e-12 of Σ|coef·K| + |rho| (${what}, ${rows} rows)`, () => {
      const m = model(nSupport, d, kernel, d * rows);
      const x = queries(m, rows, d, rows);
      wasmRbfPredict.enabled = true;
      expect(WasmSvcPredictor.of(m, d)).not.toBeNull(); // the WebAssembly path really runs below
      const { js, wasm } = both(() => pairDecisions(m, x, rows, d));
      expect(wasm.length).toBe(js.length);
      expect(worst(wasm, js, scales(m, x, rows, d))).toBeLessThan(1e-12);
      // the values are not all alike (a broken kernel giving zeros would show)
      expect(new Set(Array.from(js, (v) => v.toFixed(6))).size).toBeGreaterThanOrEqual(3);
      // a second call reuses the model's memory and gives the same values
      expect(pairDecisions(m, x, rows, d)).toEqual(wasm);
    });
  }

  it('computes exp to a few units in the last place of Math.exp over float64 range', () => {
    // one support vector at 0 with coefficient 1 (the other's is 0), gamma 1, rho 0: the decision
    // value of query x is exp(−x²), computed from the same exponent by both paths
    const m: PredictModel = {
      kernel: rbf(1), nClasses: 2, sv: Float64Array.from([0, 0]), support: Int32Array.from([0, 1]), nSupport: Int32Array.from([1, 1]),
      svCoef: Float64Array.from([1, 0]), rho: Float64Array.from([0]),
    };
    const t = [0, 1e-300, 1e-17, 1e-9, 0.5, 0.6931471805599453, 1, ...Array.from({ length: 2000 }, (_, i) => (i * 750) / 2000), 707.9, 708, 708.5, 740, 1e4];
    const x = Float64Array.from(t, Math.sqrt);
    const { js, wasm } = both(() => pairDecisions(m, x, x.length, 1));
    let worstUlps = 0;
    for (let i = 0; i < t.length; i++) {
      const e = Math.exp(-((x[i] ?? 0) ** 2));
      expect(js[i]).toBe(e); // the JavaScript path is Math.exp itself
      if (e >= 2 ** -1022 * 4) worstUlps = Math.max(worstUlps, Math.abs((wasm[i] ?? 0) - e) / e / 2 ** -53);
      else expect(wasm[i]).toBeLessThanOrEqual(4 * 2 ** -1022); // below e^−708 (clamped): under 1e-307, as Math.exp
    }
    expect(worstUlps).toBeLessThan(8); // relative error below 8 · 2^−53 ≈ 8.9e-16 (4.3 · 2^−53 seen on a finer grid)
    expect(worstUlps).toBeGreaterThan(0); // (it is a different algorithm: not a disguised Math.exp)
  });

  it('keeps the sigmoid and precomputed kernels in JavaScript', () => {
    expect(WasmSvcPredictor.of(model([2, 3], 2, { kernel: 'sigmoid', gamma: 0.5, coef0: 0, degree: 3 }, 1), 2)).toBeNull();
    expect(WasmSvcPredictor.of({ ...model([2, 3], 2, rbf(1), 1), kernel: { kernel: 'precomputed', gamma: 1, coef0: 0, degree: 3 }, sv: new Float64Array(0) }, 5)).toBeNull();
  });

  it('keeps one predictor per model, separate between models', () => {
    const a = model([3, 4], 2, rbf(0.5), 1);
    const b = model([3, 4], 2, rbf(0.5), 2);
    expect(WasmSvcPredictor.of(a, 2)).toBe(WasmSvcPredictor.of(a, 2));
    expect(WasmSvcPredictor.of(b, 2)).not.toBe(WasmSvcPredictor.of(a, 2));
    const x = queries(a, 5, 2, 3);
    const da = pairDecisions(a, x, 5, 2);
    const db = pairDecisions(b, x, 5, 2);
    expect(da).not.toEqual(db);
    expect(pairDecisions(a, x, 5, 2)).toEqual(da);
  });
});

type Data = { X: number[][]; y: number[]; XTest: number[][] };
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
  proba?: number[][];
}

describe('SVC on the scikit-learn fixtures: the same with both prediction paths', () => {
  afterEach(() => {
    wasmRbfPredict.enabled = true;
  });
  const datasets = fixture.data as Record<string, Data>;
  const cases = (fixture.svc as unknown as SvcCase[]).filter((c) => c.params.kernel !== 'precomputed');

  for (const c of cases) {
    it(c.name, async () => {
      const data = datasets[c.data] as Data;
      const X = data.X.slice(0, c.rows);
      const p: SVCParams = {};
      for (const key of ['kernel', 'C', 'gamma', 'degree', 'coef0', 'tol', 'shrinking', 'probability'] as const) {
        if (c.params[key] !== undefined) Object.assign(p, { [key]: c.params[key] });
      }
      if (c.params.class_weight !== undefined) p.classWeight = c.params.class_weight as SVCParams['classWeight'];
      const m = new SVC(p).fit(X, c.y, c.sampleWeight ?? undefined);
      const ovo = new SVC({ ...p, decisionFunctionShape: 'ovo' }).fit(X, c.y, c.sampleWeight ?? undefined);
      const run = both(() => ({
        predict: m.predict(data.XTest),
        decision: m.decisionFunction(data.XTest),
        ovo: ovo.decisionFunction(data.XTest),
        proba: c.proba === undefined ? [] : m.predictProba(data.XTest),
      }));
      for (const r of [run.js, run.wasm]) {
        expect(r.predict).toEqual(c.predict);
        await assertClose(r.decision, c.decision, { atol: 1e-3, rtol: 0 }); // as svc.test.ts
        if (c.decisionOvo !== undefined) await assertClose(r.ovo, c.decisionOvo, { atol: 1e-3, rtol: 0 });
      }
      await assertClose(run.wasm.decision, run.js.decision, { atol: 1e-12, rtol: 1e-12 });
      await assertClose(run.wasm.ovo, run.js.ovo, { atol: 1e-12, rtol: 1e-12 });
      await assertClose(run.wasm.proba, run.js.proba, { atol: 1e-12, rtol: 1e-12 });
    });
  }
});
