/**
 * ROUGE-N: n-gram overlap between a candidate and a reference (C.-Y. Lin, "ROUGE: A Package for
 * Automatic Evaluation of Summaries", ACL Workshop 2004, §2), computed as Google's `rouge-score`
 * package does (`_score_ngrams`): matches are clipped n-gram counts; precision divides by the
 * candidate's n-grams, recall by the reference's (each at least 1).
 */
import { show } from './label-utils.js';
import { checkBeta, score, toTokens, type RougeOptions, type RougeScore } from './rouge-utils.js';

export interface RougeNOptions extends RougeOptions {
  /** The n-gram order. @default 1 */
  n?: number;
}

function counts(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * ROUGE-N of `candidate` against `reference` (strings are tokenised with `rougeTokenize` by default).
 * @throws {RangeError} on a bad `n` or `beta`; {TypeError} on inputs that are neither strings nor token arrays.
 */
export function rougeN(candidate: string | readonly string[], reference: string | readonly string[], options: RougeNOptions = {}): RougeScore {
  const where = 'rougeN';
  const n = options.n ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: 'n' must be a positive integer; received ${show(n)}`);
  const beta = checkBeta(where, options.beta);
  const cand = counts(toTokens(where, 'candidate', candidate, options), n);
  const ref = counts(toTokens(where, 'reference', reference, options), n);
  let overlap = 0;
  for (const [k, c] of ref) overlap += Math.min(c, cand.get(k) ?? 0);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return score(overlap / Math.max(total(cand), 1), overlap / Math.max(total(ref), 1), beta);
}
