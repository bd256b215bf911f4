import { describe, expect, it } from 'vitest';
import { charNgrams } from './char-ngrams.js';
import { charWbNgrams } from './char-wb-ngrams.js';
import { cjkTokenize } from './cjk-tokenize.js';
import { pythonRegex } from './python-regex.js';
import { regexTokenize } from './regex-tokenize.js';
import { wordNgrams } from './word-ngrams.js';

describe('pythonRegex', () => {
  it('gives Python Unicode semantics to \\w, \\b, \\d and \\s', () => {
    const re = pythonRegex('(?u)\\b\\w\\w+\\b');
    expect(regexTokenize('naïve café_au_lait 人工智能很有趣 x 42', re)).toEqual(['naïve', 'café_au_lait', '人工智能很有趣', '42']);
    // Combining marks are not \w in Python: "cafe\u0301" ends the word before the accent.
    expect(regexTokenize('cafe\u0301s', re)).toEqual(['cafe']);
    expect(regexTokenize('a١٢b', pythonRegex('\\d+'))).toEqual(['١٢']);
    expect(regexTokenize('a\x1cb\ufeffc', pythonRegex('\\S+'))).toEqual(['a', 'b\ufeffc']);
    expect(regexTokenize('ab-cd', pythonRegex('[\\w\\-]+'))).toEqual(['ab-cd']);
    expect(regexTokenize('x=1,y=2', pythonRegex('(?P<k>\\w)=\\d'))).toEqual(['x', 'y']);
    expect(pythonRegex('(?i)abc').test('ABC')).toBe(true);
  });

  it('rejects what it cannot translate, naming the pattern', () => {
    expect(() => pythonRegex('(?x)a b')).toThrow(/inline flag '\(\?x\)'/);
    expect(() => pythonRegex('[^\\W\\d]')).toThrow(/inside a character class/);
    expect(() => pythonRegex('a\\')).toThrow(/lone backslash/);
    expect(() => regexTokenize('a', /a/)).toThrow(/'g' flag/);
  });
});

describe('n-grams', () => {
  it('word n-grams drop stop words first', () => {
    expect(wordNgrams(['a', 'the', 'b', 'c'], [1, 2], new Set(['the']))).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(wordNgrams(['a', 'b'], [3, 4])).toEqual([]);
  });
  it('character n-grams count code points', () => {
    expect(charNgrams('a😀b', [2, 2])).toEqual(['a😀', '😀b']);
    expect(charNgrams('a  b', [1, 1])).toEqual(['a', ' ', 'b']);
    expect(charWbNgrams('hi 😀', [3, 3])).toEqual([' hi', 'hi ', ' 😀 ']);
    expect(charWbNgrams('a', [4, 5])).toEqual([' a ']);
  });
  it('cjkTokenize splits Han characters and keeps words', () => {
    expect(cjkTokenize('人工智能很有趣')).toEqual(['人', '工', '智', '能', '很', '有', '趣']);
    expect(cjkTokenize('我爱NLP！自然语言', { bigrams: true })).toEqual(['我', '爱', '我爱', 'nlp', '自', '然', '语', '言', '自然', '然语', '语言']);
    expect(() => cjkTokenize(null as unknown as string)).toThrow(/'text' must be a string; received null/);
  });
});
