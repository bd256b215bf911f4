import { describe, expect, it } from 'vitest';
import { assertClose } from '@ml/core/testing';
import { Rng } from '@ml/core';
import { KMeans } from './k-means.js';
import { MiniBatchKMeans } from './mini-batch-k-means.js';
import { kmeansPlusPlus, numpyDraws } from './kmeans-plusplus.js';
import { NumpyRandomState } from '../tree/sklearn-random.js';
import { wasmHamerly } from './wasm-hamerly.js';
import fixture from './__fixtures__/kmeans-seeded.json';

// scripts/fixtures/classical_kmeans_seeded.py: sklearn 1.2 `KMeans(random_state=seed, ...)` on four
// data sets (blobs, overlapping blobs, make_classification 2,000 × 16, rows repeated 1–12 times).

interface Fit {
  seed: number;
  init: 'k-means++' | 'random';
  algorithm: 'lloyd' | 'elkan';
  nInit: number;
  centers: number[][];
  labels: number[];
  inertia: number;
  nIter: number;
}
interface DataSet {
  name: string;
  X: number[][];
  nClusters: number;
  fits: Fit[];
  plusPlus: { seed: number; indices: number[] }[];
}
const sets = fixture.sets as DataSet[];

interface MiniBatchCase {
  data: string;
  nClusters: number;
  batchSize: number;
  params: { reassignment_ratio?: number; max_no_improvement?: number | null; tol?: number };
  fits: { seed: number; init: 'k-means++' | 'random'; centers: number[][]; labels: number[]; inertia: number; nSteps: number; nIter: number; counts: number[] }[];
  partialFit: { seed: number; rows: number; centers: number[][]; counts: number[]; afterFit: { centers: number[][]; counts: number[] } };
}
const miniBatch = fixture.miniBatch as MiniBatchCase[];

function dataOf(name: string): number[][] {
  const set = sets.find((s) => s.name === name);
  if (set === undefined) throw new Error(`no data set ${name} in the fixture`);
  return set.X;
}

function miniBatchParams(c: MiniBatchCase): { nClusters: number; batchSize: number; reassignmentRatio?: number; maxNoImprovement?: number | null; tol?: number } {
  const { reassignment_ratio: reassignmentRatio, max_no_improvement: maxNoImprovement, tol } = c.params;
  return {
    nClusters: c.nClusters,
    batchSize: c.batchSize,
    ...(reassignmentRatio === undefined ? {} : { reassignmentRatio }),
    ...(maxNoImprovement === undefined ? {} : { maxNoImprovement }),
    ...(tol === undefined ? {} : { tol }),
  };
}

/** The data centred as KMeans.fit does (feature means summed in row order). */
function centred(X: number[][]): { data: Float64Array; rows: number; cols: number } {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const mean = new Float64Array(d);
  for (const row of X) row.forEach((v, f) => (mean[f] += v));
  for (let f = 0; f < d; f++) mean[f] /= n;
  return { data: Float64Array.from(X.flatMap((row) => row.map((v, f) => v - mean[f]))), rows: n, cols: d };
}

describe('KMeans with an integer randomState equals scikit-learn 1.2 draw for draw', () => {
  for (const set of sets) {
    for (const f of set.fits) {
      it(`${set.name}: seed ${f.seed}, ${f.init}, ${f.algorithm}, nInit ${f.nInit}`, async () => {
        const km = new KMeans({ nClusters: set.nClusters, init: f.init, nInit: f.nInit, algorithm: f.algorithm, randomState: f.seed }).fit(set.X);
        expect(km.labels).toEqual(f.labels);
        expect(km.nIter).toBe(f.nIter);
        await assertClose(km.clusterCenters, f.centers, { rtol: 1e-9, atol: 1e-12 });
        await assertClose(km.inertia, f.inertia, { rtol: 1e-9 });
      });
    }
  }
});

describe('KMeans without WebAssembly (the JavaScript kernels) equals scikit-learn 1.2 too', () => {
  for (const set of sets) {
    for (const f of set.fits.filter((x) => x.algorithm === 'lloyd' && x.nInit === 1)) {
      it(`${set.name}: seed ${f.seed}, ${f.init}`, async () => {
        wasmHamerly.enabled = false;
        try {
          const km = new KMeans({ nClusters: set.nClusters, init: f.init, nInit: 1, randomState: f.seed }).fit(set.X);
          expect(km.labels).toEqual(f.labels);
          expect(km.nIter).toBe(f.nIter);
          await assertClose(km.clusterCenters, f.centers, { rtol: 1e-9, atol: 1e-12 });
        } finally {
          wasmHamerly.enabled = true;
        }
      });
    }
  }
});

describe('MiniBatchKMeans with an integer randomState equals scikit-learn 1.2 draw for draw', () => {
  for (const c of miniBatch) {
    const X = dataOf(c.data);
    for (const f of c.fits) {
      it(`${c.data}: batch ${c.batchSize}, seed ${f.seed}, ${f.init}, ${JSON.stringify(c.params)}`, async () => {
        const mb = new MiniBatchKMeans({ ...miniBatchParams(c), init: f.init, randomState: f.seed }).fit(X);
        expect(mb.nSteps).toBe(f.nSteps);
        expect(mb.nIter).toBe(f.nIter);
        expect(mb.labels).toEqual(f.labels);
        expect(mb.counts).toEqual(f.counts);
        await assertClose(mb.clusterCenters, f.centers, { rtol: 1e-9, atol: 1e-12 });
        await assertClose(mb.inertia, f.inertia, { rtol: 1e-9 });
      });
    }
    it(`${c.data}: three partialFit calls`, async () => {
      const { seed, rows, centers, counts } = c.partialFit;
      const mb = new MiniBatchKMeans({ ...miniBatchParams(c), randomState: seed });
      for (let j = 0; j < 3; j++) mb.partialFit(X.slice(j * rows, (j + 1) * rows));
      expect(mb.counts).toEqual(counts);
      await assertClose(mb.clusterCenters, centers, { rtol: 1e-9, atol: 1e-12 });
    });
    it(`${c.data}: fit, then two partialFit calls that reassign (a fresh stream, as sklearn)`, async () => {
      const { seed, rows, afterFit } = c.partialFit;
      const mb = new MiniBatchKMeans({ ...miniBatchParams(c), reassignmentRatio: 0.95, randomState: seed }).fit(X);
      mb.partialFit(X.slice(0, rows)).partialFit(X.slice(rows, 2 * rows));
      expect(mb.counts).toEqual(afterFit.counts);
      await assertClose(mb.clusterCenters, afterFit.centers, { rtol: 1e-9, atol: 1e-12 });
    });
  }
});

describe("k-means++ picks sklearn's rows from numpy's RandomState", () => {
  for (const set of sets) {
    for (const { seed, indices } of set.plusPlus) {
      for (const useWasm of [true, false]) {
        it(`${set.name}: seed ${seed}${useWasm ? '' : ' (JavaScript loop)'}`, () => {
          const x = centred(set.X);
          const centers = kmeansPlusPlus(x, set.nClusters, numpyDraws(new NumpyRandomState(seed)), useWasm);
          const d = x.cols;
          const expected = new Float64Array(indices.length * d);
          indices.forEach((row, j) => expected.set(x.data.subarray(row * d, (row + 1) * d), j * d));
          expect(Array.from(centers)).toEqual(Array.from(expected));
        });
      }
    }
  }
});

describe('NumpyRandomState draws for k-means', () => {
  it('random_sample and permutation equal numpy 1.24 (RandomState(5).permutation(10), .uniform(size=3), .randint(7))', () => {
    // /usr/bin/python3 -c "import numpy as np; r=np.random.RandomState(5); print(r.permutation(10).tolist(), r.uniform(size=3).tolist(), r.randint(7))"
    const rs = new NumpyRandomState(5);
    expect(Array.from(rs.permutation(10))).toEqual([9, 5, 2, 4, 7, 1, 0, 8, 6, 3]);
    expect([rs.randomSample(), rs.randomSample(), rs.randomSample()]).toEqual([0.3541380429150014, 0.48663799685836207, 0.9908209308067055]);
    expect(rs.randint(0, 7)).toBe(1);
  });
});

describe('KMeans randomState', () => {
  const set = sets[0] as DataSet;

  it('an Rng seeds the numpy stream with its next 32-bit draw', () => {
    const seed = new Rng(123).nextUint32();
    const a = new KMeans({ nClusters: 4, nInit: 2, randomState: new Rng(123) }).fit(set.X);
    const b = new KMeans({ nClusters: 4, nInit: 2, randomState: seed }).fit(set.X);
    expect(a.clusterCenters).toEqual(b.clusterCenters);
  });

  it("rejects seeds outside numpy's range", () => {
    expect(() => new KMeans({ nClusters: 2, randomState: -1 }).fit(set.X)).toThrow(/'randomState' must be an integer in \[0, 2\^32 - 1\].*received -1/);
    expect(() => new KMeans({ nClusters: 2, randomState: 1.5 }).fit(set.X)).toThrow(/'randomState'.*received 1.5/);
  });
});
