import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { logLoss } from './log-loss.js';
import { perplexity } from './perplexity.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();

describe('logLoss against scikit-learn 1.2', () => {
  (fx.logloss as Json[]).forEach((c, i) => {
    it(`case ${i}${c.error !== undefined ? ' (error)' : ''}`, async () => {
      if (c.error !== undefined) {
        expect(() => logLoss(c.yTrue, c.yPred, c.options)).toThrow(/logLoss: /);
        return;
      }
      await assertClose(logLoss(c.yTrue, c.yPred, c.options), c.expected, { rtol: 1e-12 });
    });
  });

  it('rejects yTrue labels outside labels, bad eps and length mismatch', () => {
    expect(() => logLoss([0, 3], [[0.5, 0.5], [0.5, 0.5]], { labels: [0, 1] })).toThrow(/'yTrue\[1\]' must be one of \[0, 1\]; received 3/);
    expect(() => logLoss([0, 1], [0.2, 0.3], { eps: 0.7 })).toThrow(/'eps' must be 'auto' or a number in \[0, 0.5\); received 0.7/);
    expect(() => logLoss([0, 1], [0.2])).toThrow(/logLoss: 'yPred' must have the same length as 'yTrue' \(2\)/);
  });
});

describe('perplexity', () => {
  it('is exp of the mean cross-entropy in nats (hand-computed)', () => {
    expect(perplexity(0)).toBe(1);
    expect(perplexity(Math.log(50))).toBeCloseTo(50, 10);
    // Uniform guesses over 4 classes: every token costs ln 4, perplexity 4.
    expect(perplexity([Math.log(4), Math.log(4), Math.log(4)])).toBeCloseTo(4, 12);
    // Weights act as a mask: the second token is padding.
    expect(perplexity([Math.log(2), 100, Math.log(8)], { sampleWeight: [1, 0, 1] })).toBeCloseTo(4, 12);
  });

  it('agrees with logLoss of the same predictions', () => {
    const y = [0, 2, 1, 2];
    const p = [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.3, 0.4, 0.3], [0.25, 0.25, 0.5]];
    const direct = Math.exp(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.4) + Math.log(0.5)) / 4);
    expect(perplexity(logLoss(y, p))).toBeCloseTo(direct, 12);
  });

  it('rejects negative, NaN and empty input', () => {
    expect(() => perplexity(-1)).toThrow(/perplexity: 'crossEntropy' must be a number >= 0 \(nats\); received -1/);
    expect(() => perplexity([0.1, NaN])).toThrow(/'crossEntropy\[1\]' must be a number >= 0 \(nats\); received NaN/);
    expect(() => perplexity([])).toThrow(/must hold at least one token loss/);
  });
});
