/**
 * BERT's pre-tokenisation, after Hugging Face's `BertPreTokenizer`: split on whitespace (dropped)
 * and make every punctuation character its own piece. Punctuation is Unicode category P plus the ASCII
 * symbol ranges ! to /, : to @, [ to `, { to ~ (so $, +, <, =, >, ^, `, | and ~ count, as in BERT).
 */
const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PIECE = new RegExp(`[^\\s${PUNCT}]+|[${PUNCT}]`, 'gu');

/** `[start, end)` of each piece of `text`. */
export function bertPreTokenize(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(PIECE)) out.push([m.index as number, (m.index as number) + m[0].length]);
  return out;
}
