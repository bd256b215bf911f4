/**
 * PageRank by power iteration, with networkx 2.8 semantics (`networkx.pagerank`).
 *
 * References: L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking: bringing
 * order to the web", Stanford InfoLab 1999; A. Langville, C. Meyer, "Deeper inside PageRank",
 * Internet Mathematics 1(3), 2004; networkx `pagerank_scipy` (2.8).
 *
 * x ← α · (xᵀ P + (Σ_{dangling d} x_d) · δ) + (1 − α) · p, where P is the row-normalised weighted
 * adjacency, δ the dangling distribution and p the personalisation; stop when ‖x − x_prev‖₁ < N·tol.
 * Each iteration is two passes without allocations (see `internal/push-kernels.ts`): a scatter
 * over the out-edge CSR of x[u] / outWeight(u), then one sequential pass that applies damping and
 * teleport, measures the L1 change and sums the next dangling mass. Both run in a small
 * WebAssembly kernel where available (bit-identical JavaScript fallback), over a copy of the CSR
 * laid out in WebAssembly memory on the graph's first run.
 */
import type { Graph } from '../graph/graph.js';
import { describe } from '../internal/describe.js';
import { nodeVector } from '../internal/node-vector.js';
import { PushWorkspace } from '../internal/push-workspace.js';
import type { NodeValues } from './node-values.js';
import { PowerIterationFailedConvergence } from './power-iteration-failed-convergence.js';
import { RankResult } from './rank-result.js';

/** Options of {@link pagerank}. */
export interface PageRankOptions {
  /** Damping factor α in [0, 1] (networkx `alpha`). @default 0.85 */
  alpha?: number;
  /**
   * Teleport distribution (networkx `personalization`), normalised to sum 1; must not be all zero.
   * @default uniform
   */
  personalization?: NodeValues;
  /**
   * Where dangling nodes (no out-weight) send their rank (networkx `dangling`), normalised.
   * @default the personalization vector
   */
  dangling?: NodeValues;
  /** Starting vector (networkx `nstart`), normalised. @default uniform */
  nstart?: NodeValues;
  /** Maximum number of iterations (networkx `max_iter`). @default 100 */
  maxIter?: number;
  /** Tolerance: stop when the L1 change is below numNodes · tol (networkx `tol`). @default 1e-6 */
  tol?: number;
  /** Use edge weights (networkx `weight='weight'`); `false` counts every stored edge as 1. @default true */
  weighted?: boolean;
  /** Throw {@link PowerIterationFailedConvergence} when `maxIter` is reached (networkx raises). @default false */
  strict?: boolean;
}

/** Defaults of {@link PageRankOptions}. */
export const PAGERANK_DEFAULTS = {
  alpha: 0.85,
  maxIter: 100,
  tol: 1e-6,
  weighted: true,
  strict: false,
} as const satisfies Required<Omit<PageRankOptions, 'personalization' | 'dangling' | 'nstart'>>;

/**
 * PageRank of every node of `graph` (an undirected graph counts each edge both ways).
 * @returns float64 scores summing to 1, with `converged` and `iterations`.
 * @throws {PowerIterationFailedConvergence} with `strict` when `maxIter` is reached.
 * @see https://networkx.org/documentation/networkx-2.8/reference/algorithms/generated/networkx.algorithms.link_analysis.pagerank_alg.pagerank.html
 */
export function pagerank(graph: Graph, options: PageRankOptions = {}): RankResult {
  const what = 'pagerank';
  const alpha = options.alpha ?? PAGERANK_DEFAULTS.alpha;
  const maxIter = options.maxIter ?? PAGERANK_DEFAULTS.maxIter;
  const tol = options.tol ?? PAGERANK_DEFAULTS.tol;
  const weighted = options.weighted ?? PAGERANK_DEFAULTS.weighted;
  const strict = options.strict ?? PAGERANK_DEFAULTS.strict;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) throw new RangeError(`${what}: 'alpha' must be a number in [0, 1]; received ${describe(alpha)}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`${what}: 'maxIter' must be an integer >= 1; received ${describe(maxIter)}`);
  if (typeof tol !== 'number' || !(tol > 0) || tol === Infinity) throw new RangeError(`${what}: 'tol' must be a finite number > 0; received ${describe(tol)}`);

  const n = graph.numNodes;
  if (n === 0) return new RankResult(graph, new Float64Array(0), true, 0, 0);
  const p = options.personalization === undefined ? null : nodeVector(graph, options.personalization, `${what}: 'personalization'`);
  const danglingDist = options.dangling === undefined ? p : nodeVector(graph, options.dangling, `${what}: 'dangling'`);
  const nstart = options.nstart === undefined ? null : nodeVector(graph, options.nstart, `${what}: 'nstart'`);

  const work = PushWorkspace.of(graph, weighted);
  const { x } = work;
  if (p === null) work.p.fill(1 / n);
  else work.p.set(p);
  if (danglingDist === null) work.delta.fill(1 / n);
  else work.delta.set(danglingDist);
  if (nstart === null) x.fill(1 / n);
  else x.set(nstart);

  const limit = n * tol;
  let mass = work.danglingMass();
  let err = Infinity;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    err = work.step(alpha, mass);
    if (err < limit) return new RankResult(graph, x.slice(), true, iterations, err);
    mass = work.nextMass;
  }
  if (strict) throw new PowerIterationFailedConvergence(what, maxIter, err, limit);
  return new RankResult(graph, x.slice(), false, iterations, err);
}
