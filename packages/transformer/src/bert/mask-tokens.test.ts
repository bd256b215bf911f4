/** MLM masking: the 15% / 80-10-10 rule measured on a large seeded sample, special tokens, whole words. */
import { expect, it, describe } from 'vitest';
import { maskTokens, IGNORE_INDEX } from './mask-tokens.js';
import { Rng } from '@ml/core';

const V = 50;
const MASK = 4;

describe('maskTokens', () => {
  it('chooses ~15% of non-special tokens; 80% [MASK], 10% random, 10% kept; seeded', () => {
    const rng = new Rng(3);
    const seqs = Array.from({ length: 400 }, () => [2, ...Array.from({ length: 48 }, () => 5 + rng.int(V - 5)), 3]);
    const { inputIds, labels } = maskTokens(seqs, { maskTokenId: MASK, vocabSize: V, specialTokenIds: [0, 2, 3], seed: 9 });
    let chosen = 0;
    let masked = 0;
    let kept = 0;
    let changed = 0;
    seqs.forEach((s, i) =>
      s.forEach((id, j) => {
        const l = labels[i]?.[j] as number;
        const x = inputIds[i]?.[j] as number;
        if (id === 2 || id === 3) {
          expect(l).toBe(IGNORE_INDEX);
          expect(x).toBe(id);
          return;
        }
        if (l === IGNORE_INDEX) return expect(x).toBe(id);
        expect(l).toBe(id);
        chosen++;
        if (x === MASK) masked++;
        else if (x === id) kept++;
        else changed++;
      }),
    );
    const n = 400 * 48; // 19200 candidates: σ of the 15% share ≈ 0.26%
    expect(chosen / n).toBeGreaterThan(0.14);
    expect(chosen / n).toBeLessThan(0.16);
    expect(masked / chosen).toBeGreaterThan(0.77);
    expect(masked / chosen).toBeLessThan(0.83);
    expect(kept / chosen).toBeGreaterThan(0.08); // 10% kept plus random draws equal to the original (2%·0.1)
    expect(kept / chosen).toBeLessThan(0.125);
    expect(changed / chosen).toBeGreaterThan(0.075);
    expect(changed / chosen).toBeLessThan(0.12);
    expect(maskTokens(seqs.slice(0, 5), { maskTokenId: MASK, vocabSize: V, specialTokenIds: [2, 3], seed: 9 })).toEqual(
      maskTokens(seqs.slice(0, 5), { maskTokenId: MASK, vocabSize: V, specialTokenIds: [2, 3], seed: 9 }),
    );
  });

  it('whole-word masking takes every piece of a word or none, round(15%) of the tokens', () => {
    // Tokens: 5..14 word starts 'w0'…'w9', 15..19 continuation pieces '##s0'…'##s4'.
    const idToToken = (id: number) => (id >= 15 ? `##s${id - 15}` : id >= 5 ? `w${id - 5}` : ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'][id]);
    const rng = new Rng(4);
    const seqs = Array.from({ length: 300 }, () => {
      const s = [2];
      for (let w = 0; w < 10; w++) {
        s.push(5 + rng.int(10));
        const pieces = rng.int(3);
        for (let p = 0; p < pieces; p++) s.push(15 + rng.int(5));
      }
      return [...s, 3];
    });
    const { labels } = maskTokens(seqs, { maskTokenId: MASK, vocabSize: 20, specialTokenIds: [2, 3], wholeWordMask: true, idToToken, seed: 1 });
    seqs.forEach((s, i) => {
      const lab = labels[i] as number[];
      const n = s.length - 2;
      const count = lab.filter((l) => l !== IGNORE_INDEX).length;
      expect(count).toBeLessThanOrEqual(Math.max(1, Math.round(n * 0.15)));
      expect(count).toBeGreaterThan(0);
      for (let j = 1; j < s.length - 1; j++) {
        if ((s[j] as number) >= 15) expect(lab[j] !== IGNORE_INDEX).toBe(lab[j - 1] !== IGNORE_INDEX); // a piece goes with the token before it
      }
    });
    expect(() => maskTokens(seqs, { maskTokenId: MASK, vocabSize: 20, wholeWordMask: true })).toThrow(/'idToToken' must be a function/);
    expect(() => maskTokens([[1, 25]], { maskTokenId: MASK, vocabSize: 20 })).toThrow(/'sequences\[0\]\[1\]' must be a token id in \[0, 20\); received 25/);
  });
});
