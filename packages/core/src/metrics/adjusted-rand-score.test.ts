import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustedRandScore, pairConfusionMatrix, randScore } from './adjusted-rand-score.js';

interface Case { labelsTrue: (number | string)[]; labelsPred: (number | string)[]; ari: number; ri: number }
const fx = JSON.parse(readFileSync(new URL('./__fixtures__/clustering.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('adjustedRandScore and randScore against scikit-learn 1.2', () => {
  fx.cases.forEach((c, i) => {
    it(`case ${i} (${c.labelsTrue.length} samples)`, () => {
      expect(Math.abs(adjustedRandScore(c.labelsTrue as string[], c.labelsPred as string[]) - c.ari)).toBeLessThan(1e-12);
      expect(Math.abs(randScore(c.labelsTrue as string[], c.labelsPred as string[]) - c.ri)).toBeLessThan(1e-12);
    });
  });

  it('is symmetric and ignores cluster names', () => {
    const a = [0, 0, 1, 1, 2, 2, 2];
    const b = [5, 5, 5, 7, 7, 9, 9];
    expect(adjustedRandScore(a, b)).toBeCloseTo(adjustedRandScore(b, a), 14);
    expect(adjustedRandScore(a, a.map((x) => ['p', 'q', 'r'][x]))).toBe(1);
  });

  it('counts ordered pairs like sklearn.metrics.cluster.pair_confusion_matrix', () => {
    // sklearn's docstring example: pair_confusion_matrix([0, 0, 1, 1], [1, 1, 0, 0]) == [[8, 0], [0, 4]]
    expect(pairConfusionMatrix([0, 0, 1, 1], [1, 1, 0, 0])).toEqual([[8, 0], [0, 4]]);
    expect(pairConfusionMatrix([0, 0, 1, 2], [0, 0, 1, 1])).toEqual([[8, 2], [0, 2]]);
  });

  it('names the argument on bad input', () => {
    expect(() => adjustedRandScore([0, 1], [0])).toThrow(/adjustedRandScore: 'labelsPred' must have the same length as 'labelsTrue' \(2\); received length 1/);
    expect(() => randScore([], [])).toThrow(/'labelsTrue' must hold at least one sample/);
    expect(() => adjustedRandScore([0.5], [0])).toThrow(/'labelsTrue\[0\]' must be an integer or string class label; received 0.5/);
  });
});
