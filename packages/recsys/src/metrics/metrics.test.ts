import { describe, expect, it } from 'vitest';
import { topN } from '../common/top-n.js';
import { auc } from './auc.js';
import { catalogCoverage } from './catalog-coverage.js';
import { hitRateAtK } from './hit-rate-at-k.js';
import { mae } from './mae.js';
import { mapAtK } from './map-at-k.js';
import { ndcgAtK } from './ndcg-at-k.js';
import { popularityBias } from './popularity-bias.js';
import { precisionAtK } from './precision-at-k.js';
import { recallAtK } from './recall-at-k.js';
import { rmse } from './rmse.js';

describe('rating metrics', () => {
  it('RMSE and MAE by hand', () => {
    expect(rmse([1, 2, 4], [1, 4, 3])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(mae([1, 2, 4], [1, 4, 3])).toBeCloseTo(1, 15);
    expect(() => rmse([1, Number.NaN], [1, 2])).toThrow(/'predicted\[1\]' must be finite; received NaN/);
    expect(() => mae([], [])).toThrow(/must not be empty/);
  });
});

describe('ranking metrics (hand-computed)', () => {
  // user 0 ranks [3, 1, 4, 0]; relevant {1, 0, 9}; user 1 has nothing held out (skipped).
  const rec = [[3, 1, 4, 0], [0, 1]];
  const rel = [[1, 0, 9], []];
  it('precision, recall, hit rate, MAP and NDCG at k = 3', () => {
    expect(precisionAtK(rec, rel, 3)).toBeCloseTo(1 / 3, 15);
    expect(recallAtK(rec, rel, 3)).toBeCloseTo(1 / 3, 15);
    expect(hitRateAtK(rec, rel, 3)).toBe(1);
    expect(mapAtK(rec, rel, 3)).toBeCloseTo(1 / 2 / 3, 15);
    const dcg = 1 / Math.log2(3);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAtK(rec, rel, 3)).toBeCloseTo(dcg / idcg, 15);
    // At k = 4 the 4th item hits; IDCG is truncated at min(k, |relevant|) = 3.
    expect(ndcgAtK(rec, rel, 4)).toBeCloseTo((dcg + 1 / Math.log2(5)) / idcg, 15);
    expect(mapAtK(rec, rel, 4)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 15);
    expect(() => precisionAtK(rec, rel, 0)).toThrow(/'k' must be an integer >= 1; received 0/);
  });
  it('tied scores rank by lower item index, so the metrics are deterministic', () => {
    const top = topN([0.5, 0.9, 0.5, 0.9, 0.1], 3);
    expect(Array.from(top.indices)).toEqual([1, 3, 0]);
    expect(precisionAtK([top.indices], [[0, 2]], 3)).toBeCloseTo(1 / 3, 15);
    expect(Array.from(topN([1, 1, 1], 5, (i) => i === 1).indices)).toEqual([0, 2]);
  });
  it('AUC counts ties as one half and skips excluded items', () => {
    // positives {0, 2}; scores: 0 → 0.8, 1 → 0.8, 2 → 0.1, 3 → 0.5 (item 4 excluded).
    // pairs: (0,1) tie ½, (0,3) 1, (2,1) 0, (2,3) 0 → 1.5 / 4.
    expect(auc([[0.8, 0.8, 0.1, 0.5, 9]], [[0, 2]], [[4]])).toBeCloseTo(0.375, 15);
    expect(auc([[1, 1, 1]], [[0]])).toBeCloseTo(0.5, 15);
  });
  it('catalog coverage and popularity bias', () => {
    expect(catalogCoverage([[0, 1], [1, 2], [-1, -1]], 10, 2)).toBeCloseTo(0.3, 15);
    expect(popularityBias([[0, 1], [2, -1]], [10, 20, 5], 2)).toBeCloseTo((15 + 5) / 2, 15);
  });
});
