import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { ProbabilisticGrammar } from './probabilistic-grammar.js';
import { AGREEMENT_GRAMMAR_RULES, agreementGrammar } from './agreement-grammar.js';

const words = (s: string): string[] => s.split(' ');

describe('ProbabilisticGrammar', () => {
  const g = agreementGrammar();

  it('accepts sentences with agreement and rejects broken ones (hand-written cases)', () => {
    for (const s of ['the red cat sees a small dog .', 'these dogs sleep .', 'the cats chase the bird .', 'every old fox likes many birds .', 'a bird runs .']) {
      expect(g.isGrammatical(words(s)), s).toBe(true);
    }
    for (const s of [
      'a dogs sleeps .', // determiner–noun number
      'the cat sleep .', // subject–verb number
      'these cat sleeps .',
      'the cats sees the dog .',
      'the cat sees .', // transitive verb without object
      'the cat sleeps', // no full stop
      'the cat sleeps . .',
      'red the cat sleeps .',
      'the red red cat sleeps .', // one adjective at most
      '',
    ]) {
      expect(g.isGrammatical(s === '' ? [] : words(s)), s).toBe(false);
    }
  });

  it('samples reproducibly from a seed; every sample parses; lengths 4–8; both numbers occur', () => {
    const a = g.sample(300, 7);
    expect(g.sample(300, 7)).toEqual(a);
    expect(g.sample(300, 8)).not.toEqual(a);
    expect(g.grammaticalFraction(a)).toBe(1);
    const lengths = a.map((s) => s.length);
    expect(Math.min(...lengths)).toBe(4);
    expect(Math.max(...lengths)).toBe(8);
    expect(a.some((s) => s.includes('cats') || s.includes('dogs'))).toBe(true);
    expect(new Set(a.map((s) => s.join(' '))).size).toBeGreaterThan(200);
  });

  it('rejects random token sequences and single-word swaps of grammatical ones', () => {
    const rng = new Rng(3);
    const vocab = g.terminals();
    expect(vocab.length).toBe(30);
    let accepted = 0;
    for (let i = 0; i < 500; i++) {
      const len = 4 + rng.int(5);
      accepted += g.isGrammatical(Array.from({ length: len }, () => vocab[rng.int(vocab.length)] as string)) ? 1 : 0;
    }
    expect(accepted).toBeLessThan(3);
    // Replacing the verb with its other-number form always breaks agreement.
    const swap: Record<string, string> = { sees: 'see', see: 'sees', sleeps: 'sleep', sleep: 'sleeps', runs: 'run', run: 'runs', chases: 'chase', chase: 'chases', likes: 'like', like: 'likes' };
    for (const s of g.sample(100, 11)) {
      const i = s.findIndex((t) => t in swap);
      const broken = s.slice();
      broken[i] = swap[s[i] as string] as string;
      expect(g.isGrammatical(broken), broken.join(' ')).toBe(false);
    }
  });

  it('handles ambiguity, ε-rules and recursion (a grammar for aⁿbⁿ)', () => {
    const anbn = new ProbabilisticGrammar({ S: [['a', 'S', 'b'], { rhs: [], weight: 2 }] });
    expect(anbn.isGrammatical([])).toBe(true);
    expect(anbn.isGrammatical(words('a a a b b b'))).toBe(true);
    expect(anbn.isGrammatical(words('a a b b b'))).toBe(false);
    expect(anbn.sample(50, 1).every((s) => anbn.isGrammatical(s))).toBe(true);
    // "the" is both singular and plural: the parser must try both readings.
    expect(g.isGrammatical(words('the cats see the dog .'))).toBe(true);
  });

  it('errors name the argument', () => {
    expect(() => new ProbabilisticGrammar({ S: [['S', 'a'], ['a']] })).toThrow(/left-recursive at 'S'/);
    expect(() => new ProbabilisticGrammar({ S: [['E', 'S']], E: [[]] })).toThrow(/left-recursive/);
    expect(() => new ProbabilisticGrammar(AGREEMENT_GRAMMAR_RULES, { start: 'X' })).toThrow(/'start' must name a nonterminal/);
    expect(() => new ProbabilisticGrammar({ S: [{ rhs: ['a'], weight: 0 }] })).toThrow(/'rules.S\[0\].weight' must be a finite number > 0; received 0/);
    expect(() => g.sample(-1)).toThrow(/'n' must be an integer >= 0; received -1/);
  });
});
