/**
 * EmbeddingBagClassifier: mean vectors, generalisation through the embeddings to words never seen
 * in training, JSON round-trip and errors. Word vectors are synthetic: two topics, each word its
 * topic's direction plus noise (seeded).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { KeyedVectors } from '../embeddings/keyed-vectors.js';
import { EmbeddingBagClassifier } from './embedding-bag-classifier.js';

const D = 16;
const rng = new Rng(21);
const topic = (): number[] => Array.from({ length: D }, () => rng.normal());
const spamDir = topic();
const hamDir = topic();
const spamWords = Array.from({ length: 40 }, (_, i) => `spam${i}`);
const hamWords = Array.from({ length: 40 }, (_, i) => `ham${i}`);
const neutral = Array.from({ length: 40 }, (_, i) => `n${i}`);
const words = [...spamWords, ...hamWords, ...neutral];
const vectors = words.flatMap((w) => {
  const dir = w.startsWith('spam') ? spamDir : w.startsWith('ham') ? hamDir : spamDir.map(() => 0);
  return dir.map((x) => 1.2 * x + rng.normal());
});
const kv = new KeyedVectors(words, vectors, D);

/** Texts from the first or second half of each topic's words, with neutral filler. */
function texts(n: number, half: 0 | 1): { texts: string[]; labels: string[] } {
  const out: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const spam = rng.random() < 0.5;
    const pool = (spam ? spamWords : hamWords).slice(half * 20, half * 20 + 20);
    const tokens = [...Array.from({ length: 3 }, () => pool[rng.int(20)]), ...Array.from({ length: 5 }, () => neutral[rng.int(40)]), 'unknownword'];
    out.push(tokens.join(' '));
    labels.push(spam ? 'spam' : 'ham');
  }
  return { texts: out, labels };
}

describe('EmbeddingBagClassifier', () => {
  it('generalises through the embeddings to words absent from the training texts (> 90%)', () => {
    const train = texts(200, 0);
    const test = texts(200, 1); // disjoint topic words
    const model = new EmbeddingBagClassifier<string>(kv, { C: 1 }).fit(train.texts, train.labels);
    expect(model.classes).toEqual(['ham', 'spam']);
    expect(model.score(test.texts, test.labels)).toBeGreaterThan(0.9);
    expect(model.coverage(['spam0 n1 zzz zzz'])).toBeCloseTo(0.5, 10);
  });

  it('averages the known words’ vectors (zero row when none is known)', () => {
    const model = new EmbeddingBagClassifier(kv);
    const X = model.transform(['Spam0 ham1 nothing', 'nothing at all']);
    const a = kv.getVector('spam0');
    const b = kv.getVector('ham1');
    for (let k = 0; k < D; k++) expect(X[k]).toBeCloseTo((a[k] + b[k]) / 2, 6);
    expect(Array.from(X.subarray(D))).toEqual(new Array(D).fill(0));
  });

  it('round-trips through JSON and names bad input', () => {
    const train = texts(60, 0);
    const model = new EmbeddingBagClassifier<string>(kv, { C: 0.5 }).fit(train.texts, train.labels);
    const back = EmbeddingBagClassifier.fromJSON<string>(JSON.stringify(model.toJSON()), kv);
    expect(back.predictProba(train.texts)).toEqual(model.predictProba(train.texts));
    expect(() => EmbeddingBagClassifier.fromJSON({ format: 'x' }, kv)).toThrow(/format 'ml-sequence\/embedding-bag-classifier'/);
    const small = new KeyedVectors(['a'], [1, 2]);
    expect(() => EmbeddingBagClassifier.fromJSON(model.toJSON(), small)).toThrow(/fitted on 16-dimensional vectors; 'embeddings' has 2/);
    expect(() => new EmbeddingBagClassifier(kv).predict(['x'])).toThrow(/not fitted/);
    expect(() => new EmbeddingBagClassifier(kv).fit(['a'], ['x', 'y'])).toThrow(/one label per text \(1\); received length 2/);
    expect(() => new EmbeddingBagClassifier(kv, { C: 0 }).fit(['a', 'b'], ['x', 'y'])).toThrow(/'C' must be a finite number > 0; received 0/);
    expect(() => new EmbeddingBagClassifier(null as unknown as KeyedVectors)).toThrow(/'embeddings' must be a KeyedVectors/);
  });
});
