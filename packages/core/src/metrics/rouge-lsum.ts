/**
 * Summary-level ROUGE-L ("ROUGE-Lsum"; C.-Y. Lin, "ROUGE: A Package for Automatic Evaluation of
 * Summaries", ACL Workshop 2004, §3.2): for each reference sentence, the union of its LCS with every
 * candidate sentence counts as hits, clipped by token counts so no token is counted twice (as ROUGE
 * 1.5.5 and `rouge-score`'s `rougeLsum` do); P = hits/|candidate tokens|, R = hits/|reference tokens|.
 */
import { show } from './label-utils.js';
import { checkBeta, lcsIndices, score, toTokens, type RougeOptions, type RougeScore } from './rouge-utils.js';

/** A summary: a string whose lines (split on `\n`, empty lines dropped) are its sentences, or a list of sentences. */
export type RougeSummary = string | readonly (string | readonly string[])[];

function sentences(where: string, name: string, s: RougeSummary, options: RougeOptions): (readonly string[])[] {
  if (typeof s === 'string') return s.split('\n').filter((x) => x !== '').map((x) => toTokens(where, name, x, options));
  if (!Array.isArray(s)) throw new TypeError(`${where}: '${name}' must be a string or an array of sentences; received ${show(s)}`);
  return s.map((x, i) => toTokens(where, `${name}[${i}]`, x, options));
}

/** Summary-level ROUGE-L of `candidate` against `reference`; an empty side gives all zeros. */
export function rougeLsum(candidate: RougeSummary, reference: RougeSummary, options: RougeOptions = {}): RougeScore {
  const where = 'rougeLsum';
  const beta = checkBeta(where, options.beta);
  const cand = sentences(where, 'candidate', candidate, options);
  const ref = sentences(where, 'reference', reference, options);
  const m = ref.reduce((a, s) => a + s.length, 0);
  const n = cand.reduce((a, s) => a + s.length, 0);
  if (m === 0 || n === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const countTokens = (ss: (readonly string[])[]): Map<string, number> => {
    const c = new Map<string, number>();
    for (const s of ss) for (const t of s) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  };
  const refCounts = countTokens(ref);
  const candCounts = countTokens(cand);
  let hits = 0;
  for (const r of ref) {
    const union = new Set<number>();
    for (const c of cand) for (const i of lcsIndices(r, c)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const t = r[i];
      if ((candCounts.get(t) ?? 0) > 0 && (refCounts.get(t) ?? 0) > 0) {
        hits++;
        candCounts.set(t, candCounts.get(t)! - 1);
        refCounts.set(t, refCounts.get(t)! - 1);
      }
    }
  }
  return score(hits / n, hits / m, beta);
}
