import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPECIAL_TOKENS } from './special-tokens.js';
import { Vocabulary } from './vocabulary.js';

const corpus = [['b', 'a', 'c', 'a'], ['c', 'd', 'a'], ['e', 'c']];

describe('Vocabulary', () => {
  it('puts special tokens first, then by count, ties by code point', () => {
    const v = Vocabulary.fromCorpus(corpus, { specialTokens: [SPECIAL_TOKENS.pad, SPECIAL_TOKENS.unk], unkToken: '[UNK]' });
    expect(v.tokens()).toEqual(['[PAD]', '[UNK]', 'a', 'c', 'b', 'd', 'e']);
    // Same ids whatever the document order.
    expect(Vocabulary.fromCorpus([...corpus].reverse(), { specialTokens: ['[PAD]', '[UNK]'], unkToken: '[UNK]' }).tokens()).toEqual(v.tokens());
    expect(v.encode(['a', 'zzz', 'e'])).toEqual([2, 1, 6]);
    expect(v.decode([2, 1, 6])).toEqual(['a', '[UNK]', 'e']);
  });

  it('applies minFrequency and maxSize', () => {
    expect(Vocabulary.fromCorpus(corpus, { minFrequency: 2 }).tokens()).toEqual(['a', 'c']);
    expect(Vocabulary.fromCorpus(corpus, { maxSize: 3, specialTokens: ['<s>', '</s>'] }).tokens()).toEqual(['<s>', '</s>', 'a']);
  });

  it('round-trips through JSON and files', async () => {
    const v = Vocabulary.fromCorpus([['人', '工', '人'], ['😀']], { unkToken: '[UNK]' });
    expect(Vocabulary.fromJSON(JSON.stringify(v.toJSON())).tokens()).toEqual(v.tokens());
    const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
    await v.save(join(dir, 'v.json'));
    expect((await Vocabulary.load(join(dir, 'v.json'))).encode(['人', 'x'])).toEqual([1, 0]);
    writeFileSync(join(dir, 'bad.json'), '{"format": "other"}');
    await expect(Vocabulary.load(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json.*not a saved vocabulary/);
    await expect(Vocabulary.load(join(dir, 'missing.json'))).rejects.toThrow(/cannot read 'path'.*missing\.json/);
  });

  it('rejects bad input, naming the argument', () => {
    expect(() => Vocabulary.fromCorpus([])).toThrow(/'corpus' is empty/);
    expect(() => Vocabulary.fromCorpus(['a b'] as unknown as string[][])).toThrow(/'corpus\[0\]' must be an array of tokens/);
    expect(() => Vocabulary.fromCorpus(corpus, { minFrequency: 0 })).toThrow(/'minFrequency' must be an integer >= 1; received 0/);
    expect(() => new Vocabulary(['a', 'a'])).toThrow(/holds "a" twice/);
    expect(() => new Vocabulary(['a']).encode(['b'])).toThrow(/'tokens\[0\]' "b" is not in the vocabulary/);
    expect(() => new Vocabulary(['a']).decode([3])).toThrow(/'ids\[0\]' must be an integer in \[0, 1\); received 3/);
    expect(() => Vocabulary.fromJSON('{oops')).toThrow(/not valid JSON/);
  });
});
