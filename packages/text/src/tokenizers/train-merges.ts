/**
 * The BPE merge-learning loop (Sennrich et al., "Neural Machine Translation of Rare Words with
 * Subword Units", ACL 2016), as Hugging Face's `BpeTrainer`: ids go to the special tokens, then to the
 * alphabet in code-point order; each step merges the adjacent pair with the highest corpus count
 * (ties: the pair with the smaller (left id, right id)), gives the merged symbol the next id (or its
 * existing id when that string already exists), until `vocabSize` is reached or the best count falls
 * below `minFrequency`.
 */
import { compareCodePoints } from '../internal/compare-code-points.js';

export interface TrainMergesInput {
  /** Distinct words as symbol sequences, with their corpus counts. */
  words: { symbols: string[]; count: number }[];
  /** Symbols that must be in the vocabulary even when unseen (e.g. all 256 byte characters). */
  initialAlphabet: readonly string[];
  specialTokens: readonly string[];
  vocabSize: number;
  minFrequency: number;
  /** The string of the symbol made by merging `a` and `b`. */
  join: (a: string, b: string) => string;
}

export function trainMerges(input: TrainMergesInput): { tokens: string[]; merges: [string, string][] } {
  const tokens: string[] = [...input.specialTokens];
  const ids = new Map<string, number>(tokens.map((t, i) => [t, i]));
  const alphabet = new Set(input.initialAlphabet);
  for (const w of input.words) for (const s of w.symbols) alphabet.add(s);
  for (const s of [...alphabet].sort(compareCodePoints)) {
    if (!ids.has(s)) {
      ids.set(s, tokens.length);
      tokens.push(s);
    }
  }
  const words = input.words.map((w) => ({ ids: w.symbols.map((s) => ids.get(s) as number), count: w.count }));
  const merges: [string, string][] = [];
  const M = 2 ** 21;
  while (tokens.length < input.vocabSize) {
    const pairs = new Map<number, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.ids.length; i++) {
        const key = w.ids[i] * M + w.ids[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + w.count);
      }
    }
    let bestKey = -1;
    let bestCount = 0;
    for (const [key, count] of pairs) {
      if (count > bestCount || (count === bestCount && key < bestKey)) {
        bestKey = key;
        bestCount = count;
      }
    }
    if (bestKey < 0 || bestCount < input.minFrequency) break;
    const a = Math.floor(bestKey / M);
    const b = bestKey % M;
    const merged = input.join(tokens[a], tokens[b]);
    let id = ids.get(merged);
    if (id === undefined) {
      id = tokens.length;
      ids.set(merged, id);
      tokens.push(merged);
    }
    merges.push([tokens[a], tokens[b]]);
    for (const w of words) {
      if (w.ids.length < 2) continue;
      const out: number[] = [];
      for (let i = 0; i < w.ids.length; i++) {
        if (i + 1 < w.ids.length && w.ids[i] === a && w.ids[i + 1] === b) {
          out.push(id);
          i++;
        } else out.push(w.ids[i]);
      }
      w.ids = out;
    }
  }
  return { tokens, merges };
}
