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

type Normalizer = (input: string) => AlignedText;
const normalizers = new Map<string, Normalizer>();

/** Normalises `input` (see the file header); `starts[k]`/`ends[k]` give the original span of output unit k. */
export function bertNormalize(input: string, options: BertNormalizeOptions = {}): AlignedText {
  const o = { ...BERT_NORMALIZE_DEFAULTS, ...options };
  const strip = o.stripAccents ?? o.lowercase;
  const key = `${+o.cleanText}${+o.handleChineseChars}${+o.lowercase}${+strip}`;
  let fn = normalizers.get(key);
  if (fn === undefined) {
    fn = makeNormalizer(o.cleanText, o.handleChineseChars, o.lowercase, strip);
    normalizers.set(key, fn);
  }
  return fn(input);
}

function makeNormalizer(clean: boolean, cjk: boolean, lower: boolean, strip: boolean): Normalizer {
  // What one code point becomes; cached, as the same characters recur.
  const cache = new Map<number, string>();
  const pieceOf = (cp: number): string => {
    let piece = cache.get(cp);
    if (piece !== undefined) return piece;
    let ch = String.fromCodePoint(cp);
    if (clean && (cp === 0 || cp === 0xfffd || (cp !== 9 && cp !== 10 && cp !== 13 && CONTROL.test(ch)))) piece = '';
    else if (clean && SPACE.test(ch)) piece = ' ';
    else {
      if (lower) ch = ch.toLowerCase();
      if (strip) ch = ch.normalize('NFD').replace(MN, '');
      piece = cjk && isCjkChar(cp) ? ` ${ch} ` : ch;
    }
    cache.set(cp, piece);
    return piece;
  };
  return (input) => {
    let cap = input.length + 16;
    let starts: Int32Array = new Int32Array(cap);
    let ends: Int32Array = new Int32Array(cap);
    const parts: string[] = [];
    let n = 0;
    let runStart = 0; // start of a run of ASCII characters copied as they are (or lower-cased)
    const flushRun = (upTo: number): void => {
      if (upTo > runStart) {
        const run = input.slice(runStart, upTo);
        parts.push(lower ? run.toLowerCase() : run);
      }
    };
    for (let i = 0; i < input.length; ) {
      const c = input.charCodeAt(i);
      // Printable ASCII other than the space maps to itself (lower-cased): the common case, kept in runs.
      if (c > 0x20 && c < 0x7f) {
        if (n + 1 > cap) [starts, ends, cap] = grow(starts, ends, n + 1);
        starts[n] = i;
        ends[n] = i + 1;
        n++;
        i++;
        continue;
      }
      flushRun(i);
      const cp = input.codePointAt(i) as number;
      const width = cp > 0xffff ? 2 : 1;
      const piece = pieceOf(cp);
      if (n + piece.length > cap) [starts, ends, cap] = grow(starts, ends, n + piece.length);
      for (let k = 0; k < piece.length; k++) {
        starts[n] = i;
        ends[n] = i + width;
        n++;
      }
      parts.push(piece);
      i += width;
      runStart = i;
    }
    flushRun(input.length);
    return { text: parts.join(''), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
  };
}

function grow(starts: Int32Array, ends: Int32Array, need: number): [Int32Array, Int32Array, number] {
  const cap = Math.max(need, starts.length * 2);
  const s = new Int32Array(cap);
  const e = new Int32Array(cap);
  s.set(starts);
  e.set(ends);
  return [s, e, cap];
}
