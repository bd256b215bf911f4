import { describe, expect, it } from 'vitest';
import { CountVectorizer } from '../vectorize/count-vectorizer.js';
import fixture from './__fixtures__/english.json';
import { CHINESE_STOP_WORDS } from './chinese-stop-words.js';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';
import { getStopWords } from './get-stop-words.js';

describe('stop words', () => {
  it('English list equals scikit-learn ENGLISH_STOP_WORDS', () => {
    expect([...ENGLISH_STOP_WORDS].sort()).toEqual((fixture as { words: string[] }).words);
  });

  it('resolves lists by name, own words, and extensions', () => {
    expect(getStopWords('chinese', ['哈哈']).has('哈哈')).toBe(true);
    expect(getStopWords('chinese').has('的')).toBe(true);
    expect(CHINESE_STOP_WORDS.has('的')).toBe(true);
    expect(getStopWords(['x', 'y'], ['z'])).toEqual(new Set(['x', 'y', 'z']));
    expect(getStopWords('english', ['foo']).size).toBe(ENGLISH_STOP_WORDS.size + 1);
    expect(() => getStopWords('french' as 'english')).toThrow(/'list' must be 'english', 'chinese'/);
    expect(() => getStopWords(['a', 1 as unknown as string])).toThrow(/must hold strings; received 1/);
  });

  it('drops Chinese stop words from character tokens in a vectorizer', () => {
    const v = new CountVectorizer({ analyzer: 'word', tokenPattern: '(?u)\\w', stopWords: 'chinese' }).fit(['我的猫很可爱']);
    expect(v.getFeatureNamesOut()).toEqual(['爱', '猫']);
  });
});
