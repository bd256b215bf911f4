import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { Graph } from '../graph/graph.js';
import { pagerank } from '../ranking/pagerank.js';
import { PushWorkspace } from './push-workspace.js';
import { wasmPush } from './wasm-push.js';

type Weights = 'none' | 'fractional' | 'multiplicity' | 'large integers';

function randomGraph(seed: number, weights: Weights): Graph {
  const rng = new Rng(seed);
  const n = 500;
  const m = 4000;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = rng.int(n - 20); // the last 20 nodes are dangling
    dst[i] = Math.floor(n * rng.random() ** 3);
    w[i] = weights === 'fractional' ? rng.int(4) * 0.75 : 10 + rng.int(5); // some zero weights
  }
  // 'multiplicity': no weights given, parallel edges summed into integer weights.
  return Graph.fromArrays(src, dst, { numNodes: n, weights: weights === 'fractional' || weights === 'large integers' ? w : undefined });
}

const OPTIONS = { alpha: 0.9, tol: 1e-12, maxIter: 200, personalization: Float64Array.from({ length: 500 }, (_, i) => i % 7) };

describe('PageRank push kernels', () => {
  afterEach(() => {
    wasmPush.enabled = true;
  });

  it('compiles the WebAssembly kernels in Node', () => {
    expect(PushWorkspace.of(randomGraph(1, 'fractional'), true).wasm).toBe(true);
  });

  it('reads weights only when they are not small integers', () => {
    const multi = randomGraph(4, 'multiplicity');
    expect(multi.weights).not.toBeNull(); // parallel edges were summed
    const expanded = PushWorkspace.of(multi, true);
    expect(expanded.readsWeights).toBe(false);
    expect(expanded.entries).toBe(4000); // every parallel edge stored again
    expect(PushWorkspace.of(multi, false).entries).toBe(multi.indices.length);
    expect(PushWorkspace.of(randomGraph(5, 'fractional'), true).readsWeights).toBe(true);
    expect(PushWorkspace.of(randomGraph(6, 'large integers'), true).readsWeights).toBe(true);
  });

  for (const weights of ['none', 'fractional', 'multiplicity', 'large integers'] as const) {
    for (const weighted of [true, false]) {
      it(`gives bit-identical results in WebAssembly and JavaScript (${weights} weights, weighted: ${weighted})`, () => {
        const options = { ...OPTIONS, weighted };
        const fast = pagerank(randomGraph(2, weights), options);
        wasmPush.enabled = false;
        const g = randomGraph(2, weights);
        const plain = pagerank(g, options);
        expect(PushWorkspace.of(g, weighted).wasm).toBe(false);
        expect(fast.iterations).toBe(plain.iterations);
        expect(Array.from(fast.scores)).toEqual(Array.from(plain.scores));
        expect(fast.converged).toBe(true);
      });
    }
  }

  it('gives the same ranks with expanded multiplicities as with weights read per edge', () => {
    const multi = randomGraph(7, 'multiplicity');
    const asWeights = Graph.fromCsr({ indptr: multi.indptr, indices: multi.indices, weights: Float64Array.from(multi.weights!, (w) => w * 0.5) });
    expect(PushWorkspace.of(asWeights, true).readsWeights).toBe(true); // halves are not integers
    const a = pagerank(multi, OPTIONS);
    const b = pagerank(asWeights, OPTIONS);
    expect(a.iterations).toBe(b.iterations);
    a.scores.forEach((s, i) => expect(Math.abs(s - b.scores[i])).toBeLessThan(1e-15));
  });

  it('reuses one workspace per graph and mode without carrying state between runs', () => {
    const g = randomGraph(8, 'fractional');
    expect(PushWorkspace.of(g, true)).toBe(PushWorkspace.of(g, true));
    const first = pagerank(g, OPTIONS);
    pagerank(g, { ...OPTIONS, personalization: undefined, alpha: 0.5 });
    const again = pagerank(g, OPTIONS);
    expect(Array.from(again.scores)).toEqual(Array.from(first.scores));
  });
});
