/**
 * Corpus-level BLEU (K. Papineni, S. Roukos, T. Ward, W.-J. Zhu, "BLEU: a Method for Automatic
 * Evaluation of Machine Translation", ACL 2002) as sacrebleu 2.x computes it (`BLEU.compute_bleu`):
 * clipped n-gram matches and n-gram totals summed over the corpus, geometric mean of the n-gram
 * precisions, brevity penalty exp(1 − r/c) from the summed closest reference lengths (ties → shorter).
 * Smoothing methods are sacrebleu's (B. Chen and C. Cherry, "A Systematic Comparison of Smoothing
 * Techniques for Sentence-Level BLEU", WMT 2014): `'none'`, `'floor'` (zero matches count as
 * `smoothValue`, default 0.1; NLTK's `method1`), `'add-k'` (add `smoothValue`, default 1, to matches
 * and totals of n ≥ 2; NLTK's `method2`), `'exp'` (the k-th zero precision becomes 1/(2^k·total); NLTK's
 * `method3`, mteval's default). Scores are in [0, 1] (sacrebleu reports ×100).
 */
import { show } from './label-utils.js';
import { tokenize13a } from './tokenize-13a.js';

/** A sentence: a string (tokenised by `tokenize`) or its tokens. */
export type BleuSentence = string | readonly string[];

export interface CorpusBleuOptions {
  /** Longest n-gram order. @default 4 */
  maxOrder?: number;
  /** Smoothing method (see the file header). @default 'exp' */
  smooth?: 'exp' | 'floor' | 'add-k' | 'none';
  /** The constant of `'floor'` or `'add-k'`. @default 0.1 for 'floor', 1 for 'add-k' */
  smoothValue?: number;
  /**
   * Average only over n-gram orders that the hypotheses have at all (sacrebleu's `effective_order`,
   * useful for short sentences). @default false
   */
  effectiveOrder?: boolean;
  /** Splits string sentences into tokens; pre-tokenised arrays are used as they are. @default tokenize13a */
  tokenize?: (text: string) => string[];
  /** Lowercase every token before matching. @default false */
  lowercase?: boolean;
}

export interface BleuResult {
  /** BLEU in [0, 1]. */
  score: number;
  /** The (smoothed) n-gram precisions in [0, 1], for n = 1 … maxOrder. */
  precisions: number[];
  /** Clipped n-gram matches per order (before smoothing). */
  counts: number[];
  /** Hypothesis n-grams per order (before smoothing). */
  totals: number[];
  brevityPenalty: number;
  /** Summed hypothesis length over summed reference length. */
  ratio: number;
  hypLength: number;
  refLength: number;
}

function ngrams(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = `${n}\u0001${tokens.slice(i, i + n).join('\u0001')}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * BLEU of `hypotheses` against `references`, where `references[i]` lists the reference translations of
 * `hypotheses[i]` (NLTK's layout; each hypothesis may have its own number of references).
 * @throws {RangeError} on length mismatch, an empty corpus, a hypothesis without references, or bad options.
 */
export function corpusBleu(
  hypotheses: readonly BleuSentence[], references: readonly (readonly BleuSentence[])[], options: CorpusBleuOptions = {},
): BleuResult {
  const where = 'corpusBleu';
  const maxOrder = options.maxOrder ?? 4;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw new RangeError(`${where}: 'maxOrder' must be a positive integer; received ${show(maxOrder)}`);
  const smooth = options.smooth ?? 'exp';
  if (!['exp', 'floor', 'add-k', 'none'].includes(smooth)) {
    throw new RangeError(`${where}: 'smooth' must be 'exp', 'floor', 'add-k' or 'none'; received ${show(smooth)}`);
  }
  const smoothValue = options.smoothValue ?? (smooth === 'floor' ? 0.1 : 1);
  if (!(smoothValue > 0) || !Number.isFinite(smoothValue)) throw new RangeError(`${where}: 'smoothValue' must be a positive number; received ${show(smoothValue)}`);
  if (hypotheses.length !== references.length) {
    throw new RangeError(`${where}: 'references' must have one entry per hypothesis (${hypotheses.length}); received length ${references.length}`);
  }
  if (hypotheses.length === 0) throw new RangeError(`${where}: 'hypotheses' must hold at least one sentence; received an empty array`);
  const tokenize = options.tokenize ?? tokenize13a;
  const toTokens = (s: BleuSentence, name: string): readonly string[] => {
    let tokens: readonly string[];
    if (typeof s === 'string') tokens = tokenize(s);
    else if (Array.isArray(s) && s.every((t) => typeof t === 'string')) tokens = s;
    else throw new TypeError(`${where}: '${name}' must be a string or an array of string tokens; received ${show(s)}`);
    return options.lowercase === true ? tokens.map((t) => t.toLowerCase()) : tokens;
  };
  const counts = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let hypLength = 0;
  let refLength = 0;
  hypotheses.forEach((h, i) => {
    const hyp = toTokens(h, `hypotheses[${i}]`);
    const refs = references[i];
    if (!Array.isArray(refs) || refs.length === 0) {
      throw new RangeError(`${where}: 'references[${i}]' must list at least one reference; received ${show(refs)}`);
    }
    const maxRef = new Map<string, number>();
    let closest = -1;
    refs.forEach((r, j) => {
      const ref = toTokens(r, `references[${i}][${j}]`);
      const d = Math.abs(ref.length - hyp.length);
      if (closest < 0 || d < Math.abs(closest - hyp.length) || (d === Math.abs(closest - hyp.length) && ref.length < closest)) closest = ref.length;
      for (const [k, c] of ngrams(ref, maxOrder)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, c));
    });
    hypLength += hyp.length;
    refLength += closest;
    for (const [k, c] of ngrams(hyp, maxOrder)) {
      const n = Number(k.slice(0, k.indexOf('\u0001')));
      counts[n - 1] += Math.min(c, maxRef.get(k) ?? 0);
    }
    for (let n = 1; n <= maxOrder; n++) totals[n - 1] += Math.max(0, hyp.length - n + 1);
  });
  const brevityPenalty = hypLength < refLength ? (hypLength > 0 ? Math.exp(1 - refLength / hypLength) : 0) : 1;
  const ratio = refLength > 0 ? hypLength / refLength : 0;
  const precisions = new Array<number>(maxOrder).fill(0);
  const base = { counts: [...counts], totals: [...totals], brevityPenalty, ratio, hypLength, refLength };
  if (counts.every((c) => c === 0)) return { score: 0, precisions, ...base };
  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    let correct = counts[n - 1];
    let total = totals[n - 1];
    if (smooth === 'add-k' && n > 1) {
      correct += smoothValue;
      total += smoothValue;
    }
    if (total === 0) break;
    if (options.effectiveOrder === true) effOrder = n;
    if (correct === 0) {
      if (smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 1 / (smoothMteval * total);
      } else if (smooth === 'floor') {
        precisions[n - 1] = smoothValue / total;
      }
    } else {
      precisions[n - 1] = correct / total;
    }
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n++) {
    if (precisions[n] === 0) return { score: 0, precisions, ...base };
    logSum += Math.log(precisions[n]);
  }
  return { score: brevityPenalty * Math.exp(logSum / effOrder), precisions, ...base };
}
