/**
 * Bag-of-words tokenisation for mixed Chinese/English text: every Han character (BERT's CJK blocks,
 * see `isCjkChar`) is a token, as in BERT's basic tokenizer, optionally with the bigrams of adjacent
 * Han characters (the usual character-bigram features for Chinese text classification); runs of
 * other word characters (Python `\w`: letters, numbers, `_`) are word tokens. Punctuation, spaces and
 * marks separate tokens and are dropped. Output order: per run, its characters then its bigrams.
 */
import { checkBool, checkString } from '../internal/check-strings.js';
import { PY_WORD } from '../internal/python-chars.js';

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2a6df}\\u{2a700}-\\u{2ceaf}\\u{2f800}-\\u{2fa1f}';
const RUN = new RegExp(`([${HAN}]+)|(?:(?![${HAN}])[${PY_WORD}])+`, 'gu');

/** Options of `cjkTokenize`. */
export interface CjkTokenizeOptions {
  /** Add the bigrams of adjacent Han characters after each run's characters. @default false */
  bigrams?: boolean;
  /** Lower-case the non-Han word tokens. @default true */
  lowercase?: boolean;
}

/** Defaults of `cjkTokenize`. */
export const CJK_TOKENIZE_DEFAULTS = { bigrams: false, lowercase: true } as const satisfies Required<CjkTokenizeOptions>;

/** Splits `text` into Han characters (and optional bigrams) and other words; see the file header. */
export function cjkTokenize(text: string, options: CjkTokenizeOptions = {}): string[] {
  checkString('cjkTokenize', 'text', text);
  const bigrams = checkBool('cjkTokenize', 'bigrams', options.bigrams ?? CJK_TOKENIZE_DEFAULTS.bigrams);
  const lowercase = checkBool('cjkTokenize', 'lowercase', options.lowercase ?? CJK_TOKENIZE_DEFAULTS.lowercase);
  const out: string[] = [];
  RUN.lastIndex = 0;
  for (const m of text.matchAll(RUN)) {
    if (m[1] === undefined) {
      out.push(lowercase ? m[0].toLowerCase() : m[0]);
      continue;
    }
    const chars = Array.from(m[1]);
    for (const c of chars) out.push(c);
    if (bigrams) for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}
