import { describe, expect, it } from 'vitest';
import { computeBaselines } from '../baseline/compute-baselines.js';
import { InteractionMatrix } from '../data/interaction-matrix.js';
import fixture from './__fixtures__/knn.json';
import type { SimilarityName } from './compute-similarities.js';
import { KnnBaseline } from './knn-baseline.js';
import { KnnBasic } from './knn-basic.js';
import { KnnWithMeans } from './knn-with-means.js';

// Reference: scripts/fixtures/recsys_knn.py (Surprise's formulas ported to numpy).
const data = InteractionMatrix.fromInteractions(
  fixture.ratings.map(([user, item, value]) => ({ user: user as string, item: item as string, value: value as number })),
  { ratingScale: [1, 5] },
);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tol);
}

describe('baselines', () => {
  it('ALS and SGD match the Surprise port', () => {
    const als = computeBaselines(data);
    close(als.bu, fixture.baselinesAls.bu);
    close(als.bi, fixture.baselinesAls.bi);
    const sgd = computeBaselines(data, { method: 'sgd' });
    close(sgd.bu, fixture.baselinesSgd.bu);
    close(sgd.bi, fixture.baselinesSgd.bi);
  });
});

describe('kNN similarities and predictions (Surprise semantics)', () => {
  for (const c of fixture.cases) {
    const label = `${c.userBased ? 'user' : 'item'}-based ${c.similarity}`;
    const options = { userBased: c.userBased, similarity: c.similarity as SimilarityName, minSupport: c.minSupport, shrinkage: c.shrinkage, k: c.k, minK: c.minK, storedNeighbors: Infinity };
    it(`${label}: sparse positive similarities equal the dense reference`, () => {
      const model = new KnnBasic(options).fit(data);
      const n = c.sim.length;
      const dense = Array.from({ length: n }, () => new Float64Array(n));
      const s = model.similarities;
      for (let x = 0; x < n; x++) {
        for (let t = s.indptr[x]; t < s.indptr[x + 1]; t++) dense[x][s.indices[t]] = s.values[t];
        for (let t = s.indptr[x] + 1; t < s.indptr[x + 1]; t++) expect(s.values[t]).toBeLessThanOrEqual(s.values[t - 1]);
      }
      for (let x = 0; x < n; x++) close(dense[x], c.sim[x].map((v) => (v > 0 ? v : 0)));
    });
    for (const [Model, mode] of [[KnnBasic, 'basic'], [KnnWithMeans, 'means'], [KnnBaseline, 'baseline']] as const) {
      it(`${label}: ${Model.name} predictions and scoreItems`, () => {
        const model = new Model(options).fit(data);
        const expected = c.predictions[mode];
        const got: number[] = [];
        const scored: number[] = [];
        for (let u = 0; u < data.nUsers; u++) {
          const row = model.scoreItems(u);
          for (let i = 0; i < data.nItems; i++) {
            got.push(model.predict(u, i));
            scored.push(row[i]);
          }
        }
        close(got, expected);
        close(scored, expected);
      });
    }
  }

  it('storedNeighbors = k keeps at most k per row and scoreItems agrees with predict', () => {
    const model = new KnnWithMeans({ userBased: false, similarity: 'pearsonBaseline', k: 2 }).fit(data);
    const s = model.similarities;
    for (let x = 0; x < data.nItems; x++) expect(s.indptr[x + 1] - s.indptr[x]).toBeLessThanOrEqual(2);
    for (let u = 0; u < data.nUsers; u++) {
      const row = model.scoreItems(u);
      for (let i = 0; i < data.nItems; i++) expect(row[i]).toBeCloseTo(model.predict(u, i), 12);
    }
  });

  it('falls back to the global mean for a user without ratings, and to the baseline for KnnBaseline', () => {
    const withNew = data.select(Array.from({ length: data.nnz }, (_, e) => e).filter((e) => data.entryUsers()[e] !== 0));
    const basic = new KnnBasic().fit(withNew);
    expect(basic.predict(0, 0)).toBeCloseTo(withNew.globalMean(), 12);
    const bsl = new KnnBaseline().fit(withNew);
    const b = computeBaselines(withNew);
    expect(bsl.predict(0, 0)).toBeCloseTo(b.globalMean + b.bi[0], 12);
  });

  it('rejects bad options naming the argument', () => {
    expect(() => new KnnBasic({ k: 0 }).fit(data)).toThrow(/'k' must be an integer >= 1; received 0/);
    expect(() => new KnnBasic({ similarity: 'jaccard' as SimilarityName }).fit(data)).toThrow(/'similarity' must be one of/);
    expect(() => new KnnBasic().predict(0, 0)).toThrow(/not fitted/);
    const m = new KnnBasic().fit(data);
    expect(() => m.recommend('nobody')).toThrow(/unknown user "nobody"/);
    expect(() => m.predict(0, 99)).toThrow(/'item' must be an index in \[0, 6\]; received 99/);
  });
});
