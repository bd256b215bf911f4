/**
 * Applying learnt BPE merges to one word (Sennrich et al., ACL 2016; openai/gpt-2 encoder.py `bpe`):
 * start from single symbols and repeatedly merge every occurrence of the adjacent pair with the lowest
 * merge rank until no pair has a rank. Results are cached per word.
 */
const CACHE_LIMIT = 50_000;

export class BpeModel {
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  constructor(merges: readonly (readonly [string, string])[]) {
    merges.forEach(([a, b], i) => {
      const key = `${a}\u0000${b}`;
      if (!this.ranks.has(key)) this.ranks.set(key, i);
    });
  }

  /** The subword symbols of `word` (a string of byte-level characters). */
  split(word: string): string[] {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    let symbols = Array.from(word);
    while (symbols.length > 1) {
      let best = Infinity;
      let first = '';
      let second = '';
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.ranks.get(`${symbols[i]}\u0000${symbols[i + 1]}`);
        if (r !== undefined && r < best) {
          best = r;
          first = symbols[i];
          second = symbols[i + 1];
        }
      }
      if (best === Infinity) break;
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === first && symbols[i + 1] === second) {
          next.push(first + second);
          i++;
        } else next.push(symbols[i]);
      }
      symbols = next;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, symbols);
    return symbols;
  }
}
