/**
 * Extractive summarisation with TextRank: sentences are nodes of an undirected graph weighted by
 * their similarity, ranked by weighted PageRank; the best sentences are returned in text order.
 *
 * Reference: R. Mihalcea, P. Tarau, "TextRank: Bringing order into texts", EMNLP 2004, §4.
 */
import { Graph } from '../graph/graph.js';
import { describe } from '../internal/describe.js';
import { pagerank } from '../ranking/pagerank.js';
import type { RankResult } from '../ranking/rank-result.js';
import { sentenceSimilarity } from './sentence-similarity.js';

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** Number of sentences to keep (fewer when the text has fewer). @default 3 */
  count?: number;
  /** Similarity of two tokenised sentences (finite, ≥ 0; 0 means no edge). @default sentenceSimilarity */
  similarity?: (a: readonly string[], b: readonly string[]) => number;
  /** PageRank damping factor. @default 0.85 */
  alpha?: number;
  /** PageRank tolerance (L1 change < numSentences · tol). @default 1e-6 */
  tol?: number;
  /** PageRank iteration limit. @default 100 */
  maxIter?: number;
}

/** Defaults of {@link SummarizeOptions}. */
export const SUMMARIZE_DEFAULTS = {
  count: 3,
  similarity: sentenceSimilarity,
  alpha: 0.85,
  tol: 1e-6,
  maxIter: 100,
} as const satisfies Required<SummarizeOptions>;

/** What {@link summarize} returns. */
export interface Summary {
  /** Indices of the chosen sentences, in text order. */
  indices: number[];
  /** Every sentence index, best first (ties: earlier sentence first). */
  ranking: number[];
  /** The PageRank result over sentences (node ids are sentence indices). */
  rank: RankResult;
  /** The sentence similarity graph. */
  graph: Graph;
}

/**
 * Picks the `count` most central sentences of a text given as tokenised sentences (the caller
 * tokenises, normalises case and drops stop words as suits the language).
 */
export function summarize(sentences: readonly (readonly string[])[], options: SummarizeOptions = {}): Summary {
  const what = 'summarize';
  const o = { ...SUMMARIZE_DEFAULTS, ...options };
  if (!Array.isArray(sentences)) throw new TypeError(`${what}: 'sentences' must be an array of token arrays; received ${describe(sentences)}`);
  sentences.forEach((s, i) => {
    if (!Array.isArray(s) || s.some((t) => typeof t !== 'string')) {
      throw new TypeError(`${what}: 'sentences[${i}]' must be an array of string tokens; received ${describe(s)}`);
    }
  });
  if (!Number.isInteger(o.count) || o.count < 0) throw new RangeError(`${what}: 'count' must be a non-negative integer; received ${describe(o.count)}`);
  if (typeof o.similarity !== 'function') throw new TypeError(`${what}: 'similarity' must be a function; received ${describe(o.similarity)}`);

  const n = sentences.length;
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = o.similarity(sentences[i], sentences[j]);
      if (typeof s !== 'number' || !(s >= 0) || s === Infinity) {
        throw new RangeError(`${what}: 'similarity' must return a finite number >= 0; received ${describe(s)} for sentences ${i} and ${j}`);
      }
      if (s > 0) {
        sources.push(i);
        targets.push(j);
        weights.push(s);
      }
    }
  }
  const graph = Graph.fromArrays(sources, targets, { weights, numNodes: n, directed: false });
  const rank = pagerank(graph, { alpha: o.alpha, tol: o.tol, maxIter: o.maxIter });
  const ranking = Array.from({ length: n }, (_, i) => i).sort((a, b) => rank.scores[b] - rank.scores[a] || a - b);
  const indices = ranking.slice(0, Math.min(o.count, n)).sort((a, b) => a - b);
  return { indices, ranking, rank, graph };
}
