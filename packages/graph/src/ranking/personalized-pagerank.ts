/**
 * Personalised PageRank from a set of seed nodes (topic-sensitive PageRank): the random surfer
 * teleports only to the seeds, uniformly or by the given seed weights, and dangling nodes jump to
 * the seeds too (networkx's default `dangling = personalization`).
 *
 * Reference: T. Haveliwala, "Topic-sensitive PageRank", WWW 2002.
 */
import type { Graph } from '../graph/graph.js';
import type { NodeId } from '../graph/node-id.js';
import { describe } from '../internal/describe.js';
import { pagerank, type PageRankOptions } from './pagerank.js';
import type { RankResult } from './rank-result.js';

/**
 * PageRank personalised to `seeds`: an iterable of node ids (equal weight each) or a `Map` from
 * seed id to a non-negative weight. Other options as {@link pagerank}.
 * @throws {RangeError} for no seeds, unknown seed ids or all-zero seed weights.
 */
export function personalizedPageRank(
  graph: Graph,
  seeds: Iterable<NodeId> | ReadonlyMap<NodeId, number>,
  options: Omit<PageRankOptions, 'personalization'> = {},
): RankResult {
  const what = 'personalizedPageRank';
  let personalization: Map<NodeId, number>;
  if (seeds instanceof Map) {
    personalization = new Map(seeds);
  } else if (seeds != null && typeof (seeds as Iterable<NodeId>)[Symbol.iterator] === 'function' && typeof seeds !== 'string') {
    personalization = new Map();
    for (const id of seeds as Iterable<NodeId>) personalization.set(id, 1);
  } else {
    throw new TypeError(`${what}: 'seeds' must be an iterable of node ids or a Map of seed weights; received ${describe(seeds)}`);
  }
  if (personalization.size === 0) throw new RangeError(`${what}: 'seeds' must hold at least one node; received none`);
  for (const id of personalization.keys()) graph.requireIndex(id, `${what}: seed`);
  return pagerank(graph, { ...options, personalization });
}
