import { CsrMatrix } from '@ml/core';
import { describe, expect, it } from 'vitest';
import { cjkTokenize } from '../pretokenize/cjk-tokenize.js';
import fixture from './__fixtures__/sklearn.json';
import { CountVectorizer, type CountVectorizerOptions } from './count-vectorizer.js';
import { NotFittedError } from './not-fitted-error.js';
import { TfidfVectorizer, type TfidfVectorizerOptions } from './tfidf-vectorizer.js';

interface Csr {
  shape: number[];
  indptr: number[];
  indices: number[];
  data: number[];
}
interface Case {
  name: string;
  kind: 'count' | 'tfidf';
  params: Record<string, unknown>;
  docs: string[];
  newDocs: string[];
  error?: string;
  fit?: Csr;
  transform?: Csr;
  featureNames?: string[];
  stopWords?: string[];
  idf?: (number | string)[];
}

const SNAKE: Record<string, string> = {
  ngram_range: 'ngramRange', stop_words: 'stopWords', min_df: 'minDf', max_df: 'maxDf', max_features: 'maxFeatures',
  strip_accents: 'stripAccents', token_pattern: 'tokenPattern', sublinear_tf: 'sublinearTf', smooth_idf: 'smoothIdf', use_idf: 'useIdf',
};

/** sklearn params → ours. Python floats in [0, 1] for min_df/max_df are fractions; ints are counts. */
function options(c: Case): TfidfVectorizerOptions {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.params)) {
    const key = SNAKE[k] ?? k;
    if ((k === 'min_df' || k === 'max_df') && typeof v === 'number' && !Number.isInteger(v)) o[key] = { fraction: v };
    else if (k === 'vocabulary' && v !== null && typeof v === 'object' && !Array.isArray(v)) o[key] = v;
    else if (k === 'analyzer' && v === 'cjk') o[key] = (doc: string) => cjkTokenize(doc, { bigrams: true });
    else o[key] = v;
  }
  return o as TfidfVectorizerOptions;
}

function make(c: Case): CountVectorizer {
  return c.kind === 'count' ? new CountVectorizer(options(c) as CountVectorizerOptions) : new TfidfVectorizer(options(c));
}

function expectCsr(m: CsrMatrix, ref: Csr): void {
  expect([...m.shape]).toEqual(ref.shape);
  expect(Array.from(m.indptr)).toEqual(ref.indptr);
  expect(Array.from(m.indices)).toEqual(ref.indices);
  expect(m.dtype).toBe('float64');
  const d = Array.from(m.data);
  expect(d.length).toBe(ref.data.length);
  d.forEach((v, i) => expect(Math.abs(v - ref.data[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref.data[i]))));
}

describe('CountVectorizer / TfidfVectorizer match scikit-learn 1.2', () => {
  for (const c of (fixture as { cases: Case[] }).cases) {
    it(c.name, () => {
      const v = make(c);
      if (c.error !== undefined) {
        const expected = c.error.startsWith('empty vocabulary') ? /empty vocabulary/ : c.error.startsWith('After pruning') ? /no terms remain/ : /fewer documents/;
        expect(() => v.fitTransform(c.docs)).toThrow(expected);
        return;
      }
      const X = v.fitTransform(c.docs);
      expectCsr(X, c.fit as Csr);
      expect(v.getFeatureNamesOut()).toEqual(c.featureNames);
      expect([...v.prunedTerms]).toEqual(c.stopWords);
      if (c.idf) {
        const idf = (v as TfidfVectorizer).idf;
        c.idf.forEach((x, i) => (typeof x === 'number' ? expect(idf[i]).toBeCloseTo(x, 10) : expect(idf[i]).toBe(Infinity)));
      }
      if (c.transform) expectCsr(v.transform(c.newDocs), c.transform);
      // fit then transform equals fitTransform, and a JSON round trip keeps everything.
      const v2 = make(c).fit(c.docs);
      expectCsr(v2.transform(c.docs), c.fit as Csr);
      const json = JSON.parse(JSON.stringify(v.toJSON())) as unknown;
      const custom = typeof options(c).analyzer === 'function' ? { analyzer: options(c).analyzer as (d: string) => string[] } : {};
      const back = c.kind === 'count' ? CountVectorizer.fromJSON(json, custom) : TfidfVectorizer.fromJSON(json, custom);
      expect(back.getFeatureNamesOut()).toEqual(c.featureNames);
      if (c.transform) expectCsr(back.transform(c.newDocs), c.transform);
    });
  }
});

describe('vectorizer errors', () => {
  it('names the bad argument', () => {
    expect(() => new CountVectorizer().fit('just one string' as unknown as string[])).toThrow(/'documents' must be an iterable of strings/);
    expect(() => new CountVectorizer().fit(['ok', 3 as unknown as string])).toThrow(/'documents\[1\]' must be a string; received 3/);
    expect(() => new CountVectorizer().fit([])).toThrow(/empty vocabulary/);
    expect(() => new CountVectorizer({ maxDf: 1.5 }).fit(['a b'])).toThrow(/'maxDf' must be/);
    expect(() => new CountVectorizer({ ngramRange: [2, 1] }).fit(['a b'])).toThrow(/'ngramRange' must be/);
    expect(() => new CountVectorizer({ analyzer: 'chars' as 'char' }).fit(['a b'])).toThrow(/'analyzer' must be one of/);
    expect(() => new CountVectorizer({ vocabulary: ['a', 'a'] }).fit(['a b'])).toThrow(/duplicate term/);
    expect(() => new CountVectorizer({ vocabulary: { a: 0, b: 2 } }).fit(['a b'])).toThrow(/does not contain column 1/);
    expect(() => new CountVectorizer({ tokenPattern: '(a)(b)' }).fit(['ab'])).toThrow(/at most one capturing group/);
    expect(() => new CountVectorizer({ maxFeatures: 0 }).fit(['aa bb'])).toThrow(/'maxFeatures' must be a positive integer/);
    expect(() => new CountVectorizer({ bogus: 1 } as CountVectorizerOptions).fit(['aa'])).toThrow(/unknown option 'bogus'/);
    expect(() => new CountVectorizer().transform(['aa'])).toThrow(NotFittedError);
    expect(() => new TfidfVectorizer({ vocabulary: ['aa'] }).transform(['aa'])).toThrow(NotFittedError);
    expect(() => CountVectorizer.fromJSON({ format: 'nope' })).toThrow(/toJSON/);
    const saved = new CountVectorizer({ analyzer: (d) => d.split('') }).fit(['ab']).toJSON();
    expect(() => CountVectorizer.fromJSON(saved)).toThrow(/functions.analyzer/);
  });

  it('accepts JavaScript RegExp token patterns and custom tokenizers', () => {
    const a = new CountVectorizer({ tokenPattern: /\d+/ }).fit(['a1 22 b333']);
    expect(a.getFeatureNamesOut()).toEqual(['1', '22', '333']);
    const b = new CountVectorizer({ tokenizer: (d) => d.split('|'), lowercase: false }).fit(['X|y|X']);
    expect(b.getFeatureNamesOut()).toEqual(['X', 'y']);
    expect(Array.from(b.transform(['X|X|z']).data)).toEqual([2]);
  });
});
