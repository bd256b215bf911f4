import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanSquaredError } from './mean-squared-error.js';
import { r2Score } from './r2-score.js';
import { rootMeanSquaredError } from './root-mean-squared-error.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();
const FNS: Record<string, (t: Json, p: Json, o: Json) => number | number[]> = {
  meanSquaredError, rootMeanSquaredError, meanAbsoluteError, r2Score,
};

describe('regression metrics against scikit-learn 1.2', () => {
  (fx.regression as Json[]).forEach((c, i) => {
    if (c.r2 !== undefined) {
      it(`case ${i}: r2Score variance_weighted / forceFinite`, async () => {
        for (const r of c.r2 as Json[]) {
          await assertClose(r2Score(c.yTrue, c.yPred, r.options), r.expected, { rtol: 1e-10, label: JSON.stringify(r.options.multioutput) });
        }
      });
      return;
    }
    it(`case ${i}: multioutput=${JSON.stringify(c.options.multioutput)} weighted=${String(c.options.sampleWeight !== undefined)}`, async () => {
      for (const name of Object.keys(FNS)) {
        await assertClose(FNS[name](c.yTrue, c.yPred, c.options), c.expected[name], { rtol: 1e-10, atol: 1e-14, label: name });
      }
    });
  });

  it('hand-computed values', () => {
    expect(meanSquaredError([1, 2, 3], [1, 2, 5])).toBeCloseTo(4 / 3, 14);
    expect(rootMeanSquaredError([[0, 0], [0, 0]], [[3, 1], [3, 1]], { multioutput: 'raw_values' })).toEqual([3, 1]);
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 1])).toBe(1);
    expect(r2Score([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBeCloseTo(0, 14);
  });

  it('warns and returns NaN for R² on one sample', () => {
    const msgs: string[] = [];
    expect(r2Score([1], [2], { onWarning: (m) => msgs.push(m) })).toBeNaN();
    expect(msgs).toEqual(['R^2 score is not well-defined with less than two samples.']);
  });

  it('rejects mismatched shapes, empty input and bad multioutput', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/meanSquaredError: 'yPred' must have the same length as 'yTrue' \(2\); received length 1/);
    expect(() => meanAbsoluteError([], [])).toThrow(/meanAbsoluteError: 'yTrue' must hold at least one sample/);
    expect(() => r2Score([[1, 2]], [[1]])).toThrow(/'yPred' must have 2 outputs like 'yTrue'; received 1/);
    expect(() => meanSquaredError([[1, 2], [3, 4]], [[1, 2], [3, 4]], { multioutput: [1] })).toThrow(/'multioutput' must hold one weight per output \(2\); received length 1/);
    expect(() => meanSquaredError([1], [1], { multioutput: 'variance_weighted' as never })).toThrow(/'multioutput' must be one of 'raw_values', 'uniform_average'/);
    expect(() => meanSquaredError([1, NaN], [1, 1])).toThrow(/'yTrue\[1\]' must be a finite number; received NaN/);
  });
});
