/**
 * HITS hubs and authorities by power iteration, with networkx 2.8 semantics (`_hits_python`).
 *
 * Reference: J. Kleinberg, "Authoritative sources in a hyperlinked environment", JACM 46(5), 1999.
 *
 * Each iteration: a = Aᵀh, h = Aa (weighted adjacency A), then h and a are each divided by their
 * maximum; stop when ‖h − h_prev‖₁ < tol. With `normalized`, both are finally divided by their sum.
 */
import type { Graph } from '../graph/graph.js';
import { describe } from '../internal/describe.js';
import { nodeVector } from '../internal/node-vector.js';
import type { NodeValues } from './node-values.js';
import { PowerIterationFailedConvergence } from './power-iteration-failed-convergence.js';
import { RankResult } from './rank-result.js';

/** Options of {@link hits}. */
export interface HitsOptions {
  /** Maximum number of iterations (networkx `max_iter`). @default 100 */
  maxIter?: number;
  /** Tolerance on the L1 change of the hub vector (networkx `tol`). @default 1e-8 */
  tol?: number;
  /** Starting hub vector (networkx `nstart`), normalised to sum 1. @default uniform */
  nstart?: NodeValues;
  /** Divide the results by their sums (networkx `normalized`); else each has maximum 1. @default true */
  normalized?: boolean;
  /** Use edge weights; `false` counts every stored edge as 1. @default true */
  weighted?: boolean;
  /** Throw {@link PowerIterationFailedConvergence} when `maxIter` is reached (networkx raises). @default false */
  strict?: boolean;
}

/** Defaults of {@link HitsOptions}. */
export const HITS_DEFAULTS = {
  maxIter: 100,
  tol: 1e-8,
  normalized: true,
  weighted: true,
  strict: false,
} as const satisfies Required<Omit<HitsOptions, 'nstart'>>;

/** Hub and authority scores, both carrying the same `converged` and `iterations`. */
export interface HitsResult {
  hubs: RankResult;
  authorities: RankResult;
}

/**
 * HITS hub and authority scores of every node of `graph`.
 * @throws {RangeError} when the graph has no edge of positive weight (scores would be 0/0).
 * @throws {PowerIterationFailedConvergence} with `strict` when `maxIter` is reached.
 * @see https://networkx.org/documentation/networkx-2.8/reference/algorithms/generated/networkx.algorithms.link_analysis.hits_alg.hits.html
 */
export function hits(graph: Graph, options: HitsOptions = {}): HitsResult {
  const what = 'hits';
  const maxIter = options.maxIter ?? HITS_DEFAULTS.maxIter;
  const tol = options.tol ?? HITS_DEFAULTS.tol;
  const normalized = options.normalized ?? HITS_DEFAULTS.normalized;
  const weighted = options.weighted ?? HITS_DEFAULTS.weighted;
  const strict = options.strict ?? HITS_DEFAULTS.strict;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`${what}: 'maxIter' must be an integer >= 1; received ${describe(maxIter)}`);
  if (typeof tol !== 'number' || !(tol > 0) || tol === Infinity) throw new RangeError(`${what}: 'tol' must be a finite number > 0; received ${describe(tol)}`);
  if (typeof normalized !== 'boolean') throw new TypeError(`${what}: 'normalized' must be a boolean; received ${describe(normalized)}`);

  const n = graph.numNodes;
  if (n === 0) {
    const empty = new RankResult(graph, new Float64Array(0), true, 0, 0);
    return { hubs: empty, authorities: empty };
  }
  let h: Float64Array = options.nstart === undefined ? new Float64Array(n).fill(1 / n) : nodeVector(graph, options.nstart, `${what}: 'nstart'`);
  let hLast: Float64Array = new Float64Array(n);
  const a = new Float64Array(n);
  const rev = graph.reverse();
  const w = weighted ? graph.weights : null;
  const rw = weighted ? rev.weights : null;
  let err = Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    [hLast, h] = [h, hLast];
    // a = Aᵀ hLast (pull over in-edges), then h = A a (over out-edges).
    multiply(rev.indptr, rev.indices, rw, hLast, a);
    multiply(graph.indptr, graph.indices, w, a, h);
    scaleByMax(h, what);
    scaleByMax(a, what);
    err = 0;
    for (let i = 0; i < n; i++) err += Math.abs(h[i] - hLast[i]);
    if (err < tol) {
      converged = true;
      break;
    }
  }
  if (!converged && strict) throw new PowerIterationFailedConvergence(what, maxIter, err, tol);
  if (normalized) {
    scaleBySum(a);
    scaleBySum(h);
  }
  return {
    hubs: new RankResult(graph, h, converged, iterations, err),
    authorities: new RankResult(graph, a, converged, iterations, err),
  };
}

/** out[r] = Σ_k weight_k · x[col_k] over row r. */
function multiply(indptr: Int32Array, indices: Int32Array, weights: Float64Array | null, x: Float64Array, out: Float64Array): void {
  for (let r = 0; r < out.length; r++) {
    let s = 0;
    const end = indptr[r + 1];
    if (weights === null) for (let k = indptr[r]; k < end; k++) s += x[indices[k]];
    else for (let k = indptr[r]; k < end; k++) s += weights[k] * x[indices[k]];
    out[r] = s;
  }
}

function scaleByMax(v: Float64Array, what: string): void {
  let max = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
  if (!(max > 0)) throw new RangeError(`${what}: the graph must have an edge of positive weight reachable by the iteration; all scores became 0`);
  const s = 1 / max;
  for (let i = 0; i < v.length; i++) v[i] *= s;
}

function scaleBySum(v: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  const s = 1 / sum;
  for (let i = 0; i < v.length; i++) v[i] *= s;
}
