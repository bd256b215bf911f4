import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/embeddings.json';
import { KeyedVectors } from './keyed-vectors.js';

const kv = (): KeyedVectors => new KeyedVectors(fixture.words, fixture.vectors, fixture.dim);

describe('KeyedVectors', () => {
  it('mostSimilar and analogy match the numpy reference of gensim’s formula (1e-6)', () => {
    const v = kv();
    for (const q of fixture.queries) {
      const got = v.mostSimilar(q.positive, { negative: q.negative, topN: q.topN });
      expect(got.map(([w]) => w)).toEqual(q.expected.map(([w]) => w));
      got.forEach(([, s], i) => expect(s).toBeCloseTo(q.expected[i][1] as number, 6));
    }
    // The planted analogy: king − man + woman ≈ queen.
    expect(v.analogy('man', 'king', 'woman')[0][0]).toBe('queen');
    expect(v.analogy('man', 'king', 'woman', 3)).toEqual(v.mostSimilar(['king', 'woman'], { negative: ['man'], topN: 3 }));
  });

  it('similarity, lookup and restrictVocab', () => {
    const v = kv();
    expect(v.similarity(fixture.similarity.a, fixture.similarity.b)).toBeCloseTo(fixture.similarity.value, 6);
    expect(v.size).toBe(fixture.words.length);
    expect(v.indexOf('w5')).toBe(5);
    expect(v.has('nope')).toBe(false);
    expect(Array.from(v.getVector('w2'))).toEqual(Array.from(Float32Array.from(fixture.vectors.slice(16, 24))));
    const unit = v.getVector('w2', true);
    expect(Math.hypot(...unit)).toBeCloseTo(1, 6);
    // A raw vector query equals the word query, except that the word itself is not excluded.
    expect(v.mostSimilar([v.getVector('w3')], { topN: 1 })[0][0]).toBe('w3');
    expect(v.mostSimilar('w3', { topN: 3, restrictVocab: 10 }).every(([w]) => Number(w.slice(1)) < 10)).toBe(true);
  });

  it('names the argument in errors', () => {
    const v = kv();
    expect(() => v.mostSimilar('absent')).toThrow(/'positive\[0\]' "absent" is not in the vocabulary/);
    expect(() => v.mostSimilar('w1', { topN: 0 })).toThrow(/'topN' must be a positive integer; received 0/);
    expect(() => v.mostSimilar([v.getVector('w1').slice(0, 3)])).toThrow(/'positive\[0\]' must be a word or a vector of 8 numbers/);
    expect(() => new KeyedVectors(['a', 'a'], new Float32Array(4))).toThrow(/holds "a" twice/);
    expect(() => new KeyedVectors(['a', 'b'], new Float32Array(5))).toThrow(/'vectorSize' must be a positive integer/);
    expect(() => new KeyedVectors(['a'], [Number.NaN])).toThrow(/must be finite; received NaN for "a"/);
  });
});
