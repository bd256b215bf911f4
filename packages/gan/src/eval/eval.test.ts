/**
 * Fréchet distance against numpy/scipy (scipy.linalg.sqrtm-based FID as pytorch-fid computes it,
 * scripts/fixtures/gan_frechet.py), to 1e-6 relative (1e-9 absolute for the zero case); classifier
 * scores against numpy on a fixed probability matrix (1e-9 relative). Pure JS, float64: no backend.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { classifierScores } from './classifier-score.js';
import { frechetDistance } from './frechet-distance.js';
import { symmetricEigen } from './symmetric-eigen.js';

interface Encoded {
  shape: [number, number];
  data: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/gan-frechet.json', import.meta.url), 'utf8')) as {
  cases: { name: string; a: Encoded; b: Encoded; distance: number }[];
  scores: { probs: Encoded; confidence: number; coverage: number; marginalEntropy: number; inceptionScore: number };
};

for (const c of fixture.cases) {
  it(`frechetDistance matches scipy's sqrtm FID: ${c.name}`, () => {
    const d = frechetDistance(c.a, c.b);
    if (c.name === 'identical') expect(Math.abs(d)).toBeLessThan(1e-9);
    else expect(Math.abs(d - c.distance) / Math.abs(c.distance)).toBeLessThan(1e-6);
  });
}

it('frechetDistance takes nested arrays too, and is symmetric', () => {
  const c = fixture.cases[0] as (typeof fixture.cases)[0];
  const rows = (e: Encoded): number[][] => Array.from({ length: e.shape[0] }, (_, i) => e.data.slice(i * e.shape[1], (i + 1) * e.shape[1]));
  expect(frechetDistance(rows(c.a), rows(c.b))).toBeCloseTo(c.distance, 8);
  expect(frechetDistance(c.b, c.a)).toBeCloseTo(c.distance, 8);
  expect(() => frechetDistance([[1, 2]], [[1, 2], [3, 4]])).toThrow(/'a' must have at least 2 rows/);
  expect(() => frechetDistance([[1, 2], [3, 4]], [[1], [3]])).toThrow(/same width; received 2 and 1/);
});

it('symmetricEigen reconstructs A = V diag(λ) Vᵀ', () => {
  const a = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 5]);
  const { values, vectors } = symmetricEigen(a, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (vectors[i * 3 + k] as number) * (values[k] as number) * (vectors[j * 3 + k] as number);
      expect(s).toBeCloseTo(a[i * 3 + j] as number, 12);
    }
  }
});

it('classifierScores match numpy', () => {
  const s = fixture.scores;
  const got = classifierScores(s.probs.data, s.probs.shape);
  for (const key of ['confidence', 'coverage', 'marginalEntropy', 'inceptionScore'] as const) {
    expect(Math.abs(got[key] - s[key]) / Math.abs(s[key])).toBeLessThan(1e-9);
  }
  // Extremes: one-hot on all K classes evenly → IS = K, coverage 1; all the same class → IS = 1.
  const even = classifierScores([1, 0, 0, 1], [2, 2]);
  expect(even.inceptionScore).toBeCloseTo(2, 12);
  expect(even.coverage).toBe(1);
  const collapsed = classifierScores([1, 0, 1, 0], [2, 2]);
  expect(collapsed.inceptionScore).toBeCloseTo(1, 12);
  expect(collapsed.coverage).toBe(0.5);
});
