/**
 * Character n-grams inside word boundaries, as scikit-learn's `analyzer='char_wb'`
 * (`_VectorizerMixin._char_wb_ngrams`): each whitespace-separated word is padded with one space on
 * each side and cut into n-grams; a word shorter than n yields itself (padded) once. Lengths count
 * code points.
 */
import { checkNgramRange, checkString } from '../internal/check-strings.js';
import { PY_SPLIT } from '../internal/python-chars.js';

const SURROGATE = /[\ud800-\udfff]/;

/** @param ngramRange `[min, max]` n-gram lengths. @default [1, 1] */
export function charWbNgrams(text: string, ngramRange: readonly [number, number] = [1, 1]): string[] {
  checkString('charWbNgrams', 'text', text);
  const [minN, maxN] = checkNgramRange('charWbNgrams', ngramRange);
  const out: string[] = [];
  PY_SPLIT.lastIndex = 0;
  for (const m of text.matchAll(PY_SPLIT)) {
    const w = ` ${m[0]} `;
    const chars: readonly string[] | string = SURROGATE.test(w) ? Array.from(w) : w;
    const len = chars.length;
    const piece = typeof chars === 'string' ? (a: number, b: number) => chars.slice(a, b) : (a: number, b: number) => chars.slice(a, b).join('');
    for (let n = minN; n <= maxN; n++) {
      let offset = 0;
      out.push(piece(offset, offset + n));
      while (offset + n < len) {
        offset++;
        out.push(piece(offset, offset + n));
      }
      if (offset === 0) break;
    }
  }
  return out;
}
