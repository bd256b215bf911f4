import { expect, it } from 'vitest';
import { Rng, tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { bruteKnnLoop, bruteKnnMatmul } from './brute-knn.js';
import { makeMetric } from './metric.js';

function randomData(rng: Rng, rows: number, d: number, grid: boolean): Float64Array {
  const out = new Float64Array(rows * d);
  for (let i = 0; i < out.length; i++) out[i] = grid ? rng.int(4) : rng.normal(3, 10);
  return out;
}

await describeBackends('bruteKnnMatmul (candidates from backend matmuls, exact rescoring)', (backend) => {
  const metric = makeMetric('euclidean', 2);
  for (const grid of [false, true]) {
    // Skipped on webgpu: this path reads synchronously (dataSync), so the estimators only use it on wasm.
    it.skipIf(backend === 'webgpu')(`returns exactly the typed-array loop's neighbours${grid ? ' on a grid with many ties and duplicates' : ''}`, async () => {
      const rng = new Rng(grid ? 1 : 2);
      const n = 700;
      const m = 90;
      const d = grid ? 3 : 12;
      const train = randomData(rng, n, d, grid);
      const query = randomData(rng, m, d, grid);
      for (const k of [1, 5, 17]) {
        const a = bruteKnnLoop(train, n, query, m, d, k, metric);
        let b = a;
        await assertNoLeaks(() => {
          b = bruteKnnMatmul(train, n, query, m, d, k, metric);
        });
        expect(Array.from(b.index)).toEqual(Array.from(a.index));
        expect(Array.from(b.dist)).toEqual(Array.from(a.dist));
      }
      expect(tf.getBackend()).toBe(backend);
    });
  }
});
