import { describe, expect, it } from 'vitest';
import { analyzeText, isMostlyChinese, splitSentences } from './text.js';

describe('text analysis', () => {
  it('splits sentences at . ! ? 。！？ and blank lines', () => {
    expect(splitSentences('One. Two! Three?\n\nFour\n\nFive.')).toEqual(['One.', 'Two!', 'Three?', 'Four', 'Five.']);
    expect(splitSentences('网页很重要。句子也是！')).toEqual(['网页很重要。', '句子也是！']);
  });

  it('tells Chinese from English', () => {
    expect(isMostlyChinese('搜索引擎需要决定哪些网页应该排在前面。')).toBe(true);
    expect(isMostlyChinese('PageRank ranks pages, 网页.')).toBe(false);
  });

  it('summarises with TextRank and finds the topic word among the keywords', () => {
    const text = 'PageRank ranks web pages by links. A page linked from important pages is important. ' +
      'The random surfer follows links between pages. TextRank ranks sentences the same way. The weather was nice today.';
    const r = analyzeText(text, { count: 2, keywords: 5 });
    expect(r.sentences).toHaveLength(5);
    expect(r.summary).toHaveLength(2);
    expect(r.summary).not.toContain(4); // the off-topic sentence shares no words with the others
    expect(r.keywords.map((k) => k.token)).toContain('pages');
    expect(r.chinese).toBe(false);
  });

  it('names the problem for text without sentences', () => {
    expect(() => analyzeText('  ... !! ')).toThrow(/no sentences/);
  });
});
