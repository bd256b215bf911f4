import type { Graph } from '../graph/graph.js';
import type { NodeId } from '../graph/node-id.js';

/** The JSON form of a {@link RankResult}. */
export interface RankResultJSON {
  nodes: NodeId[];
  scores: number[];
  converged: boolean;
  iterations: number;
  error: number;
}

/**
 * Scores of every node of a graph from an iterative ranking (PageRank, HITS), by node index in
 * `scores` (float64) and by node id through {@link RankResult.get}, {@link RankResult.toMap} and
 * {@link RankResult.top}.
 */
export class RankResult {
  /**
   * @param graph the graph ranked (for id lookups).
   * @param scores one score per node index.
   * @param converged whether the iteration met its tolerance.
   * @param iterations iterations run.
   * @param error the last iteration's convergence measure (L1 change).
   */
  constructor(
    readonly graph: Graph,
    readonly scores: Float64Array,
    readonly converged: boolean,
    readonly iterations: number,
    readonly error: number,
  ) {}

  /** The score of node `id`; throws for an unknown node. */
  get(id: NodeId): number {
    return this.scores[this.graph.requireIndex(id, "RankResult.get: 'id'")];
  }

  /** Scores keyed by node id, in node index order. */
  toMap(): Map<NodeId, number> {
    const out = new Map<NodeId, number>();
    for (let i = 0; i < this.scores.length; i++) out.set(this.graph.nodeId(i), this.scores[i]);
    return out;
  }

  /**
   * The `k` best nodes as `[id, score]`, highest first; ties keep the lower node index first.
   * @param k how many (all nodes when omitted).
   */
  top(k: number = this.scores.length): Array<[NodeId, number]> {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`RankResult.top: 'k' must be a non-negative integer; received ${k}`);
    const order = Array.from(this.scores.keys());
    const s = this.scores;
    order.sort((a, b) => s[b] - s[a] || a - b);
    return order.slice(0, k).map((i) => [this.graph.nodeId(i), s[i]]);
  }

  /** A JSON-safe object: node ids and their scores in index order, plus convergence facts. */
  toJSON(): RankResultJSON {
    return {
      nodes: this.graph.nodes(),
      scores: Array.from(this.scores),
      converged: this.converged,
      iterations: this.iterations,
      error: this.error,
    };
  }
}
