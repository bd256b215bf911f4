import { checkString } from '../internal/check-strings.js';
import { bertNormalize, type BertNormalizeOptions } from './bert-normalize.js';
import { bertPreTokenize } from './bert-pre-tokenize.js';

/** A word of `basicTokenize` with its `[start, end)` in the original text. */
export interface BasicToken {
  token: string;
  start: number;
  end: number;
}

/**
 * BERT's basic tokenizer: clean the text, split CJK ideographs into single-character tokens,
 * lower-case and strip accents (see `bertNormalize`), then split on whitespace and punctuation.
 * "人工智能很有趣" gives seven tokens; "Héllo, World!" gives ["hello", ",", "world", "!"]. Each token
 * carries its span in the original string.
 */
export function basicTokenize(text: string, options: BertNormalizeOptions = {}): BasicToken[] {
  checkString('basicTokenize', 'text', text);
  const n = bertNormalize(text, options);
  const spans = bertPreTokenize(n.text);
  const out: BasicToken[] = [];
  for (let k = 0; k < spans.length; k += 2) {
    const [s, e] = [spans[k], spans[k + 1]];
    out.push({ token: n.text.slice(s, e), start: n.starts[s], end: n.ends[e - 1] });
  }
  return out;
}
