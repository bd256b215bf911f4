import { describe, expect, it } from 'vitest';
import { assertClose } from '../testing/index.js';
import { rougeL } from './rouge-l.js';
import { rougeLsum } from './rouge-lsum.js';
import { rougeN } from './rouge-n.js';
import { rougeTokenize } from './rouge-tokenize.js';
import { readMetricsFixture, type Json } from './__fixtures__/read-fixture.js';

const fx = readMetricsFixture();

async function same(actual: Json, expected: Json, label: string): Promise<void> {
  await assertClose([actual.precision, actual.recall, actual.fmeasure], [expected.precision, expected.recall, expected.fmeasure], { rtol: 1e-12, atol: 1e-15, label });
}

describe('ROUGE against the rouge-score port', () => {
  (fx.rouge as Json[]).forEach((c, i) => {
    it(`case ${i}`, async () => {
      expect(rougeTokenize(c.candidate)).toEqual(c.tokens.candidate);
      expect(rougeTokenize(c.reference)).toEqual(c.tokens.reference);
      for (const n of [1, 2, 3]) await same(rougeN(c.candidate, c.reference, { n }), c.expected[`rouge${n}`], `rouge${n}`);
      await same(rougeL(c.candidate, c.reference), c.expected.rougeL, 'rougeL');
      await same(rougeLsum(c.candidate, c.reference), c.expected.rougeLsum, 'rougeLsum');
    });
  });
});

describe('ROUGE hand-computed cases', () => {
  it('ROUGE-N clips counts', () => {
    // cand "the the the cat", ref "the cat sat": unigram overlap min(3,1) + min(1,1) = 2; P = 2/4, R = 2/3.
    const r = rougeN('the the the cat', 'the cat sat');
    expect(r.precision).toBeCloseTo(0.5, 15);
    expect(r.recall).toBeCloseTo(2 / 3, 15);
    expect(r.fmeasure).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 15);
    expect(rougeN(['a', 'b', 'c'], ['a', 'b', 'd'], { n: 2 }).recall).toBeCloseTo(0.5, 15);
  });

  it('ROUGE-L uses the LCS, and beta weights recall (Lin 2004, eq. 2-4)', () => {
    // Lin's example: S1 "police killed the gunman", S2 "police kill the gunman": LCS 3 → P = R = 3/4.
    const r = rougeL('police kill the gunman', 'police killed the gunman');
    expect(r.fmeasure).toBeCloseTo(0.75, 15);
    // P = 3/5, R = 3/4, β = 2: F = 5·P·R / (R + 4P).
    const b = rougeL('police kill the gunman today', 'police killed the gunman', { beta: 2 });
    expect(b.fmeasure).toBeCloseTo((5 * 0.6 * 0.75) / (0.75 + 4 * 0.6), 15);
  });

  it('ROUGE-Lsum takes the union of LCS hits across sentences (Lin 2004, §3.2 example)', () => {
    // r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5: union LCS = w1 w2 w3 w5 → 4 hits.
    const ref = [['w1', 'w2', 'w3', 'w4', 'w5']];
    const cand = [['w1', 'w2', 'w6', 'w7', 'w8'], ['w1', 'w3', 'w8', 'w9', 'w5']];
    const r = rougeLsum(cand, ref);
    expect(r.recall).toBeCloseTo(4 / 5, 15);
    expect(r.precision).toBeCloseTo(4 / 10, 15);
    expect(rougeLsum('a b\nc d', '')).toEqual({ precision: 0, recall: 0, fmeasure: 0 });
  });

  it('rejects bad input', () => {
    expect(() => rougeN('a', 'a', { n: 0 })).toThrow(/rougeN: 'n' must be a positive integer; received 0/);
    expect(() => rougeL('a', 'a', { beta: 0 })).toThrow(/rougeL: 'beta' must be a finite number > 0; received 0/);
    expect(() => rougeL(5 as never, 'a')).toThrow(/rougeL: 'candidate' must be a string or an array of string tokens; received 5/);
  });
});
