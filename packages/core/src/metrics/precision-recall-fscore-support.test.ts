import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';
import { f1Score } from './f1-score.js';
import { fbetaScore } from './fbeta-score.js';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support.js';
import { precisionScore } from './precision-score.js';
import { recallScore } from './recall-score.js';

const fx = readMetricsFixture();

describe('precisionRecallFscoreSupport against scikit-learn 1.2', () => {
  const cases: Json[] = fx.prfs;
  it('has many cases, errors and warnings among them', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(cases.some((c) => c.error !== undefined)).toBe(true);
    expect(cases.some((c) => c.warned === true)).toBe(true);
  });

  cases.forEach((c, i) => {
    it(`case ${i}: average=${String(c.options.average)}${c.error !== undefined ? ' (error)' : ''}`, async () => {
      const warnings: string[] = [];
      const run = (): unknown =>
        precisionRecallFscoreSupport(c.yTrue, c.yPred, { ...c.options, onWarning: (m: string) => warnings.push(m) });
      if (c.error !== undefined) {
        expect(run).toThrow(/precisionRecallFscoreSupport: /);
        return;
      }
      const r = run() as Json;
      const e = c.expected;
      await assertClose(r.precision, e.precision, { rtol: 1e-12, atol: 1e-12, label: 'precision' });
      await assertClose(r.recall, e.recall, { rtol: 1e-12, atol: 1e-12, label: 'recall' });
      await assertClose(r.fscore, e.fscore, { rtol: 1e-12, atol: 1e-12, label: 'fscore' });
      if (e.support === null || e.support === undefined) expect(r.support).toBeUndefined();
      else await assertClose(r.support, e.support, { rtol: 1e-12, label: 'support' });
      // scikit-learn warns only with zero_division="warn"; our callback fires whatever the value.
      if (c.options.zeroDivision === undefined) expect(warnings.length > 0).toBe(c.warned);
    });
  });
});

describe('precisionScore, recallScore, f1Score, fbetaScore against scikit-learn 1.2', () => {
  const fns: Record<string, (t: Json, p: Json, o: Json) => number | number[]> = { precisionScore, recallScore, f1Score, fbetaScore };
  (fx.single as Json[]).forEach((c, i) => {
    it(`${c.fn} case ${i} (average=${String(c.options.average)})`, async () => {
      await assertClose(fns[c.fn](c.yTrue, c.yPred, c.options), c.expected, { rtol: 1e-12, atol: 1e-12 });
    });
  });

  it("defaults to average 'binary' with posLabel 1", () => {
    // tp = 2, fp = 1, fn = 1 for class 1.
    expect(precisionScore([1, 1, 0, 1, 0], [1, 1, 1, 0, 0])).toBeCloseTo(2 / 3, 12);
    expect(recallScore([1, 1, 0, 1, 0], [1, 1, 1, 0, 0])).toBeCloseTo(2 / 3, 12);
    expect(f1Score(['y', 'y', 'n'], ['y', 'n', 'n'], { posLabel: 'y' })).toBeCloseTo(2 / 3, 12);
    // F2 with P = 1/2, R = 1: 5·0.5·1 / (4·0.5 + 1) = 2.5 / 3.
    expect(fbetaScore([1, 0, 0, 0], [1, 1, 0, 0], { beta: 2 })).toBeCloseTo(2.5 / 3, 12);
  });
});

describe('precision/recall errors', () => {
  it('names the argument for length mismatch, empty input and unknown average', () => {
    expect(() => precisionScore([0, 1], [0])).toThrow(/precisionScore: 'yPred' must have the same length as 'yTrue' \(2\); received length 1/);
    expect(() => recallScore([], [])).toThrow(/recallScore: 'yTrue' must hold at least one sample/);
    expect(() => f1Score([0, 1], [0, 1], { average: 'samples' as never })).toThrow(/f1Score: 'average' must be one of .* received "samples"/);
    expect(() => fbetaScore([0, 1], [0, 1], { beta: -1 })).toThrow(/'beta' must be >= 0; received -1/);
    expect(() => precisionScore([0, 1], [0.5, 1])).toThrow(/'yPred\[0\]' must be an integer or string class label; received 0.5/);
    expect(() => precisionScore([0, 1], ['a', 'b'] as never)).toThrow(/mix strings and numbers/);
    expect(() => precisionScore([0, 1], [0, 1], { zeroDivision: 2 as never })).toThrow(/'zeroDivision' must be 0 or 1; received 2/);
    expect(() => precisionScore([0, 1], [0, 1], { sampleWeight: [1, -1] })).toThrow(/'sampleWeight\[1\]' must be a finite number >= 0; received -1/);
  });

  it('reports ill-defined values through onWarning and uses zeroDivision', () => {
    const msgs: string[] = [];
    expect(precisionScore([1, 1], [0, 0], { onWarning: (m) => msgs.push(m) })).toBe(0);
    expect(msgs).toEqual(['Precision is ill-defined and being set to 0.0 due to no predicted samples. Use `zeroDivision` to control this value.']);
    expect(precisionScore([1, 1], [0, 0], { zeroDivision: 1 })).toBe(1);
  });

  it('accepts typed arrays', () => {
    expect(precisionScore(new Int32Array([1, 0, 1]), new Uint8Array([1, 1, 1]))).toBeCloseTo(2 / 3, 12);
  });
});
