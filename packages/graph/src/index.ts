/**
 * `@ml/graph`: CSR graphs, PageRank (personalised, weighted, dangling policies), HITS and TextRank.
 * @packageDocumentation
 */
export type { NodeId } from './graph/node-id.js';
export type { CsrArrays } from './graph/csr-arrays.js';
export {
  Graph,
  type GraphOptions,
  type EdgeTuple,
  type FromEdgesOptions,
  type FromArraysOptions,
  type GraphJSON,
} from './graph/graph.js';
export { EdgeListParser, EDGE_LIST_DEFAULTS, type EdgeListOptions } from './graph/edge-list-parser.js';
export { readEdgeList, type EdgeListSource } from './graph/read-edge-list.js';
export type { NodeValues } from './ranking/node-values.js';
export { RankResult, type RankResultJSON } from './ranking/rank-result.js';
export { PowerIterationFailedConvergence } from './ranking/power-iteration-failed-convergence.js';
export { pagerank, PAGERANK_DEFAULTS, type PageRankOptions } from './ranking/pagerank.js';
export { personalizedPageRank } from './ranking/personalized-pagerank.js';
export { hits, HITS_DEFAULTS, type HitsOptions, type HitsResult } from './ranking/hits.js';
export { sentenceSimilarity } from './textrank/sentence-similarity.js';
export { summarize, SUMMARIZE_DEFAULTS, type SummarizeOptions, type Summary } from './textrank/summarize.js';
export {
  extractKeywords,
  EXTRACT_KEYWORDS_DEFAULTS,
  type ExtractKeywordsOptions,
  type Keyword,
  type KeyPhrase,
  type Keywords,
} from './textrank/extract-keywords.js';
