/**
 * Word n-grams as scikit-learn's `_VectorizerMixin._word_ngrams`: stop words are removed first, then
 * the tokens themselves (when min = 1) followed by all 2-grams, 3-grams, ... joined with one space.
 */
import { checkNgramRange } from '../internal/check-strings.js';

/**
 * @param tokens the document's tokens
 * @param ngramRange `[min, max]` n-gram lengths. @default [1, 1]
 * @param stopWords tokens to drop before forming n-grams
 */
export function wordNgrams(tokens: readonly string[], ngramRange: readonly [number, number] = [1, 1], stopWords?: ReadonlySet<string>): string[] {
  let [minN, maxN] = checkNgramRange('wordNgrams', ngramRange);
  if (!Array.isArray(tokens)) throw new TypeError(`wordNgrams: 'tokens' must be an array of strings; received ${typeof tokens}`);
  const original = stopWords && stopWords.size > 0 ? tokens.filter((t) => !stopWords.has(t)) : tokens.slice();
  if (maxN === 1) return original;
  const out: string[] = minN === 1 ? original.slice() : [];
  if (minN === 1) minN = 2;
  const n0 = original.length;
  for (let n = minN; n <= Math.min(maxN, n0); n++) {
    for (let i = 0; i + n <= n0; i++) {
      let s = original[i];
      for (let k = 1; k < n; k++) s += ` ${original[i + k]}`;
      out.push(s);
    }
  }
  return out;
}
