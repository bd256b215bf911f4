import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { accuracyScore } from './accuracy-score.js';
import { confusionMatrix } from './confusion-matrix.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();

describe('accuracyScore against scikit-learn 1.2', () => {
  (fx.accuracy as Json[]).forEach((c, i) => {
    it(`case ${i} normalize=${String(c.options.normalize)} weighted=${String(c.options.sampleWeight !== undefined)}`, async () => {
      await assertClose(accuracyScore(c.yTrue, c.yPred, c.options), c.expected, { rtol: 1e-12 });
    });
  });

  it('rejects bad input with the argument named', () => {
    expect(() => accuracyScore([1, 2], [1])).toThrow(/accuracyScore: 'yPred' must have the same length as 'yTrue' \(2\); received length 1/);
    expect(() => accuracyScore([], [])).toThrow(/'yTrue' must hold at least one sample/);
    expect(() => accuracyScore([1], [1], { sampleWeight: [0] })).toThrow(/'sampleWeight' must not sum to zero/);
    expect(() => accuracyScore([1, NaN], [1, 1])).toThrow(/'yTrue\[1\]' must be an integer or string class label; received NaN/);
  });
});

describe('confusionMatrix against scikit-learn 1.2', () => {
  (fx.confusion as Json[]).forEach((c, i) => {
    it(`case ${i} labels=${JSON.stringify(c.options.labels ?? null)} normalize=${String(c.options.normalize)}`, async () => {
      const cm = confusionMatrix(c.yTrue, c.yPred, c.options);
      expect(cm.length).toBe(c.expected.length);
      await assertClose(cm, c.expected, { rtol: 1e-12, atol: 1e-15 });
    });
  });

  it('rejects empty labels, labels absent from yTrue and unknown normalize', () => {
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [] })).toThrow(/'labels' must hold at least one label/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow(/at least one of 'labels' must occur in 'yTrue'; received \[5\]/);
    expect(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never })).toThrow(/'normalize' must be 'true', 'pred', 'all' or undefined; received "rows"/);
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [0, 0] })).toThrow(/'labels' must be distinct/);
  });
});
