import { describe, expect, it } from 'vitest';
import { numpyArgsort } from '../internal/numpy-argsort.js';
import { cjkTokenize } from '../pretokenize/cjk-tokenize.js';
import { stripAccents } from '../normalize/strip-accents.js';
import fixture from './__fixtures__/analyzers.json';
import argsortFixture from './__fixtures__/argsort.json';
import { buildAnalyzer } from './build-analyzer.js';

interface Row {
  text: string;
  word: string[];
  wordNoLower: string[];
  wordSingle: string[];
  word12: string[];
  char24: string[];
  charwb15: string[];
  charwb33: string[];
  accentsUnicode: string;
  accentsAscii: string;
  cjk: string[];
}

const analyzers = {
  word: buildAnalyzer(),
  wordNoLower: buildAnalyzer({ lowercase: false }),
  wordSingle: buildAnalyzer({ tokenPattern: '(?u)\\b\\w+\\b' }),
  word12: buildAnalyzer({ ngramRange: [1, 2] }),
  char24: buildAnalyzer({ analyzer: 'char', ngramRange: [2, 4] }),
  charwb15: buildAnalyzer({ analyzer: 'char_wb', ngramRange: [1, 5] }),
  charwb33: buildAnalyzer({ analyzer: 'char_wb', ngramRange: [3, 3] }),
};

describe('analyzers match scikit-learn build_analyzer()', () => {
  for (const row of (fixture as { rows: Row[] }).rows) {
    it(JSON.stringify(row.text.slice(0, 40)), () => {
      for (const [name, analyze] of Object.entries(analyzers)) expect(analyze(row.text), name).toEqual(row[name as keyof typeof analyzers]);
      expect(stripAccents(row.text.toLowerCase(), 'unicode')).toBe(row.accentsUnicode);
      expect(stripAccents(row.text.toLowerCase(), 'ascii')).toBe(row.accentsAscii);
      expect(cjkTokenize(row.text, { bigrams: true })).toEqual(row.cjk);
    });
  }
});

describe('numpyArgsort', () => {
  it('reproduces numpy 1.24 argsort order, ties included', () => {
    for (const c of (argsortFixture as { cases: { values: number[]; order: number[] }[] }).cases) {
      expect(Array.from(numpyArgsort(Float64Array.from(c.values)))).toEqual(c.order);
    }
  });
});
