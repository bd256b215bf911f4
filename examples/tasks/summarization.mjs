/**
 * Summarises an English and a Chinese article with TextRank (extractive summary + keywords),
 * with simple caller-side tokenisation: @ml/graph takes tokens, so any tokenizer fits.
 *
 * - English: sentences split at . ! ?, words lower-cased; stop words dropped for similarity and
 *   excluded from keyword candidates.
 * - Chinese: sentences split at 。！？, words by forward maximum matching against a small word
 *   list (unknown characters become one-character tokens); stop words as for English.
 *
 *   node examples/tasks/summarization.mjs
 * Exits 1 unless "pagerank" is among the English keywords and "网页" among the Chinese ones.
 */
import { extractKeywords, summarize } from '@ml/graph';
import { report } from './report.mjs';

const SUMMARY_SENTENCES = 3;
const KEYWORDS = 8;
const WINDOW = 3;

const ENGLISH = `Search engines must decide which pages deserve to appear first.
Early engines ranked pages mostly by how often the query words occurred in the text.
PageRank changed this by treating links between pages as votes of confidence.
A page linked from many important pages becomes important itself, so PageRank is defined recursively.
The computation imagines a random surfer who follows links and sometimes jumps to a random page.
The damping factor sets how often the surfer follows links instead of jumping.
Pages without outgoing links, called dangling pages, send their rank to every page or to a chosen set.
The PageRank scores are the stationary distribution of this random walk and are found by power iteration.
Personalised PageRank restricts the jumps to a set of seed pages, which ranks pages by their closeness to a topic.
The same idea ranks sentences in TextRank, where sentences that share many words vote for each other.
Ranking by links made search results much harder to manipulate with repeated words.`;

const EN_STOP = new Set(('a an the and or of to in on by for from with as is are be was were this that these those it its ' +
  'which who how what their there them they itself each other many much more most every some so if than then by ' +
  'called sets found makes made').split(' '));

function englishSentences(text) {
  return text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter(Boolean);
}

function englishTokens(sentence) {
  return sentence.toLowerCase().match(/[a-z]+/g) ?? [];
}

const CHINESE = `搜索引擎需要决定哪些网页应该排在前面。
早期的搜索引擎主要根据关键词在网页中出现的次数来排序。
网页排名算法把网页之间的链接看作投票。
被许多重要网页链接的网页本身也是重要的网页。
这个算法假设一个随机浏览者沿着链接浏览网页，偶尔随机跳转到其他网页。
阻尼系数决定浏览者沿着链接浏览的概率。
没有出链的网页会把自己的排名分给所有网页。
网页的排名分数是随机游走的平稳分布，可以用幂迭代计算。
同样的思想也可以给句子排序，相似的句子互相投票。`;

const ZH_WORDS = ['搜索引擎', '决定', '网页', '应该', '前面', '早期', '主要', '根据', '关键词', '出现', '次数', '排序', '排名', '算法',
  '之间', '链接', '看作', '投票', '许多', '重要', '本身', '假设', '随机', '浏览者', '沿着', '浏览', '偶尔', '跳转', '其他', '阻尼系数',
  '概率', '没有', '出链', '自己', '所有', '分数', '游走', '平稳分布', '幂迭代', '计算', '同样', '思想', '句子', '相似', '互相', '可以'];
const ZH_STOP = new Set(['的', '是', '在', '把', '被', '也', '会', '给', '这个', '一个', '需要', '哪些', '来', '中', '用', '分', '到', '者', '排', '主要', '可以', '其他', '所有', '自己', '本身']);
const ZH_MAX = Math.max(...ZH_WORDS.map((w) => w.length));
const ZH_DICT = new Set(ZH_WORDS);

function chineseSentences(text) {
  return text.split(/(?<=[。！？])/).map((s) => s.trim()).filter(Boolean);
}

/** Forward maximum matching: the longest dictionary word at each position, else one character. */
function chineseTokens(sentence) {
  const chars = [...sentence.replace(/[，。！？、\s]/g, '')];
  const tokens = [];
  for (let i = 0; i < chars.length; ) {
    let len = Math.min(ZH_MAX, chars.length - i);
    while (len > 1 && !ZH_DICT.has(chars.slice(i, i + len).join(''))) len--;
    tokens.push(chars.slice(i, i + len).join(''));
    i += len;
  }
  return tokens;
}

function summariseAndRank(title, sentences, tokens, stopWords, joiner) {
  // Sentence similarity on content words; keywords on the full token stream, so that phrases are
  // runs of keywords that are adjacent in the text.
  const summary = summarize(tokens.map((ts) => ts.filter((t) => !stopWords.has(t))), { count: SUMMARY_SENTENCES });
  const keys = extractKeywords(tokens, { count: KEYWORDS, window: WINDOW, stopWords, filter: (t) => t.length > 1, joiner });
  console.log(`== ${title}: ${sentences.length} sentences; summary (PageRank converged=${summary.rank.converged})`);
  for (const i of summary.indices) console.log(`  [${i}] ${sentences[i]}`);
  console.log(`  keywords: ${keys.keywords.map((k) => `${k.token} (${k.score.toFixed(3)})`).join(', ')}`);
  if (keys.phrases.length > 0) console.log(`  key phrases: ${keys.phrases.map((p) => p.text).join(', ')}`);
  return keys.keywords.map((k) => k.token);
}

const enSentences = englishSentences(ENGLISH);
const en = summariseAndRank('English', enSentences, enSentences.map(englishTokens), EN_STOP, ' ');
const zhSentences = chineseSentences(CHINESE);
const zh = summariseAndRank('中文', zhSentences, zhSentences.map(chineseTokens), ZH_STOP, '');

// Each article is about PageRank: its topic word must be among the keywords TextRank picks.
const found = [en.includes('pagerank'), zh.includes('网页')].filter(Boolean).length;
report({ metric: "topic words among the keywords ('pagerank', '网页')", value: found / 2, target: 1 });
