/**
 * Word2Vec learns from a seeded synthetic corpus with planted synonyms: each entity occurs with its
 * own four context words, neighbouring entities share two of them, and a synonym pair is one entity
 * written two ways at random, so the two forms occur in identical contexts. A correct trainer puts
 * each form's partner first, ahead of the entities that share half their contexts.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { Word2Vec, type Word2VecProgress } from './word2vec.js';

const CATEGORIES = {
  vehicle: [['car', 'automobile'], ['truck'], ['bus'], ['bicycle']],
  feeling: [['happy', 'glad'], ['angry'], ['sad'], ['calm', 'serene']],
  size: [['big', 'large'], ['tiny'], ['tall'], ['wide']],
};
const PAIRS = Object.values(CATEGORIES).flatMap((entities) => entities.filter((e) => e.length === 2)) as [string, string][];

function corpus(seed: number, perEntity: number): string[][] {
  const rng = new Rng(seed);
  const pool = Array.from({ length: 24 }, (_, i) => `ctx${i}`);
  const sentences: string[][] = [];
  let entity = 0;
  for (const entities of Object.values(CATEGORIES)) {
    for (const forms of entities) {
      // Entity e's contexts are pool words 2e … 2e+3: neighbouring entities share two, and each
      // context word occurs with two entities, so its own neighbours differ from any entity's.
      const own = [0, 1, 2, 3].map((k) => pool[(2 * entity + k) % pool.length]);
      entity++;
      for (let s = 0; s < perEntity; s++) {
        const words = Array.from({ length: 4 }, () => own[rng.int(4)]);
        words.splice(rng.int(words.length + 1), 0, forms[rng.int(forms.length)]);
        sentences.push(words);
      }
    }
  }
  // Shuffle so an epoch does not see one entity at a time.
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
  }
  return sentences;
}

describe('Word2Vec', () => {
  const sentences = corpus(3, 150);

  for (const architecture of ['skipgram', 'cbow'] as const) {
    it(`${architecture}: planted synonyms come out nearest to each other`, () => {
      const model = new Word2Vec({ architecture, vectorSize: 24, window: 3, minCount: 2, epochs: 10, sample: 1e-3, seed: 5, alpha: architecture === 'cbow' ? 0.05 : 0.025 }).fit(sentences);
      for (const [a, b] of PAIRS) {
        expect(model.mostSimilar(a, { topN: 1 })[0][0], `nearest to ${a}`).toBe(b);
        expect(model.mostSimilar(b, { topN: 1 })[0][0], `nearest to ${b}`).toBe(a);
        expect(model.wv.similarity(a, b)).toBeGreaterThan(0.8);
      }
      // Similarity is graded: truck shares two of car's contexts, tiny none (car: ctx0–3, tiny: ctx18–21).
      expect(model.wv.similarity('car', 'truck')).toBeGreaterThan(model.wv.similarity('car', 'tiny'));
    });
  }

  it('is deterministic for a seed and reports progress up to 1', () => {
    const small = sentences.slice(0, 400);
    const seen: Word2VecProgress[] = [];
    const a = new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 2, seed: 9, progressEvery: 500, onProgress: (p) => seen.push(p) }).fit(small);
    const b = new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 2, seed: 9 }).fit(small);
    const c = new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 2, seed: 10 }).fit(small);
    expect(Array.from(a.wv.vectors)).toEqual(Array.from(b.wv.vectors));
    expect(Array.from(a.wv.vectors)).not.toEqual(Array.from(c.wv.vectors));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)?.progress).toBe(1);
    expect(seen.at(-1)?.epoch).toBe(1);
    expect(seen.map((p) => p.alpha)).toEqual([...seen.map((p) => p.alpha)].sort((x, y) => y - x)); // linear decay
    expect(seen.at(-1)?.alpha).toBeCloseTo(1e-4, 8);
    // Vocabulary: most frequent first, counts kept.
    const counts = a.counts;
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(a.wv.size).toBe(new Set(small.flat()).size);
  });

  it('validates its options and input', () => {
    expect(() => new Word2Vec({ vectorSize: 0 }).fit(sentences)).toThrow(/'vectorSize' must be an integer >= 1; received 0/);
    expect(() => new Word2Vec({ architecture: 'glove' as 'cbow' }).fit(sentences)).toThrow(/'architecture' must be 'skipgram' or 'cbow'; received "glove"/);
    expect(() => new Word2Vec({ minCount: 1000 }).fit(sentences)).toThrow(/fewer than 2 words occur at least minCount = 1000 times/);
    expect(() => new Word2Vec().fit(['a b c'] as unknown as string[][])).toThrow(/'sentences\[0\]' must be an array of tokens; received "a b c"/);
    expect(() => new Word2Vec().wv).toThrow(/not fitted/);
  });
});
