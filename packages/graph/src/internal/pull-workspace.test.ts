import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { Graph } from '../graph/graph.js';
import { pagerank } from '../ranking/pagerank.js';
import { PullWorkspace } from './pull-workspace.js';
import { wasmPull } from './wasm-pull.js';

function randomGraph(seed: number, weighted: boolean): Graph {
  const rng = new Rng(seed);
  const n = 500;
  const m = 4000;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = rng.int(n - 20); // the last 20 nodes are dangling
    dst[i] = Math.floor(n * rng.random() ** 3);
    w[i] = rng.int(4) * 0.75; // some zero weights
  }
  return Graph.fromArrays(src, dst, { numNodes: n, weights: weighted ? w : undefined });
}

describe('PageRank kernels', () => {
  afterEach(() => {
    wasmPull.enabled = true;
  });

  it('compiles the WebAssembly kernel in Node', () => {
    const g = randomGraph(1, true);
    expect(new PullWorkspace(g.reverse(), true).wasm).toBe(true);
  });

  for (const weighted of [true, false]) {
    it(`gives bit-identical results in WebAssembly and JavaScript (${weighted ? 'weighted' : 'unweighted'})`, () => {
      const g = randomGraph(weighted ? 2 : 3, weighted);
      const options = { alpha: 0.9, tol: 1e-12, maxIter: 200, personalization: Float64Array.from({ length: 500 }, (_, i) => i % 7) };
      const fast = pagerank(g, options);
      wasmPull.enabled = false;
      const plain = pagerank(g, options);
      expect(new PullWorkspace(g.reverse(), true).wasm).toBe(false);
      expect(fast.iterations).toBe(plain.iterations);
      expect(Array.from(fast.scores)).toEqual(Array.from(plain.scores));
      expect(fast.converged).toBe(true);
    });
  }
});
