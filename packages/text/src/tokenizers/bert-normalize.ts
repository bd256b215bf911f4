/**
 * BERT's text normalisation with an alignment map, after Hugging Face's `BertNormalizer`
 * (tokenizers/src/normalizers/bert.rs; transformers.js `BertNormalizer`) and google-research/bert's
 * `BasicTokenizer`: drop U+0000, U+FFFD and control/format characters (categories Cc, Cf, Co, Cs except
 * tab, LF, CR); map whitespace to a space; surround CJK ideographs with spaces; lower-case; strip
 * accents (NFD, then drop nonspacing marks Mn). Each code point is transformed on its own, so every
 * unit of the output knows the `[start, end)` of the input code point it came from. (Lower-casing per
 * code point maps a word-final capital sigma to σ, as Hugging Face's Rust tokenizers do.)
 */
import { isCjkChar } from '../normalize/is-cjk-char.js';

/** Options of the BERT normaliser (Hugging Face `BertNormalizer` fields in camelCase). */
export interface BertNormalizeOptions {
  /** Remove control characters and map whitespace to spaces (`clean_text`). @default true */
  cleanText?: boolean;
  /** Put spaces around CJK ideographs so each becomes a token (`handle_chinese_chars`). @default true */
  handleChineseChars?: boolean;
  /** Lower-case (`lowercase`). @default true */
  lowercase?: boolean;
  /** Strip accents (`strip_accents`); null follows `lowercase`, as in BERT. @default null */
  stripAccents?: boolean | null;
}

/** Defaults of `BertNormalizeOptions`. */
export const BERT_NORMALIZE_DEFAULTS = { cleanText: true, handleChineseChars: true, lowercase: true, stripAccents: null } as const satisfies Required<BertNormalizeOptions>;

/** A normalised string and, for each of its UTF-16 units, the span of the original it came from. */
export interface AlignedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

const CONTROL = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;
const SPACE = /^\s$/u;
const MN = /\p{Mn}/gu;

export function bertNormalize(input: string, options: BertNormalizeOptions = {}): AlignedText {
  const o = { ...BERT_NORMALIZE_DEFAULTS, ...options };
  const strip = o.stripAccents ?? o.lowercase;
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    let ch = input.slice(i, i + width);
    let piece: string;
    if (o.cleanText && (cp === 0 || cp === 0xfffd || (cp !== 9 && cp !== 10 && cp !== 13 && CONTROL.test(ch)))) piece = '';
    else if (o.cleanText && SPACE.test(ch)) piece = ' ';
    else {
      if (o.lowercase) ch = ch.toLowerCase();
      if (strip) ch = ch.normalize('NFD').replace(MN, '');
      piece = o.handleChineseChars && isCjkChar(cp) ? ` ${ch} ` : ch;
    }
    text += piece;
    for (let k = 0; k < piece.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
