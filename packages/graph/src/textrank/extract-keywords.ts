/**
 * Keyword extraction with TextRank: candidate tokens are nodes of an undirected, unweighted
 * co-occurrence graph (an edge joins two candidates within `window` positions of each other in the
 * candidate sequence of a sentence), ranked by PageRank. Runs of adjacent keywords in the text are
 * collapsed into multi-word phrases.
 *
 * Reference: R. Mihalcea, P. Tarau, "TextRank: Bringing order into texts", EMNLP 2004, §3.
 */
import { Graph } from '../graph/graph.js';
import { NodeIndex } from '../graph/node-index.js';
import { describe } from '../internal/describe.js';
import { pagerank } from '../ranking/pagerank.js';
import type { RankResult } from '../ranking/rank-result.js';

/** Options of {@link extractKeywords}. */
export interface ExtractKeywordsOptions {
  /** Co-occurrence window N in tokens (2 links neighbours only); an integer ≥ 2. @default 2 */
  window?: number;
  /** Tokens that are never candidates. @default [] */
  stopWords?: Iterable<string>;
  /** Keeps a token as a candidate when it returns true (e.g. a part-of-speech or length test). @default () => true */
  filter?: (token: string) => boolean;
  /** Number of keywords to return. @default 10 */
  count?: number;
  /** Joins phrase tokens into `text` (`''` suits Chinese and Japanese). @default ' ' */
  joiner?: string;
  /** PageRank damping factor. @default 0.85 */
  alpha?: number;
  /** PageRank tolerance. @default 1e-6 */
  tol?: number;
  /** PageRank iteration limit. @default 100 */
  maxIter?: number;
}

/** Defaults of {@link ExtractKeywordsOptions}. */
export const EXTRACT_KEYWORDS_DEFAULTS = {
  window: 2,
  stopWords: [] as readonly string[],
  filter: (): boolean => true,
  count: 10,
  joiner: ' ',
  alpha: 0.85,
  tol: 1e-6,
  maxIter: 100,
} as const satisfies Required<ExtractKeywordsOptions>;

/** A keyword and its PageRank score. */
export interface Keyword {
  token: string;
  score: number;
}

/** A run of adjacent keywords in the text; its score is the sum of its keywords' scores. */
export interface KeyPhrase {
  tokens: string[];
  text: string;
  score: number;
}

/** What {@link extractKeywords} returns. */
export interface Keywords {
  /** The `count` best candidates, best first (ties: first seen first). */
  keywords: Keyword[];
  /** Multi-word phrases of adjacent keywords, best first, each once. */
  phrases: KeyPhrase[];
  /** PageRank over all candidates (node ids are the tokens). */
  rank: RankResult;
}

/** Extracts keywords and key phrases from tokenised sentences (the caller tokenises and normalises). */
export function extractKeywords(sentences: readonly (readonly string[])[], options: ExtractKeywordsOptions = {}): Keywords {
  const what = 'extractKeywords';
  const o = { ...EXTRACT_KEYWORDS_DEFAULTS, ...options };
  if (!Array.isArray(sentences)) throw new TypeError(`${what}: 'sentences' must be an array of token arrays; received ${describe(sentences)}`);
  if (!Number.isInteger(o.window) || o.window < 2) throw new RangeError(`${what}: 'window' must be an integer >= 2; received ${describe(o.window)}`);
  if (!Number.isInteger(o.count) || o.count < 0) throw new RangeError(`${what}: 'count' must be a non-negative integer; received ${describe(o.count)}`);
  if (typeof o.filter !== 'function') throw new TypeError(`${what}: 'filter' must be a function; received ${describe(o.filter)}`);
  if (typeof o.joiner !== 'string') throw new TypeError(`${what}: 'joiner' must be a string; received ${describe(o.joiner)}`);
  const stop = new Set(o.stopWords);
  const isCandidate = (t: string): boolean => t.length > 0 && !stop.has(t) && Boolean(o.filter(t));

  const index = new NodeIndex();
  const sources: number[] = [];
  const targets: number[] = [];
  sentences.forEach((sentence, si) => {
    if (!Array.isArray(sentence) || sentence.some((t) => typeof t !== 'string')) {
      throw new TypeError(`${what}: 'sentences[${si}]' must be an array of string tokens; received ${describe(sentence)}`);
    }
    const candidates = sentence.filter(isCandidate).map((t) => index.add(t, `${what}: token`));
    for (let i = 0; i < candidates.length; i++) {
      for (let j = i + 1; j < Math.min(i + o.window, candidates.length); j++) {
        if (candidates[i] === candidates[j]) continue;
        sources.push(candidates[i]);
        targets.push(candidates[j]);
      }
    }
  });
  const graph = Graph.fromArrays(sources, targets, { numNodes: index.size, nodes: index.toArray(), directed: false });
  const rank = pagerank(graph, { alpha: o.alpha, tol: o.tol, maxIter: o.maxIter, weighted: false });
  const keywords = rank.top(Math.min(o.count, index.size)).map(([token, score]) => ({ token: token as string, score }));

  const chosen = new Map(keywords.map((k) => [k.token, k.score]));
  const phrases = new Map<string, KeyPhrase>();
  for (const sentence of sentences) {
    let run: string[] = [];
    for (let i = 0; i <= sentence.length; i++) {
      const token = sentence[i];
      if (i < sentence.length && chosen.has(token)) {
        run.push(token);
        continue;
      }
      if (run.length >= 2) {
        const key = run.join('\u0000');
        if (!phrases.has(key)) {
          const score = run.reduce((s, t) => s + chosen.get(t)!, 0);
          phrases.set(key, { tokens: run, text: run.join(o.joiner), score });
        }
      }
      run = [];
    }
  }
  return { keywords, phrases: [...phrases.values()].sort((a, b) => b.score - a.score), rank };
}
