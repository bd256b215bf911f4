import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { BallTree, BALL_TREE_DEFAULTS } from './ball-tree.js';
import { bruteKnnLoop } from './brute-knn.js';
import { makeMetric } from './metric.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import fixture from './__fixtures__/neighbors.json';

function rows(data: Float64Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
}

function data(rng: Rng, n: number, d: number, grid: boolean): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < out.length; i++) out[i] = grid ? rng.int(3) : rng.normal(0, 1);
  // exact duplicates of the first rows
  for (let i = 0; i < Math.min(10, n >> 2); i++) out.copyWithin((n - 1 - i) * d, i * d, (i + 1) * d);
  return out;
}

describe('BallTree', () => {
  const metrics = [
    ['euclidean', 2],
    ['manhattan', 1],
    ['minkowski', 3],
  ] as const;
  for (const [metric, p] of metrics) {
    for (const grid of [false, true]) {
      it(`${metric} (p=${p}) equals brute force${grid ? ' on a grid with ties and duplicates' : ''}`, () => {
        const rng = new Rng(grid ? 3 : 4);
        const n = 600;
        const m = 70;
        const d = grid ? 3 : 5;
        const train = data(rng, n, d, grid);
        const query = data(rng, m, d, grid);
        for (const leafSize of [1, 7, 40]) {
          const tree = new BallTree({ data: train, shape: [n, d] }, { leafSize, metric, p });
          for (const k of [1, 5, 13]) {
            const got = tree.query(rows(query, m, d), k);
            const ref = bruteKnnLoop(train, n, query, m, d, k, makeMetric(metric, p));
            const m0 = makeMetric(metric, p);
            expect(got.indices.flat()).toEqual(Array.from(ref.index));
            expect(got.distances.flat()).toEqual(Array.from(ref.dist, (v) => m0.toDistance(v)));
          }
        }
      });
    }
  }

  it('matches scikit-learn on the fixture (k-neighbours of the test rows, minkowski p=2)', () => {
    const g = fixture.general;
    const c = g.cases.find((x) => x.metric === 'minkowski' && x.p === 2) as (typeof g.cases)[number];
    const tree = new BallTree(g.X);
    const got = tree.query(g.XTest, 5);
    expect(got.indices).toEqual(c.indices);
    got.distances.flat().forEach((v, i) => expect(v).toBeCloseTo(c.distances.flat()[i], 12));
  });

  it('really prunes', () => {
    const rng = new Rng(5);
    const n = 4000;
    const X: number[][] = Array.from({ length: n }, () => [rng.random(), rng.random()]);
    const tree = new BallTree(X, { leafSize: 10 });
    // ~800 nodes; a 5-NN query in 2-D should touch a few dozen.
    expect(tree.nodeCount).toBeGreaterThan(500);
    tree.query([[0.3, 0.6]], 5);
    expect(tree.lastVisited).toBeGreaterThan(0);
    expect(tree.lastVisited).toBeLessThan(60);
    // the estimators' ball tree prunes too
    const clf = new KNeighborsClassifier({ algorithm: 'ball_tree', leafSize: 10 }).fit(X, X.map((_, i) => i % 2));
    const index = (clf as unknown as { fitState: { tree: { lastVisited: number } } }).fitState.tree;
    clf.kneighbors([[0.3, 0.6]]);
    expect(index.lastVisited).toBeLessThan(60);
  });

  it('has sklearn defaults and clear errors', () => {
    expect(BALL_TREE_DEFAULTS).toEqual({ leafSize: 40, metric: 'minkowski', p: 2 });
    const X = [[0, 0], [1, 1], [2, 2]];
    expect(() => new BallTree(X, { leafSize: 0 })).toThrow(/'leafSize' must be an integer >= 1; received 0/);
    expect(() => new BallTree(X, { metric: 'cosine' as 'euclidean' })).toThrow(/'metric' must be one of/);
    expect(() => new BallTree(X, { p: 0.5 })).toThrow(/'p' must be/);
    expect(() => new BallTree([[0, NaN]])).toThrow(/must be a finite number/);
    const tree = new BallTree(X);
    expect(() => tree.query([[0, 0]], 4)).toThrow(/'k' must be <= the number of points in the tree \(3\); received 4/);
    expect(() => tree.query([[0, 0, 0]])).toThrow(/must have 2 features.*received 3/);
    const r = tree.query([[0.9, 0.9]], 2);
    expect(r.indices).toEqual([[1, 0]]);
    expect(r.distances[0][0]).toBeCloseTo(Math.hypot(0.1, 0.1), 14);
    expect(r.distances[0][1]).toBeCloseTo(Math.hypot(0.9, 0.9), 14);
  });
});
