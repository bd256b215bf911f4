/**
 * `ml-creator keywords <file>`: TextRank keywords and key phrases (@ml/graph `extractKeywords`):
 * candidate words are nodes of a co-occurrence graph (window of `--window` tokens), ranked by
 * PageRank; runs of adjacent keywords in the text become phrases.
 */
import { extractKeywords } from '@ml/graph';
import { CliError } from '../errors.mjs';
import { readTextFile } from '../io.mjs';
import { isKeywordCandidate, keywordTokens, phraseText, resolveLanguage, splitSentences } from '../text-tools.mjs';

/** Keywords of `text`: `{ language, keywords: [{ keyword, score }], phrases: [{ phrase, score }] }`. */
export function keywordsOfText(text, { top = 10, lang = 'auto', window = 3 } = {}) {
  const language = resolveLanguage(lang, text);
  const sentences = splitSentences(text, language).map((s) => keywordTokens(s, language));
  if (!sentences.some((s) => s.some((t) => isKeywordCandidate(t, language)))) throw new CliError('keywords: the text holds no candidate words');
  // Chinese candidates are character bigrams, so a word of 3+ characters is a run of overlapping
  // bigrams; phrases are found among twice as many keywords so that runs such as 社区 + 区花 + 花园
  // are complete ("社区花园", not "区花园").
  const count = language === 'zh' ? 2 * top : top;
  const result = extractKeywords(sentences, { count, window, filter: (t) => isKeywordCandidate(t, language), joiner: language === 'zh' ? '' : ' ' });
  return {
    language,
    keywords: result.keywords.slice(0, top).map((k) => ({ keyword: k.token, score: k.score })),
    phrases: result.phrases
      .filter((p) => p.tokens.length > 1)
      .slice(0, top)
      .map((p) => ({ phrase: phraseText(p.tokens, language), score: p.score })),
  };
}

export async function keywordsCommand(file, options) {
  const text = await readTextFile(file, 'keywords <file>');
  return { file, ...keywordsOfText(text, options) };
}

export function formatKeywords(result) {
  const lines = result.keywords.map((k, i) => `${String(i + 1).padStart(2)}. ${k.keyword.padEnd(20)} ${k.score.toFixed(4)}`);
  if (result.phrases.length > 0) lines.push(`phrases: ${result.phrases.map((p) => p.phrase).join(', ')}`);
  return lines.join('\n');
}
