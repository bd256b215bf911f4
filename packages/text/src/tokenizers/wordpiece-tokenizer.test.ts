import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import reference from './__fixtures__/reference.json';
import { bertNormalize } from './bert-normalize.js';
import { basicTokenize } from './basic-tokenize.js';
import { loadTokenizer } from './load-tokenizer.js';
import { WordPieceTokenizer } from './wordpiece-tokenizer.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fromJson = WordPieceTokenizer.fromTokenizerJson(readFileSync(join(dir, 'wordpiece/tokenizer.json'), 'utf8'));
const fromTxt = WordPieceTokenizer.fromVocabTxt(readFileSync(join(dir, 'wordpiece/vocab.txt'), 'utf8'));
const ref = reference.wordpiece;

describe('WordPieceTokenizer matches transformers.js BertTokenizer on the same files', () => {
  for (const r of ref.single) {
    it(JSON.stringify(r.text), () => {
      for (const tok of [fromJson, fromTxt]) {
        expect(tok.tokenize(r.text)).toEqual(r.tokens);
        expect(tok.encode(r.text).ids).toEqual(r.ids);
        expect(tok.encode(r.text, null, { addSpecialTokens: false }).ids).toEqual(r.idsNoSpecial);
        if (r.decoded !== null) expect(tok.decode(r.ids)).toBe(r.decoded);
        if (r.decodedSkip !== null) expect(tok.decode(r.ids, { skipSpecialTokens: true })).toBe(r.decodedSkip);
      }
    });
  }
  it('pairs: ids and token type ids', () => {
    for (const p of ref.pairs) {
      const e = fromJson.encode(p.text, p.pair);
      expect(e.ids).toEqual(p.ids);
      expect(e.typeIds).toEqual(p.typeIds);
    }
  });
  it('batch padded to the longest', () => {
    const b = fromJson.encodeBatch(ref.batch.texts, { padding: 'longest' });
    expect(b.map((e) => e.ids)).toEqual(ref.batch.ids);
    expect(b.map((e) => e.attentionMask)).toEqual(ref.batch.attentionMask);
  });
});

describe('WordPiece offsets point into the original string', () => {
  const texts = [...ref.single.map((r) => r.text), 'Ünïcödé ÀÉÎ façade', 'e\u0301cole ＡＢＣ 人工智能', 'İstanbul straße'];
  it('every non-[UNK] token is the normalised form of its span', () => {
    for (const text of texts) {
      const e = fromJson.encode(text, null, { addSpecialTokens: false });
      e.tokens.forEach((t, i) => {
        const [s, end] = e.offsets[i];
        expect(s).toBeLessThan(end);
        if (t === '[UNK]' || /^\[[A-Z]+\]$/.test(t)) return;
        expect(bertNormalize(text.slice(s, end)).text.trim()).toBe(t.replace(/^##/, ''));
      });
    }
  });
  it('maps a span back to the original text (QA-style)', () => {
    const context = 'Café owners in Zürich serve 人工智能 coffee.';
    const e = fromJson.encode('Where?', context);
    const inB = e.sequenceIds.map((s, i) => (s === 1 ? i : -1)).filter((i) => i >= 0);
    const first = inB.find((i) => e.offsets[i][0] === context.indexOf('人'));
    const last = inB.find((i) => e.offsets[i][1] === context.indexOf('能') + 1);
    expect(first).toBeDefined();
    expect(context.slice(e.offsets[first as number][0], e.offsets[last as number][1])).toBe('人工智能');
    expect(e.specialTokensMask.filter((m) => m === 1).length).toBe(3);
    expect(e.wordIds[0]).toBeNull();
  });
});

describe('unknown words', () => {
  it('a word longer than maxInputCharsPerWord (code points) becomes one [UNK] spanning it', () => {
    const tok = new WordPieceTokenizer(['[UNK]', 'a', '##a', '😀', '##😀'], { maxInputCharsPerWord: 3, template: { single: ['$A'], pair: ['$A', '$B:1'] } });
    expect(tok.encode('aaa aaaa', null, { addSpecialTokens: false })).toMatchObject({ tokens: ['a', '##a', '##a', '[UNK]'], offsets: [[0, 1], [1, 2], [2, 3], [4, 8]] });
    // Emoji count as one character each, not two UTF-16 units.
    expect(tok.tokenize('😀😀😀')).toEqual(['😀', '##😀', '##😀']);
    expect(tok.tokenize('😀😀😀😀')).toEqual(['[UNK]']);
    expect(tok.tokenize('ab')).toEqual(['[UNK]']);
  });
});

describe('basicTokenize', () => {
  it('splits CJK characters, punctuation, lower-cases and strips accents, with original spans', () => {
    expect(basicTokenize('人工智能很有趣').map((t) => t.token)).toEqual(['人', '工', '智', '能', '很', '有', '趣']);
    const t = basicTokenize('Héllo, WORLD!');
    expect(t.map((x) => x.token)).toEqual(['hello', ',', 'world', '!']);
    expect(t.map((x) => [x.start, x.end])).toEqual([[0, 5], [5, 6], [7, 12], [12, 13]]);
    expect(basicTokenize('Héllo', { lowercase: false }).map((x) => x.token)).toEqual(['Héllo']);
  });
});

describe('training and files', () => {
  it('trains on a corpus and round-trips vocab.txt and tokenizer.json', () => {
    const tok = WordPieceTokenizer.train(['low lower lowest', 'new newer newest', '低 低低'], { vocabSize: 40, minFrequency: 1 });
    expect(tok.vocabSize).toBeLessThanOrEqual(40);
    expect(tok.idToToken(0)).toBe('[PAD]');
    expect(tok.tokenize('lowest newer')).toEqual(WordPieceTokenizer.fromVocabTxt(tok.toVocabTxt()).tokenize('lowest newer'));
    expect(WordPieceTokenizer.fromTokenizerJson(tok.toTokenizerJson()).encode('newest low').ids).toEqual(tok.encode('newest low').ids);
    expect(tok.tokenize('lowest')).toEqual(['lowest']);
  });
  it('loads a folder and names missing or malformed files', async () => {
    const t = await loadTokenizer(join(dir, 'wordpiece'));
    expect(t.encode('人工智能').ids).toEqual(fromJson.encode('人工智能').ids);
    await expect(loadTokenizer(join(dir, 'nope'))).rejects.toThrow(/no tokenizer files in .*nope/);
    // A long path is named in full, however deep the checkout is.
    const deep = join(dir, 'a-rather-long-folder-name-'.repeat(4), 'nope');
    await expect(loadTokenizer(deep)).rejects.toThrow(`no tokenizer files in ${JSON.stringify(deep)}`);
    expect(() => WordPieceTokenizer.fromTokenizerJson('{"model": {"type": "BPE"}}')).toThrow(/'model.type' must be 'WordPiece'; received "BPE"/);
    expect(() => WordPieceTokenizer.fromTokenizerJson('{oops')).toThrow(/not valid JSON/);
    expect(() => WordPieceTokenizer.fromVocabTxt('')).toThrow(/empty vocab.txt/);
    expect(() => fromJson.encode(42 as unknown as string)).toThrow(/'text' must be a string; received 42/);
    expect(() => fromJson.encode('a', null, { truncation: 'only_first' })).toThrow(/needs 'maxLength'/);
    expect(() => WordPieceTokenizer.train([])).toThrow(/'corpus' is empty/);
  });
});
