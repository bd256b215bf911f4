import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/textrank.json' with { type: 'json' };
import { extractKeywords } from './extract-keywords.js';
import { sentenceSimilarity } from './sentence-similarity.js';
import { summarize } from './summarize.js';

const sentences = fixture.sentences as string[][];

describe('sentenceSimilarity', () => {
  it('matches the Mihalcea–Tarau formula computed in Python', () => {
    for (let i = 0; i < sentences.length; i++) {
      for (let j = 0; j < sentences.length; j++) {
        expect(Math.abs(sentenceSimilarity(sentences[i], sentences[j]) - fixture.similarity[i][j])).toBeLessThan(1e-12);
      }
    }
  });

  it('guards empty and single-token sentences', () => {
    expect(sentenceSimilarity([], ['a'])).toBe(0);
    expect(sentenceSimilarity(['a'], ['a'])).toBe(0);
    expect(sentenceSimilarity(['a'], ['a', 'b'])).toBeCloseTo(1 / Math.log(2), 12);
  });
});

describe('summarize', () => {
  it('scores sentences as networkx pagerank on the similarity graph', () => {
    const summary = summarize(sentences, { count: 3, tol: 1e-10, maxIter: 1000 });
    fixture.sentenceScores.forEach((expected, i) => expect(Math.abs(summary.rank.get(i) - expected)).toBeLessThan(1e-8));
    const best = [...fixture.sentenceScores.keys()].sort((a, b) => fixture.sentenceScores[b] - fixture.sentenceScores[a] || a - b);
    expect(summary.ranking).toEqual(best);
    expect(summary.indices).toEqual(best.slice(0, 3).sort((a, b) => a - b));
  });

  it('returns every sentence when count exceeds them, and nothing for no text', () => {
    expect(summarize([['a', 'b'], ['b', 'c']], { count: 5 }).indices).toEqual([0, 1]);
    expect(summarize([]).indices).toEqual([]);
  });

  it('rejects bad input', () => {
    expect(() => summarize([['a'], 'b c' as unknown as string[]])).toThrow("summarize: 'sentences[1]' must be an array of string tokens; received \"b c\"");
    expect(() => summarize([['a']], { count: -1 })).toThrow("summarize: 'count' must be a non-negative integer; received -1");
    expect(() => summarize([['a', 'b'], ['a', 'c']], { similarity: () => Number.NaN })).toThrow(/'similarity' must return a finite number >= 0; received NaN for sentences 0 and 1/);
  });
});

describe('extractKeywords', () => {
  it('scores candidates as networkx pagerank on the co-occurrence graph', () => {
    const result = extractKeywords(sentences, { stopWords: fixture.stopWords, window: fixture.window, tol: 1e-10, maxIter: 1000, count: 5 });
    const expected = fixture.keywordScores as Array<[string, number]>;
    expect(result.rank.graph.numNodes).toBe(expected.length);
    for (const [token, score] of expected) expect(Math.abs(result.rank.get(token) - score)).toBeLessThan(1e-8);
    const best = [...expected].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => t);
    expect(result.keywords.map((k) => k.token)).toEqual(best);
  });

  it('collapses adjacent keywords into phrases and applies the filter', () => {
    const text = [
      ['neural', 'networks', 'learn', 'graph', 'structure'],
      ['graph', 'neural', 'networks', 'are', 'neural', 'networks'],
      ['we', 'run', 'neural', 'networks'],
    ];
    const r = extractKeywords(text, { count: 3, stopWords: ['are', 'we'], filter: (t) => t.length > 3 });
    expect(r.rank.graph.hasNode('run')).toBe(false);
    expect(r.keywords.map((k) => k.token).sort()).toEqual(['graph', 'networks', 'neural']);
    expect(r.phrases.map((p) => p.text)).toEqual(['graph neural networks', 'neural networks']);
    expect(r.phrases[0].score).toBeCloseTo(r.keywords.reduce((s, k) => s + k.score, 0), 12);
    const zh = extractKeywords([['机器', '学习', '很', '有趣'], ['我们', '爱', '机器', '学习']], { count: 2, stopWords: ['很', '我们', '爱'], joiner: '' });
    expect(zh.phrases[0].text).toBe('机器学习');
  });

  it('rejects bad options', () => {
    expect(() => extractKeywords([['a']], { window: 1 })).toThrow("extractKeywords: 'window' must be an integer >= 2; received 1");
    expect(() => extractKeywords([['a']], { joiner: 1 as unknown as string })).toThrow(/'joiner' must be a string; received 1/);
  });
});
