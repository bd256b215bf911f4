/**
 * Text panel logic: sentence splitting and tokenisation (@ml/text's cjkTokenize: English words,
 * Chinese characters), a TextRank summary and keywords (@ml/graph).
 */
import { extractKeywords, summarize } from '@ml/graph';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS, cjkTokenize, isCjkChar } from '@ml/text';

export interface TextAnalysis {
  sentences: string[];
  /** Indices of the summary sentences, in text order. */
  summary: number[];
  keywords: { token: string; score: number }[];
  phrases: string[];
  chinese: boolean;
}

/** Whether most letters of `text` are Han characters. */
export function isMostlyChinese(text: string): boolean {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (isCjkChar(ch.codePointAt(0) ?? 0)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han > latin / 4;
}

/** Splits text into sentences at . ! ? (and 。！？), also at blank lines. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*|\n\s*\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** TextRank summary of `count` sentences and the top keywords of `text`. */
export function analyzeText(text: string, options: { count?: number; keywords?: number } = {}): TextAnalysis {
  const { count = 3, keywords = 8 } = options;
  const sentences = splitSentences(text);
  if (sentences.length === 0) throw new RangeError('The text has no sentences: paste or drop some prose (a .txt file).');
  const chinese = isMostlyChinese(text);
  const stop: ReadonlySet<string> = chinese ? CHINESE_STOP_WORDS : ENGLISH_STOP_WORDS;
  const tokens = sentences.map((s) => cjkTokenize(s));
  const content = tokens.map((ts) => ts.filter((t) => !stop.has(t)));
  const summary = summarize(content, { count });
  const keys = extractKeywords(tokens, {
    count: keywords,
    window: chinese ? 2 : 3,
    stopWords: stop,
    filter: chinese ? (t) => isCjkChar(t.codePointAt(0) ?? 0) : (t) => t.length > 2 && !/^\d+$/.test(t),
    joiner: chinese ? '' : ' ',
  });
  return {
    sentences,
    summary: summary.indices,
    keywords: keys.keywords.map((k) => ({ token: String(k.token), score: k.score })),
    phrases: keys.phrases.map((p) => p.text),
    chinese,
  };
}
