import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { KMeans, KMEANS_DEFAULTS } from './k-means.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import fixture from './__fixtures__/kmeans.json';

interface Case {
  name: string;
  X: number[][];
  init: number[][];
  params: { max_iter?: number; tol?: number; algorithm?: 'lloyd' | 'elkan' };
  centers: number[][];
  labels: number[];
  inertia: number;
  nIter: number;
  XTest: number[][];
  predict: number[];
  transform: number[][];
  score: number;
}

describe('KMeans from given init centers equals scikit-learn 1.2', () => {
  for (const c of fixture.fromInit as Case[]) {
    it(c.name, async () => {
      const km = new KMeans({ nClusters: c.init.length, init: c.init, maxIter: c.params.max_iter ?? 300, tol: c.params.tol ?? 1e-4, algorithm: c.params.algorithm ?? 'lloyd' });
      expect(km.fit(c.X)).toBe(km);
      expect(km.labels).toEqual(c.labels);
      expect(km.nIter).toBe(c.nIter);
      await assertClose(km.clusterCenters, c.centers, { rtol: 1e-4, atol: 1e-9 });
      await assertClose(km.inertia, c.inertia, { rtol: 1e-4 });
      expect(km.predict(c.XTest)).toEqual(c.predict);
      await assertClose(km.transform(c.XTest), c.transform, { rtol: 1e-4 });
      await assertClose(km.score(c.XTest), c.score, { rtol: 1e-4 });
    });
  }
});

describe('KMeans with k-means++', () => {
  const { X, nClusters, inertia } = fixture.plusPlus;

  it("best of nInit runs has inertia within 3% of scikit-learn's best of 10", () => {
    const km = new KMeans({ nClusters, randomState: 7 }).fit(X);
    expect(km.inertia).toBeLessThan(inertia * 1.03);
    expect(km.inertia).toBeGreaterThan(inertia * 0.97);
  });

  it("randomState 0 with the default nInit 10 gives scikit-learn's inertia (same draws)", async () => {
    const km = new KMeans({ nClusters, randomState: 0 }).fit(X);
    await assertClose(km.inertia, inertia, { rtol: 1e-9 });
  });

  it('is deterministic for a seed, and random init works too', () => {
    const a = new KMeans({ nClusters, nInit: 1, randomState: 3 }).fit(X);
    const b = new KMeans({ nClusters, nInit: 1, randomState: 3 }).fit(X);
    expect(a.clusterCenters).toEqual(b.clusterCenters);
    const r = new KMeans({ nClusters, init: 'random', randomState: 1 }).fit(X);
    expect(r.inertia).toBeLessThan(inertia * 1.1);
    const e = new KMeans({ nClusters, nInit: 1, randomState: 3, algorithm: 'elkan' }).fit(X);
    expect(e.labels).toEqual(a.labels);
    expect(e.inertia).toBeCloseTo(a.inertia, 6);
  });

  it('fitPredict, fitTransform and labels agree with predict', () => {
    const km = new KMeans({ nClusters, nInit: 2 });
    const labels = km.fitPredict(X);
    expect(km.predict(X)).toEqual(labels);
    const dist = km.fitTransform(X);
    expect(dist.length).toBe(X.length);
    expect(dist[0].length).toBe(nClusters);
  });

  it("a later fit leaves an earlier model's labels alone (the kernel's memory is reused)", () => {
    const a = new KMeans({ nClusters, nInit: 1, randomState: 5 }).fit(X);
    const labels = a.labels;
    expect(a.predict(X)).toEqual(labels);
    new KMeans({ nClusters: 2, nInit: 1, randomState: 1 }).fit(X.map(([u, v]) => [v, -u]));
    expect(a.labels).toEqual(labels);
  });

  it('accepts {data, shape} typed input with the same result', () => {
    const flat = { data: Float32Array.from(X.flat()), shape: [X.length, 2] as const };
    const a = new KMeans({ nClusters, nInit: 1 }).fit(flat);
    const b = new KMeans({ nClusters, nInit: 1 }).fit(X.map((r) => r.map((v) => Math.fround(v))));
    expect(a.labels).toEqual(b.labels);
  });
});

describe('KMeans contract', () => {
  const X = fixture.plusPlus.X;

  it('exports defaults as sklearn 1.2', () => {
    expect(KMEANS_DEFAULTS).toMatchObject({ nClusters: 8, nInit: 10, maxIter: 300, tol: 1e-4, init: 'k-means++' });
  });

  it('throws NotFittedError before fit', () => {
    const km = new KMeans();
    expect(() => km.predict(X)).toThrow(NotFittedError);
    expect(() => km.inertia).toThrow(/'inertia' needs a fitted estimator/);
  });

  it('rejects NaN, ragged rows, wrong feature counts and bad params with clear messages', () => {
    expect(() => new KMeans({ nClusters: 2 }).fit([[0, 1], [NaN, 2], [3, 4]])).toThrow(/X\[1\]\[0\]' must be a finite number.*NaN/);
    expect(() => new KMeans({ nClusters: 2 }).fit([[0, 1], [2], [3, 4]])).toThrow(/row 0 has 2 entries but row 1 has 1/);
    expect(() => new KMeans({ nClusters: 5 }).fit([[0], [1]])).toThrow(/at least nClusters = 5 rows; received 2/);
    expect(() => new KMeans({ nClusters: 0 }).fit(X)).toThrow(/'nClusters' must be an integer >= 1; received 0/);
    const km = new KMeans({ nClusters: 2, nInit: 1 }).fit(X);
    expect(() => km.predict([[1, 2, 3]])).toThrow(/must have 2 features.*received 3/);
    expect(() => new KMeans({ nClusters: 2, init: [[0, 0]] }).fit(X)).toThrow(/'init' must have nClusters = 2 rows; received 1/);
  });

  it('round-trips through JSON', () => {
    const km = new KMeans({ nClusters: 3, nInit: 1 }).fit(X);
    const back = KMeans.fromJSON(JSON.parse(JSON.stringify(km.toJSON())));
    expect(back.clusterCenters).toEqual(km.clusterCenters);
    expect(back.predict(X)).toEqual(km.predict(X));
    expect(back.params.nClusters).toBe(3);
    expect(() => KMeans.fromJSON({ format: 'other', version: 1 })).toThrow(/'format' must be 'ml-classical\/k-means'/);
    expect(KMeans.fromJSON(new KMeans({ init: [[0, 0]] }).toJSON()).params.init).toEqual([[0, 0]]);
  });
});
