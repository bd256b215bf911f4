import { describe, expect, it } from 'vitest';
import { computeBaselines } from '../baseline/compute-baselines.js';
import { InteractionMatrix } from '../data/interaction-matrix.js';
import fixture from './__fixtures__/knn.json';
import { syntheticRatings } from '../data/synthetic-ratings.js';
import { computeSimilarities, type SimilarityName } from './compute-similarities.js';
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

  it('bounded lists are the prefix of the full lists, and the full lists are symmetric (synthetic data)', () => {
    const synth = syntheticRatings({ nUsers: 60, nItems: 150, nRatings: 2500, seed: 3 });
    const csc = synth.csc();
    const rows = { indptr: csc.indptr, indices: csc.indices, values: csc.values };
    const cols = { indptr: synth.indptr, indices: synth.indices, values: synth.values };
    const b = computeBaselines(synth);
    const baselines = { globalMean: b.globalMean, bx: b.bi, by: b.bu };
    for (const name of ['cosine', 'msd', 'pearson', 'pearsonBaseline', 'adjustedCosine'] as const) {
      const input = { name, rows, cols, minSupport: 2, shrinkage: 10, baselines };
      const full = computeSimilarities({ ...input, storedNeighbors: Infinity });
      const top = computeSimilarities({ ...input, storedNeighbors: 7 });
      const dense = new Map<number, number>();
      for (let x = 0; x < synth.nItems; x++) for (let t = full.indptr[x]; t < full.indptr[x + 1]; t++) dense.set(x * synth.nItems + full.indices[t], full.values[t]);
      expect(dense.size).toBeGreaterThan(synth.nItems);
      for (const [key, value] of dense) expect(dense.get((key % synth.nItems) * synth.nItems + Math.floor(key / synth.nItems))).toBe(value);
      for (let x = 0; x < synth.nItems; x++) {
        const n = Math.min(7, full.indptr[x + 1] - full.indptr[x]);
        expect(top.indptr[x + 1] - top.indptr[x]).toBe(n);
        expect(Array.from(top.indices.subarray(top.indptr[x], top.indptr[x] + n))).toEqual(Array.from(full.indices.subarray(full.indptr[x], full.indptr[x] + n)));
        expect(Array.from(top.values.subarray(top.indptr[x], top.indptr[x] + n))).toEqual(Array.from(full.values.subarray(full.indptr[x], full.indptr[x] + n)));
      }
    }
    const shuffled = { ...cols, indices: cols.indices.slice().reverse() };
    expect(() => computeSimilarities({ name: 'cosine', rows, cols: shuffled, minSupport: 1, shrinkage: 0, storedNeighbors: 5 })).toThrow(/'cols' must be the transpose of 'rows' with sorted indices/);
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
