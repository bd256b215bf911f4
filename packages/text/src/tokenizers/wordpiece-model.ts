/**
 * WordPiece's greedy longest-match-first subword split (Wu et al., "Google's Neural Machine
 * Translation System", 2016; google-research/bert `WordpieceTokenizer`; Hugging Face
 * tokenizers/src/models/wordpiece): take the longest vocabulary entry that prefixes the rest of the
 * word (non-initial pieces carry the continuation prefix, "##"); if some position has no match, or the
 * word has more than `maxInputCharsPerWord` code points, the whole word becomes the unknown token.
 */

/** A subword piece: its id, string and `[start, end)` within the word (UTF-16 units). */
export interface Piece {
  id: number;
  token: string;
  start: number;
  end: number;
}

const CACHE_LIMIT = 20_000;

export class WordPieceModel {
  private readonly cache = new Map<string, Piece[]>();

  constructor(
    readonly vocab: ReadonlyMap<string, number>,
    readonly unkToken: string,
    readonly prefix: string,
    readonly maxInputCharsPerWord: number,
  ) {}

  /** Pieces of one pre-tokenized word. */
  encodeWord(word: string): Piece[] {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const pieces = this.split(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, pieces);
    return pieces;
  }

  private unk(word: string): Piece[] {
    const id = this.vocab.get(this.unkToken);
    if (id === undefined) throw new RangeError(`WordPieceTokenizer: the unknown token ${JSON.stringify(this.unkToken)} is not in the vocabulary`);
    return [{ id, token: this.unkToken, start: 0, end: word.length }];
  }

  private split(word: string): Piece[] {
    // Code-point boundaries, in UTF-16 units.
    const bounds: number[] = [0];
    for (let i = 0; i < word.length; ) {
      i += (word.codePointAt(i) as number) > 0xffff ? 2 : 1;
      bounds.push(i);
    }
    if (bounds.length - 1 > this.maxInputCharsPerWord) return this.unk(word);
    const out: Piece[] = [];
    let s = 0;
    while (s < bounds.length - 1) {
      let found: Piece | undefined;
      for (let e = bounds.length - 1; e > s; e--) {
        const sub = word.slice(bounds[s], bounds[e]);
        const token = s > 0 ? this.prefix + sub : sub;
        const id = this.vocab.get(token);
        if (id !== undefined) {
          found = { id, token, start: bounds[s], end: bounds[e] };
          s = e;
          break;
        }
      }
      if (found === undefined) return this.unk(word);
      out.push(found);
    }
    return out;
  }
}
