import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { rocAucScore } from './roc-auc-score.js';
import { rocCurve } from './roc-curve.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();

describe('rocCurve against scikit-learn 1.2', () => {
  (fx.roc as Json[]).forEach((c, i) => {
    it(`case ${i} (${JSON.stringify({ ...c.options, sampleWeight: c.options.sampleWeight !== undefined })})`, async () => {
      const r = rocCurve(c.yTrue, c.yScore, c.options);
      await assertClose(r.fpr, c.expected.fpr, { rtol: 1e-12, atol: 1e-15, label: 'fpr' });
      await assertClose(r.tpr, c.expected.tpr, { rtol: 1e-12, atol: 1e-15, label: 'tpr' });
      await assertClose(r.thresholds, c.expected.thresholds, { rtol: 1e-12, label: 'thresholds' });
    });
  });

  it('warns and returns NaN rates when a class is missing', () => {
    const msgs: string[] = [];
    const r = rocCurve([1, 1], [0.3, 0.6], { onWarning: (m) => msgs.push(m) });
    expect(r.fpr.every(Number.isNaN)).toBe(true);
    expect(msgs).toEqual(['No negative samples in y_true, false positive value should be meaningless']);
  });

  it('needs posLabel for labels outside {0, 1} / {-1, 1} and for multiclass', () => {
    expect(() => rocCurve(['a', 'b'], [0.1, 0.2])).toThrow(/rocCurve: 'yTrue' takes values \["a", "b"\] and 'posLabel' is not given/);
    expect(() => rocCurve([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/'yTrue' must be binary unless 'posLabel' is given; received 3 classes/);
    expect(() => rocCurve([0, 1], [0.1, Infinity])).toThrow(/'yScore\[1\]' must be a finite number; received Infinity/);
    expect(() => rocCurve([0, 1], [0.1])).toThrow(/'yScore' must have the same length as 'yTrue' \(2\)/);
  });
});

describe('rocAucScore against scikit-learn 1.2', () => {
  (fx.auc as Json[]).forEach((c, i) => {
    const binary = typeof c.yScore[0] === 'number';
    it(`case ${i} ${binary ? 'binary' : `${c.options.multiClass}/${String(c.options.average)}`}${c.error !== undefined ? ' (error)' : ''}`, async () => {
      if (c.error !== undefined) {
        expect(() => rocAucScore(c.yTrue, c.yScore, c.options)).toThrow(/rocAucScore: /);
        return;
      }
      await assertClose(rocAucScore(c.yTrue, c.yScore, c.options) as number | number[], c.expected, { rtol: 1e-12, atol: 1e-14 });
    });
  });

  it('counts tied scores as half (hand-computed)', () => {
    // Positives {0.5, 0.8}, negatives {0.5, 0.2}: pairs (0.5,0.5) tie = 1/2, the other three are ordered → 3.5 / 4.
    expect(rocAucScore([1, 1, 0, 0], [0.5, 0.8, 0.5, 0.2])).toBeCloseTo(0.875, 14);
  });

  it('rejects unsupported averages and binary rows', () => {
    const p = [[0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.1, 0.1, 0.8]];
    expect(() => rocAucScore([0, 1, 2], p, { multiClass: 'ovo', average: null })).toThrow(/'average' must be 'macro' or 'weighted' with multiClass 'ovo'/);
    expect(() => rocAucScore([0, 1, 2], p, { average: 'samples' as never })).toThrow(/'average' must be 'macro', 'weighted', 'micro' or null; received "samples"/);
    expect(() => rocAucScore([0, 1], [[0.4, 0.6], [0.3, 0.7]])).toThrow(/binary 'yTrue' needs one score per sample/);
    expect(() => rocAucScore([0, 1, 2], p, { multiClass: 'ovo', sampleWeight: [1, 1, 1] })).toThrow(/'sampleWeight' is not supported with multiClass 'ovo'/);
    expect(() => rocAucScore([0, 1, 2], p, { multiClass: 'ovr', labels: [2, 1, 0] })).toThrow(/'labels' must be sorted/);
  });
});
