import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { KMeans } from './k-means.js';
import { MiniBatchKMeans, MINI_BATCH_KMEANS_DEFAULTS } from './mini-batch-k-means.js';
import { NotFittedError } from '../base/not-fitted-error.js';

/** Blobs: `k` well-separated centers in `d` dimensions, unit-variance noise. */
function blobs(seed: number, n: number, k: number, d: number): { X: number[][]; truth: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const truth = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(-20, 20)));
  const y = Array.from({ length: n }, (_, i) => i % k);
  const X = y.map((c) => truth[c].map((v) => v + rng.normal(0, 1)));
  return { X, truth, y };
}

function nearest(p: number[], centers: number[][]): number {
  let best = Infinity;
  for (const c of centers) best = Math.min(best, Math.hypot(...p.map((v, j) => v - c[j])));
  return best;
}

describe('MiniBatchKMeans', () => {
  const { X, truth } = blobs(1, 6000, 5, 4);

  it('finds the blob centers with an inertia close to full k-means', () => {
    const mb = new MiniBatchKMeans({ nClusters: 5, batchSize: 256, randomState: 2 }).fit(X);
    const km = new KMeans({ nClusters: 5, nInit: 3, randomState: 2 }).fit(X);
    // every true center has a fitted center within 0.3 (noise σ = 1, ~1200 points per blob)
    for (const t of truth) expect(nearest(t, mb.clusterCenters)).toBeLessThan(0.3);
    expect(mb.inertia).toBeGreaterThanOrEqual(km.inertia * (1 - 1e-9));
    expect(mb.inertia).toBeLessThan(km.inertia * 1.02);
    expect(mb.labels).toEqual(mb.predict(X));
    expect(mb.nSteps).toBeGreaterThan(1);
    expect(mb.nSteps).toBeLessThanOrEqual(Math.floor((100 * 6000) / 256));
    expect(mb.nIter).toBe(Math.ceil((mb.nSteps * 256) / 6000));
    expect(mb.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('stops early without improvement, and later with maxNoImprovement null and tol 0 runs all steps', () => {
    const early = new MiniBatchKMeans({ nClusters: 5, batchSize: 500, randomState: 0 }).fit(X);
    expect(early.nSteps).toBeLessThan(Math.floor((100 * 6000) / 500));
    const all = new MiniBatchKMeans({ nClusters: 5, batchSize: 500, maxIter: 2, maxNoImprovement: null, randomState: 0 }).fit(X);
    expect(all.nSteps).toBe(Math.floor((2 * 6000) / 500));
    expect(all.nIter).toBe(2);
    const withTol = new MiniBatchKMeans({ nClusters: 5, batchSize: 500, maxNoImprovement: null, tol: 1e-3, randomState: 0 }).fit(X);
    expect(withTol.nSteps).toBeLessThan(Math.floor((100 * 6000) / 500));
  });

  it('reassigns a center that never receives samples', () => {
    // one center far from all the data never wins a sample: reassignment moves it onto a data row
    const init = [...truth.slice(0, 4), [1e4, 1e4, 1e4, 1e4]];
    const mb = new MiniBatchKMeans({ nClusters: 5, init, batchSize: 100, maxIter: 1, maxNoImprovement: null, randomState: 3 }).fit(X);
    const far = mb.clusterCenters[4];
    expect(Math.max(...far.map(Math.abs))).toBeLessThan(100);
    expect(mb.labels.filter((l) => l === 4).length).toBeGreaterThan(0);
    // without reassignment it stays where it was
    const stuck = new MiniBatchKMeans({ nClusters: 5, init, batchSize: 100, maxIter: 1, maxNoImprovement: null, reassignmentRatio: 0, randomState: 3 }).fit(X);
    expect(stuck.clusterCenters[4]).toEqual([1e4, 1e4, 1e4, 1e4]);
    expect(stuck.counts[4]).toBe(0);
  });

  it('partialFit over a stream of batches converges to the blobs', () => {
    const mb = new MiniBatchKMeans({ nClusters: 5, randomState: 4 });
    for (let pass = 0; pass < 3; pass++) for (let s = 0; s < X.length; s += 600) mb.partialFit(X.slice(s, s + 600));
    for (const t of truth) expect(nearest(t, mb.clusterCenters)).toBeLessThan(0.5);
    expect(mb.nSteps).toBe(30);
    expect(mb.labels.length).toBe(600);
    expect(() => mb.partialFit([[1, 2]])).toThrow(/must have 4 features.*received 2/);
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const a = new MiniBatchKMeans({ nClusters: 3, randomState: 9 }).fit(X);
    const b = new MiniBatchKMeans({ nClusters: 3, randomState: 9 }).fit(X);
    expect(a.clusterCenters).toEqual(b.clusterCenters);
    const back = MiniBatchKMeans.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(back.clusterCenters).toEqual(a.clusterCenters);
    expect(back.predict(X.slice(0, 50))).toEqual(a.predict(X.slice(0, 50)));
    expect(back.inertia).toBe(a.inertia);
    expect(() => MiniBatchKMeans.fromJSON({ format: 'ml-classical/k-means', version: 1 })).toThrow(/'format' must be 'ml-classical\/mini-batch-k-means'/);
  });

  it('has sklearn 1.2 defaults and clear errors', () => {
    expect(MINI_BATCH_KMEANS_DEFAULTS).toMatchObject({ nClusters: 8, maxIter: 100, batchSize: 1024, tol: 0, maxNoImprovement: 10, initSize: null, nInit: 3, reassignmentRatio: 0.01, computeLabels: true });
    expect(() => new MiniBatchKMeans().predict(X)).toThrow(NotFittedError);
    expect(() => new MiniBatchKMeans({ batchSize: 0 }).fit(X)).toThrow(/'batchSize' must be an integer >= 1; received 0/);
    expect(() => new MiniBatchKMeans({ nClusters: 5 }).fit([[0], [1]])).toThrow(/at least nClusters = 5 rows; received 2/);
    expect(() => new MiniBatchKMeans({ nClusters: 2, init: [[0, 0, 0, 0]] }).fit(X)).toThrow(/'init' must have nClusters = 2 rows; received 1/);
    expect(() => new MiniBatchKMeans().fit([[0, NaN]])).toThrow(/must be a finite number/);
    const noLabels = new MiniBatchKMeans({ nClusters: 3, computeLabels: false }).fit(X);
    expect(() => noLabels.labels).toThrow(NotFittedError);
    expect(noLabels.inertia).toBeGreaterThan(0);
    expect(noLabels.transform(X.slice(0, 2))[0].length).toBe(3);
    expect(noLabels.score(X)).toBeLessThan(0);
  });
});
