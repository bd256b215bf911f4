import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WordPieceTokenizer } from './wordpiece-tokenizer.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const tok = WordPieceTokenizer.fromTokenizerJson(readFileSync(join(dir, 'wordpiece/tokenizer.json'), 'utf8'));
const id = (t: string): number => tok.tokenToId(t) as number;
const CLS = id('[CLS]');
const SEP = id('[SEP]');
const PAD = id('[PAD]');

// Chinese characters are one token each, which makes the expected windows easy to write down.
const question = '机器学习';
const context = '人工智能很有趣我喜欢自然语言处理和机器翻译';
const q = tok.encode(question, null, { addSpecialTokens: false });
const c = tok.encode(context, null, { addSpecialTokens: false });

describe('truncation, overflow and stride (Hugging Face semantics)', () => {
  it('only_second keeps the question and windows the context with a stride', () => {
    expect(q.ids.length).toBe(4);
    expect(c.ids.length).toBe(21);
    const maxLength = 14; // 3 specials + 4 question tokens leave 7 context tokens per window
    const stride = 2;
    const e = tok.encode(question, context, { truncation: 'only_second', maxLength, stride, returnOverflowingTokens: true });
    const windows = [e, ...e.overflowing];
    const starts = [0, 5, 10, 15];
    expect(windows.length).toBe(starts.length);
    windows.forEach((w, k) => {
      const part = c.ids.slice(starts[k], starts[k] + 7);
      expect(w.ids).toEqual([CLS, ...q.ids, SEP, ...part, SEP]);
      expect(w.typeIds).toEqual([0, 0, 0, 0, 0, 0, ...part.map(() => 1), 1]);
      // Offsets of the context tokens still point into the context string.
      const first = w.sequenceIds.indexOf(1);
      expect(context.slice(...w.offsets[first])).toBe(context[starts[k]]);
    });
    expect(tok.encode(question, context, { truncation: 'only_second', maxLength, stride }).overflowing).toEqual([]);
  });

  it('longest_first splits the budget as Hugging Face does', () => {
    const e = tok.encode(context, context, { truncation: 'longest_first', maxLength: 12 });
    // Budget 12 - 3 = 9: both exceed 4, so 4 and 5 tokens.
    expect(e.ids).toEqual([CLS, ...c.ids.slice(0, 4), SEP, ...c.ids.slice(0, 5), SEP]);
    const f = tok.encode(question, context, { truncation: 'longest_first', maxLength: 12 });
    expect(f.ids).toEqual([CLS, ...q.ids, SEP, ...c.ids.slice(0, 5), SEP]);
    const g = tok.encode(context, null, { truncation: 'longest_first', maxLength: 6, returnOverflowingTokens: true });
    expect(g.ids).toEqual([CLS, ...c.ids.slice(0, 4), SEP]);
    expect(g.overflowing.map((o) => o.ids.length)).toEqual([6, 6, 6, 6, 3]);
    expect(g.overflowing[4].ids).toEqual([CLS, c.ids[20], SEP]);
  });

  it('only_first and errors', () => {
    expect(tok.encode(context, question, { truncation: 'only_first', maxLength: 10 }).ids).toEqual([CLS, ...c.ids.slice(0, 3), SEP, ...q.ids, SEP]);
    expect(() => tok.encode(question, context, { truncation: 'only_first', maxLength: 10 })).toThrow(/first sequence \(4 tokens\) is too short/);
    expect(() => tok.encode(context, null, { truncation: 'only_second', maxLength: 5 })).toThrow(/needs a second sequence/);
    expect(() => tok.encode(context, null, { truncation: 'only_first', maxLength: 5, stride: 3 })).toThrow(/'stride' \(3\) must be smaller/);
    expect(() => tok.encode('a', null, { padding: 'max_length' })).toThrow(/padding 'max_length' needs 'maxLength'/);
    expect(() => tok.encode('a', null, { paddingSide: 'top' as 'left' })).toThrow(/'paddingSide' must be one of/);
    expect(() => tok.encode('a', null, { maxLen: 3 } as object)).toThrow(/unknown option 'maxLen'/);
  });
});

describe('padding', () => {
  it('pads right or left to a fixed length or a multiple, with masks', () => {
    const r = tok.encode(question, null, { padding: 'max_length', maxLength: 9 });
    expect(r.ids).toEqual([CLS, ...q.ids, SEP, PAD, PAD, PAD]);
    expect(r.attentionMask).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(r.specialTokensMask).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(r.offsets.slice(6)).toEqual([[0, 0], [0, 0], [0, 0]]);
    const l = tok.encode(question, null, { padding: 'max_length', maxLength: 8, paddingSide: 'left' });
    expect(l.ids).toEqual([PAD, PAD, CLS, ...q.ids, SEP]);
    expect(l.attentionMask).toEqual([0, 0, 1, 1, 1, 1, 1, 1]);
    const m = tok.encodeBatch([question, [question, '人工']], { padding: 'longest', padToMultipleOf: 4 });
    expect(m.map((e) => e.ids.length)).toEqual([12, 12]);
    expect(m[1].typeIds).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });
});
