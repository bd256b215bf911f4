/**
 * Sentence-level ROUGE-L: longest-common-subsequence F-measure (C.-Y. Lin, "ROUGE: A Package for
 * Automatic Evaluation of Summaries", ACL Workshop 2004, §3.1): P = LCS/|candidate|,
 * R = LCS/|reference|, F = (1 + β²)·P·R / (R + β²·P). With β = 1 it equals `rouge-score`'s `rougeL`.
 */
import { checkBeta, lcsTable, score, toTokens, type RougeOptions, type RougeScore } from './rouge-utils.js';

/**
 * ROUGE-L of `candidate` against `reference` as single sequences (strings are tokenised with
 * `rougeTokenize` by default); an empty side gives all zeros.
 */
export function rougeL(candidate: string | readonly string[], reference: string | readonly string[], options: RougeOptions = {}): RougeScore {
  const where = 'rougeL';
  const beta = checkBeta(where, options.beta);
  const cand = toTokens(where, 'candidate', candidate, options);
  const ref = toTokens(where, 'reference', reference, options);
  if (cand.length === 0 || ref.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsTable(ref, cand)[ref.length][cand.length];
  return score(lcs / cand.length, lcs / ref.length, beta);
}
