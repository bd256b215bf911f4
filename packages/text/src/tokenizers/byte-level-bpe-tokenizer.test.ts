import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@ml/core';
import { describe, expect, it } from 'vitest';
import reference from './__fixtures__/reference.json';
import { BYTE_LEVEL } from './byte-level.js';
import { ByteLevelBpeTokenizer } from './byte-level-bpe-tokenizer.js';
import { loadTokenizer } from './load-tokenizer.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fromJson = ByteLevelBpeTokenizer.fromTokenizerJson(readFileSync(join(dir, 'bpe/tokenizer.json'), 'utf8'));
const fromFiles = ByteLevelBpeTokenizer.fromFiles(readFileSync(join(dir, 'bpe/vocab.json'), 'utf8'), readFileSync(join(dir, 'bpe/merges.txt'), 'utf8'), {
  specialTokens: ['<|endoftext|>', '<pad>', '<s>', '</s>'],
});
const ref = reference.bpe;

describe('ByteLevelBpeTokenizer matches transformers.js GPT2Tokenizer on the same files', () => {
  for (const r of ref.single) {
    it(JSON.stringify(r.text), () => {
      for (const tok of [fromJson, fromFiles]) {
        expect(tok.tokenize(r.text)).toEqual(r.tokens);
        expect(tok.encode(r.text).ids).toEqual(r.ids);
        expect(tok.encode(r.text, null, { addSpecialTokens: false }).ids).toEqual(r.idsNoSpecial);
        if (r.decoded !== null) expect(tok.decode(r.ids)).toBe(r.decoded);
        if (r.decodedSkip !== null) expect(tok.decode(r.ids, { skipSpecialTokens: true })).toBe(r.decodedSkip);
      }
    });
  }
  it('pairs and padded batches', () => {
    for (const p of ref.pairs) expect(fromJson.encode(p.text, p.pair).ids).toEqual(p.ids);
    const b = fromJson.encodeBatch(ref.batch.texts, { padding: 'longest' });
    expect(b.map((e) => e.ids)).toEqual(ref.batch.ids);
    expect(b.map((e) => e.attentionMask)).toEqual(ref.batch.attentionMask);
  });
});

function randomString(rng: Rng, length: number): string {
  const pools = [[0x20, 0x7e], [0x0, 0x1f], [0xa0, 0x24f], [0x4e00, 0x9fff], [0x3000, 0x303f], [0x1f300, 0x1faff], [0x200b, 0x200f], [0xe000, 0xfffd], [0x10000, 0x10ffff]];
  let s = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = pools[rng.nextUint32() % pools.length];
    let cp = lo + (rng.nextUint32() % (hi - lo + 1));
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
    s += String.fromCodePoint(cp);
  }
  return s;
}

describe('round trip and offsets', () => {
  const rng = new Rng(7);
  const texts = [...ref.single.map((r) => r.text), ...Array.from({ length: 200 }, (_, i) => randomString(rng, 1 + (i % 40)))];

  it('decode(encode(s)) === s for any well-formed string', () => {
    for (const s of texts) expect(fromJson.decode(fromJson.encode(s).ids)).toBe(s);
  });

  it('every token covers the original characters its bytes came from', () => {
    const enc = new TextEncoder();
    for (const s of texts) {
      const e = fromJson.encode(s);
      let covered = 0;
      e.tokens.forEach((t, i) => {
        const [a, b] = e.offsets[i];
        if (t === '<|endoftext|>' || t === '<s>' || t === '</s>') {
          expect(s.slice(a, b)).toBe(t);
          covered = b;
          return;
        }
        const tokenBytes = Array.from(t, (c) => BYTE_LEVEL.charToByte.get(c) as number);
        const spanBytes = Array.from(enc.encode(s.slice(a, b)));
        // A token may hold part of a multi-byte character; its span is then that whole character.
        expect(spanBytes.join(',')).toContain(tokenBytes.join(','));
        expect(a).toBeGreaterThanOrEqual(covered - 2);
        covered = Math.max(covered, b);
      });
      expect(covered).toBe(s.length);
    }
  });

  it('trims leading spaces from offsets with trimOffsets', () => {
    const tok = ByteLevelBpeTokenizer.fromTokenizerJson({ ...fromJson.toTokenizerJson(), post_processor: { type: 'ByteLevel', trim_offsets: true } });
    const e = tok.encode('the fox  ran');
    e.tokens.forEach((t, i) => {
      const [a, b] = e.offsets[i];
      if (!/^Ġ+$/.test(t)) expect(s(a, b)).not.toMatch(/^ /);
    });
    function s(a: number, b: number): string {
      return 'the fox  ran'.slice(a, b);
    }
  });

  it('refuses lone surrogates with a clear error', () => {
    expect(() => fromJson.encode('ok \ud83d here')).toThrow(/'text' holds a lone surrogate U\+D83D at index 3/);
    expect(() => fromJson.encode('\ude00')).toThrow(/lone surrogate U\+DE00 at index 0/);
    expect(fromJson.decode(fromJson.encode('\ud83d\ude00').ids)).toBe('😀');
  });
});

describe('training and files', () => {
  it('trains, writes vocab.json / merges.txt / tokenizer.json and reloads identically', () => {
    const corpus = ['low lower lowest newer newest', '低低 低 😀😀', 'tab\tnew\nline'];
    const tok = ByteLevelBpeTokenizer.train(corpus, { vocabSize: 280, minFrequency: 1, specialTokens: ['<|endoftext|>'] });
    expect(tok.vocabSize).toBe(280);
    expect(tok.idToToken(0)).toBe('<|endoftext|>');
    expect(tok.merges.length).toBe(280 - 257);
    const again = ByteLevelBpeTokenizer.fromFiles(tok.toVocabJson(), tok.toMergesTxt(), { specialTokens: ['<|endoftext|>'] });
    const viaJson = ByteLevelBpeTokenizer.fromTokenizerJson(JSON.stringify(tok.toTokenizerJson()));
    for (const s of [...corpus, 'lowest<|endoftext|>new 😀']) {
      expect(again.encode(s).ids).toEqual(tok.encode(s).ids);
      expect(viaJson.encode(s).ids).toEqual(tok.encode(s).ids);
      expect(tok.decode(tok.encode(s).ids)).toBe(s);
    }
    expect(tok.tokenize(' lowest').length).toBeLessThan(' lowest'.length);
  });

  it('stops at minFrequency and validates its arguments', () => {
    // Pieces "ab", "Ġab", "Ġcd": only (a, b) occurs twice.
    const tok = ByteLevelBpeTokenizer.train(['ab ab cd'], { vocabSize: 1000, minFrequency: 2 });
    expect(tok.merges.map((m) => m.join(' '))).toEqual(['a b']);
    expect(ByteLevelBpeTokenizer.train(['ab ab cd'], { vocabSize: 1000, minFrequency: 1 }).merges.map((m) => m.join(' '))).toEqual(['a b', 'c d', 'Ġ ab', 'Ġ cd']); // count ties: smaller (left id, right id) first
    expect(() => ByteLevelBpeTokenizer.train(['x'], { vocabSize: 100 })).toThrow(/'vocabSize' must be an integer >= 256; received 100/);
    expect(() => ByteLevelBpeTokenizer.train([])).toThrow(/'corpus' is empty/);
    expect(() => ByteLevelBpeTokenizer.fromFiles('{}', '')).toThrow(/'vocabJson' must be a non-empty vocabulary/);
    expect(() => ByteLevelBpeTokenizer.fromFiles('{"a": 0}', 'a b c')).toThrow(/line 1 must be "left right"/);
    expect(() => ByteLevelBpeTokenizer.fromTokenizerJson({ model: { type: 'BPE', vocab: { a: 0 }, merges: [] }, pre_tokenizer: { type: 'Whitespace' } })).toThrow(/'pre_tokenizer' must be/);
  });

  it('loads a folder: tokenizer.json first, else vocab.json + merges.txt', async () => {
    const t = await loadTokenizer(join(dir, 'bpe'));
    expect(t.encode('人工智能 😀').ids).toEqual(fromJson.encode('人工智能 😀').ids);
  });
});
