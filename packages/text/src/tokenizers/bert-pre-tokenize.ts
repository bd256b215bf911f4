/**
 * BERT's pre-tokenisation, after Hugging Face's `BertPreTokenizer`: split on whitespace (dropped)
 * and make every punctuation character its own piece. Punctuation is Unicode category P plus the ASCII
 * symbol ranges ! to /, : to @, [ to `, { to ~ (so $, +, <, =, >, ^, `, | and ~ count, as in BERT);
 * whitespace is JavaScript's `\s`, as in transformers.js. A hand-written scanner with a per-character
 * class cache (no regex match objects: this is the hot loop of WordPiece encoding).
 */
const PUNCT = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
const SPACE = /^\s$/u;
const OTHER = 1;
const WHITE = 2;
const PUNCTUATION = 3;
const bmpClass = new Uint8Array(0x10000);

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmpClass[cp];
    if (k === 0) {
      const ch = String.fromCharCode(cp);
      k = SPACE.test(ch) ? WHITE : PUNCT.test(ch) ? PUNCTUATION : OTHER;
      bmpClass[cp] = k;
    }
    return k;
  }
  return PUNCT.test(String.fromCodePoint(cp)) ? PUNCTUATION : OTHER;
}

/** `[start, end)` of each piece of `text`, as a flat array `[s0, e0, s1, e1, ...]`. */
export function bertPreTokenize(text: string): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const k = classOf(cp);
    if (k === OTHER) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) out.push(start, i);
      start = -1;
      if (k === PUNCTUATION) out.push(i, i + width);
    }
    i += width;
  }
  if (start >= 0) out.push(start, text.length);
  return out;
}
