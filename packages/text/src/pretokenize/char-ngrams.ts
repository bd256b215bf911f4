/**
 * Character n-grams as scikit-learn's `analyzer='char'` (`_VectorizerMixin._char_ngrams`): runs of
 * two or more whitespace characters become one space, then every substring of length min..max in
 * order of length. Lengths count code points, as Python does (an emoji is one character).
 */
import { checkNgramRange, checkString } from '../internal/check-strings.js';
import { PY_SPACE } from '../internal/python-chars.js';

const RUNS = new RegExp(`[${PY_SPACE}]{2,}`, 'gu');
const SURROGATE = /[\ud800-\udfff]/;

/** @param ngramRange `[min, max]` n-gram lengths. @default [1, 1] */
export function charNgrams(text: string, ngramRange: readonly [number, number] = [1, 1]): string[] {
  checkString('charNgrams', 'text', text);
  const [minN, maxN] = checkNgramRange('charNgrams', ngramRange);
  const doc = text.replace(RUNS, ' ');
  const out: string[] = [];
  if (!SURROGATE.test(doc)) {
    const len = doc.length;
    for (let n = minN; n <= Math.min(maxN, len); n++) for (let i = 0; i + n <= len; i++) out.push(doc.slice(i, i + n));
    return out;
  }
  const chars = Array.from(doc);
  const len = chars.length;
  for (let n = minN; n <= Math.min(maxN, len); n++) for (let i = 0; i + n <= len; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}
