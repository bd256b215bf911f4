import { expect, it } from 'vitest';
import { Rng, setBackend } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { createMatmulAssigner } from './matmul-assigner.js';
import { assignLabels } from './lloyd.js';
import { KMeans } from './k-means.js';

await describeBackends('k-means assignment through backend matmuls', (backend) => {
  // Skipped on webgpu: the assigner reads synchronously (dataSync); KMeans only uses it on wasm.
  for (const grid of [false, true]) {
    it.skipIf(backend === 'webgpu')(`gives the float64 loop's labels${grid ? ' with exact ties (grid data, centers on grid points)' : ''}`, async () => {
      const rng = new Rng(grid ? 5 : 6);
      const n = 3000;
      const d = 6;
      const k = 9;
      const data = new Float64Array(n * d).map(() => (grid ? rng.int(3) - 1 : rng.normal(0, 50)));
      const X = { data, rows: n, cols: d };
      const centers = new Float64Array(k * d).map((_, j) => (grid ? data[j] : rng.normal(0, 50)));
      const expected = new Int32Array(n);
      assignLabels(X, centers, k, expected);
      const got = new Int32Array(n);
      await assertNoLeaks(() => {
        const a = createMatmulAssigner(X, k);
        a.assign(centers, got);
        a.dispose();
      });
      expect(Array.from(got)).toEqual(Array.from(expected));
    });
  }

  // Only wasm takes the matmul path inside KMeans; compare it with the cpu backend (typed-array loop).
  it.skipIf(backend !== 'wasm')('KMeans on wasm (matmul path) fits exactly as on the bounded typed-array path', async () => {
    const rng = new Rng(11);
    const X = Array.from({ length: 600 }, (_, i) => Array.from({ length: 64 }, () => rng.normal(i % 4, 1)));
    let km: KMeans | undefined;
    await assertNoLeaks(() => {
      km = new KMeans({ nClusters: 32, nInit: 2, randomState: 1 }).fit(X); // n·k·d ≥ 2^18, k·d ≥ 2048
    });
    await setBackend('cpu');
    try {
      const loop = new KMeans({ nClusters: 32, nInit: 2, randomState: 1 }).fit(X);
      expect((km as KMeans).labels).toEqual(loop.labels);
      expect((km as KMeans).inertia).toBe(loop.inertia);
      expect((km as KMeans).nIter).toBe(loop.nIter);
    } finally {
      await setBackend(backend);
    }
  });
});
