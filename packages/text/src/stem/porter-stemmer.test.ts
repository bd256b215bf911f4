import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/porter.json';
import { porterStem } from './porter-stemmer.js';

describe('porterStem', () => {
  it('matches NLTK PorterStemmer(mode=ORIGINAL_ALGORITHM) on every reference pair', () => {
    const pairs = (fixture as unknown as { pairs: [string, string][] }).pairs;
    expect(pairs.length).toBeGreaterThan(2000);
    const wrong = pairs.filter(([w, s]) => porterStem(w) !== s);
    expect(wrong).toEqual([]);
  });

  it('lower-cases unless asked not to, and rejects non-strings', () => {
    expect(porterStem('Running')).toBe('run');
    expect(porterStem('Running', false)).toBe('Run');
    expect(() => porterStem(3 as unknown as string)).toThrow(/'word' must be a string; received 3/);
  });
});
