/**
 * The charts panel's computations: PageRank (@ml/graph) on Zachary's karate club (bundled from
 * networkx, see fixtures/karate-pagerank.py), and k-means (@ml/classical) on seeded Gaussian blobs.
 */
import { Rng, adjustedRandScore } from '@ml/core';
import { KMeans } from '@ml/classical';
import { Graph, pagerank } from '@ml/graph';
import karate from '../fixtures/karate-pagerank.json';

export interface PageRankReport {
  top: { label: string; member: number; value: number }[];
  nodes: number;
  edges: number;
  iterations: number;
  converged: boolean;
}

/** PageRank (damping 0.85) of the karate club's 34 members; the `k` highest. */
export function karatePageRank(k = 10): PageRankReport {
  const edges = karate.edges.map(([u, v]) => [u, v] as const);
  const graph = Graph.fromEdges(edges as readonly (readonly [number, number])[], { directed: false });
  const rank = pagerank(graph, { alpha: 0.85 });
  return {
    top: rank.top(k).map(([id, value]) => ({ label: `member ${String(id)}`, member: Number(id), value })),
    nodes: rank.scores.length,
    edges: edges.length,
    iterations: rank.iterations,
    converged: rank.converged,
  };
}

export interface KMeansReport {
  points: [number, number][];
  truth: number[];
  labels: number[];
  centres: number[][];
  ari: number;
  inertia: number;
  iterations: number;
}

/** `blobs` Gaussian blobs of `perBlob` points (seeded), clustered by KMeans with k = blobs. */
export function kmeansBlobs(blobs: number, perBlob: number, seed: number): KMeansReport {
  const rng = new Rng(seed);
  const spread = 1.2;
  const centres: [number, number][] = [];
  // Centres at least 6 spreads apart, so the true grouping is the one k-means should find.
  while (centres.length < blobs) {
    const c: [number, number] = [rng.uniform(-12, 12), rng.uniform(-12, 12)];
    if (centres.every((o) => Math.hypot(o[0] - c[0], o[1] - c[1]) >= 6 * spread)) centres.push(c);
  }
  const points: [number, number][] = [];
  const truth: number[] = [];
  centres.forEach(([cx, cy], b) => {
    for (let i = 0; i < perBlob; i++) {
      points.push([rng.normal(cx, spread), rng.normal(cy, spread)]);
      truth.push(b);
    }
  });
  const km = new KMeans({ nClusters: blobs, nInit: 5, randomState: seed }).fit(points);
  const labels = Array.from(km.labels);
  return { points, truth, labels, centres: km.clusterCenters, ari: adjustedRandScore(truth, labels), inertia: km.inertia, iterations: km.nIter };
}
