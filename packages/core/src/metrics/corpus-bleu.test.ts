import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { corpusBleu } from './corpus-bleu.js';
import { tokenize13a } from './tokenize-13a.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();

describe('corpusBleu against the sacrebleu port (cross-checked with NLTK in the fixture script)', () => {
  (fx.bleu as Json[]).forEach((c, i) => {
    it(`case ${i} smooth=${String(c.options.smooth)} effectiveOrder=${String(c.options.effectiveOrder)}`, async () => {
      const r = corpusBleu(c.hypotheses, c.references, c.options);
      const e = c.expected;
      await assertClose(r.score, e.score, { rtol: 1e-12, atol: 1e-15, label: 'score' });
      await assertClose(r.precisions, e.precisions, { rtol: 1e-12, atol: 1e-15, label: 'precisions' });
      expect(r.counts).toEqual(e.counts);
      expect(r.totals).toEqual(e.totals);
      expect([r.hypLength, r.refLength]).toEqual([e.hypLength, e.refLength]);
      await assertClose(r.brevityPenalty, e.brevityPenalty, { rtol: 1e-14 });
      if (c.tokens13a !== undefined) expect(c.hypotheses.map(tokenize13a)).toEqual(c.tokens13a);
    });
  });

  it('matches a hand-computed corpus', () => {
    // hyp "a b c d" vs ref "a b c e": p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0/1; lengths equal so BP = 1.
    const none = corpusBleu([['a', 'b', 'c', 'd']], [[['a', 'b', 'c', 'e']]], { smooth: 'none' });
    expect(none.score).toBe(0);
    expect(none.counts).toEqual([3, 2, 1, 0]);
    // 'exp': the first zero precision becomes 1 / (2 · 1).
    const exp = corpusBleu([['a', 'b', 'c', 'd']], [[['a', 'b', 'c', 'e']]]);
    expect(exp.score).toBeCloseTo(Math.pow((3 / 4) * (2 / 3) * (1 / 2) * (1 / 2), 1 / 4), 14);
    // 'floor': 0.1 / 1.  'add-k': (c + 1) / (t + 1) for n ≥ 2.
    const floor = corpusBleu([['a', 'b', 'c', 'd']], [[['a', 'b', 'c', 'e']]], { smooth: 'floor' });
    expect(floor.score).toBeCloseTo(Math.pow((3 / 4) * (2 / 3) * (1 / 2) * 0.1, 1 / 4), 14);
    const addK = corpusBleu([['a', 'b', 'c', 'd']], [[['a', 'b', 'c', 'e']]], { smooth: 'add-k' });
    expect(addK.score).toBeCloseTo(Math.pow((3 / 4) * (3 / 4) * (2 / 3) * (1 / 2), 1 / 4), 14);
    // Brevity: hyp of 2 tokens, closest reference 4 tokens → BP = exp(1 − 4/2).
    const short = corpusBleu([['a', 'b']], [[['a', 'b', 'c', 'e'], ['x', 'y', 'z', 'w', 'v', 'u']]], { maxOrder: 2 });
    expect(short.brevityPenalty).toBeCloseTo(Math.exp(-1), 14);
    expect(short.score).toBeCloseTo(Math.exp(-1), 14);
  });

  it('tokenises strings with the 13a rules, optionally lowercased', () => {
    expect(tokenize13a('Hello, world! 3.5 and 1,000; e-mail 2019-2020')).toEqual(
      ['Hello', ',', 'world', '!', '3.5', 'and', '1,000', ';', 'e-mail', '2019', '-', '2020'],
    );
    expect(corpusBleu(['The CAT'], [['the cat']], { lowercase: true, maxOrder: 2 }).score).toBeCloseTo(1, 14);
    expect(corpusBleu(['a b'], [['a b']], { tokenize: (s) => s.split(''), maxOrder: 1 }).counts).toEqual([3]);
  });

  it('rejects bad input', () => {
    expect(() => corpusBleu(['a'], [])).toThrow(/corpusBleu: 'references' must have one entry per hypothesis \(1\); received length 0/);
    expect(() => corpusBleu([], [])).toThrow(/'hypotheses' must hold at least one sentence/);
    expect(() => corpusBleu(['a'], [[]])).toThrow(/'references\[0\]' must list at least one reference/);
    expect(() => corpusBleu(['a'], [['a']], { smooth: 'laplace' as never })).toThrow(/'smooth' must be 'exp', 'floor', 'add-k' or 'none'; received "laplace"/);
    expect(() => corpusBleu(['a'], [['a']], { maxOrder: 0 })).toThrow(/'maxOrder' must be a positive integer; received 0/);
    expect(() => corpusBleu([[1] as never], [['a']])).toThrow(/'hypotheses\[0\]' must be a string or an array of string tokens/);
  });
});
