/**
 * `ml-creator summarize <file>`: extractive summary with TextRank (@ml/graph `summarize`): sentences
 * are ranked by weighted PageRank over their word-overlap similarity and the best ones are printed in
 * text order.
 */
import { summarize } from '@ml/graph';
import { CliError } from '../errors.mjs';
import { readTextFile } from '../io.mjs';
import { resolveLanguage, similarityTokens, splitSentences } from '../text-tools.mjs';

/** Summarises `text`; returns `{ language, sentences: [{ index, text, score }], totalSentences }`. */
export function summarizeText(text, { sentences = 3, lang = 'auto' } = {}) {
  const language = resolveLanguage(lang, text);
  const all = splitSentences(text, language);
  if (all.length === 0) throw new CliError('summarize: the text holds no sentences');
  const summary = summarize(all.map((s) => similarityTokens(s, language)), { count: sentences });
  return {
    language,
    totalSentences: all.length,
    sentences: summary.indices.map((i) => ({ index: i, text: all[i], score: summary.rank.scores[i] })),
  };
}

export async function summarizeCommand(file, options) {
  const text = await readTextFile(file, 'summarize <file>');
  return { file, ...summarizeText(text, options) };
}

export function formatSummary(result) {
  const joiner = result.language === 'zh' ? '' : '\n';
  const lines = result.sentences.map((s) => (result.language === 'zh' ? s.text : `- ${s.text}`));
  return `${lines.join(joiner)}\n(${result.sentences.length} of ${result.totalSentences} sentences, TextRank, language ${result.language})`;
}
