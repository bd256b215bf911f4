import { describe, expect, it } from 'vitest';
import { wordTokenize } from './word-tokenize.js';

describe('wordTokenize', () => {
  it('keeps inner apostrophes, splits punctuation and emoji, lower-cases', () => {
    expect(wordTokenize("Don't stop — it's GREAT!!! 😀 (really)")).toEqual(["don't", 'stop', '—', "it's", 'great', '!', '!', '!', '😀', '(', 'really', ')']);
    expect(wordTokenize('Café ﬁne', { lowercase: false })).toEqual(['Café', 'fine']); // NFKC folds the ligature
    expect(wordTokenize('rock’n’roll x_1 3.5')).toEqual(['rock’n’roll', 'x_1', '3', '.', '5']);
  });

  it('splits CJK ideographs one character at a time, next to other scripts', () => {
    expect(wordTokenize('我喜欢AI模型')).toEqual(['我', '喜', '欢', 'ai', '模', '型']);
    expect(wordTokenize('')).toEqual([]);
    expect(() => wordTokenize(3 as unknown as string)).toThrow(/'text' must be a string; received number/);
  });
});
