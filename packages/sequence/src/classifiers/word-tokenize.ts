/**
 * `wordTokenize`: the default tokenizer of the text classifiers. NFKC normalisation, optional lower
 * case, then words (letters, digits, `_` and inner apostrophes: "don't" is one token), each other
 * non-space character alone (punctuation and emoji carry sentiment), and CJK ideographs one
 * character at a time (Chinese has no spaces between words; BERT's rule, `isCjkChar` of `@ml/text` —
 * kana and Hangul stay in runs).
 */
import { isCjkChar } from '@ml/text';

const TOKEN = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*|[^\s\p{L}\p{N}_]/gu;

/** Options of `wordTokenize`. */
export interface WordTokenizeOptions {
  /** Lower-case the text. @default true */
  lowercase?: boolean;
}

/** The tokens of `text` (see the file header). */
export function wordTokenize(text: string, options: WordTokenizeOptions = {}): string[] {
  if (typeof text !== 'string') throw new TypeError(`wordTokenize: 'text' must be a string; received ${typeof text}`);
  let s = text.normalize('NFKC');
  if (options.lowercase ?? true) s = s.toLowerCase();
  const out: string[] = [];
  for (const m of s.matchAll(TOKEN)) {
    const token = m[0];
    if ([...token].some((c) => isCjkChar(c.codePointAt(0) as number))) {
      // Split a run mixing CJK and other letters into single CJK characters and the other runs.
      let word = '';
      for (const c of token) {
        if (isCjkChar(c.codePointAt(0) as number)) {
          if (word !== '') out.push(word);
          word = '';
          out.push(c);
        } else word += c;
      }
      if (word !== '') out.push(word);
    } else out.push(token);
  }
  return out;
}
