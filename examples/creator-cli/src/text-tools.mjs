/**
 * Language detection, sentence splitting and tokenisation for TextRank (@ml/graph takes tokens, so
 * the caller tokenises).
 *
 * - English: sentences end at . ! ? (not after common abbreviations or initials) or at a blank line;
 *   words are runs of letters/digits/apostrophes, lower-cased; stop words are @ml/text's
 *   ENGLISH_STOP_WORDS; summaries compare Porter stems.
 * - Chinese: sentences end at 。！？；… or a line break; @ml/text's cjkTokenize gives Han characters and
 *   the bigrams of adjacent characters (the usual word-segmentation-free features for Chinese).
 *   Summaries compare characters + bigrams minus stop characters; keyword candidates are bigrams
 *   that hold no stop character, and runs of overlapping bigrams become phrases ("网页" + "页排" +
 *   "排名" → "网页排名").
 */
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS, cjkTokenize, isCjkChar as isCjkCodePoint, porterStem } from '@ml/text';

/** Whether the first code point of `ch` is a Han character (BERT's CJK blocks). */
const isCjkChar = (ch) => ch !== undefined && isCjkCodePoint(ch.codePointAt(0));

/** Extra Chinese function characters/words that make poor keywords. */
const ZH_STOP = new Set([...CHINESE_STOP_WORDS, '的', '了', '是', '在', '和', '与', '也', '就', '都', '而', '及', '或', '把', '被', '让', '给', '对', '从', '向', '这', '那', '个', '们', '之', '其', '为', '以', '于', '上', '下', '中', '可', '能', '会', '要', '有', '没', '不', '很', '更', '最', '还', '又', '再', '一', '些', '种', '等', '着', '过', '地', '得', '它', '他', '她', '我', '你', '并', '但', '却', '如', '若', '则', '所', '由']);

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'jr', 'sr', 'no', 'fig', 'approx', 'u.s']);

/** 'zh' when at least 30% of the letters are Han characters, else 'en'. */
export function detectLanguage(text) {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (isCjkChar(ch)) {
      han++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters++;
  }
  return letters > 0 && han / letters >= 0.3 ? 'zh' : 'en';
}

/** Resolves `--lang auto|en|zh` against the text. */
export function resolveLanguage(lang, text) {
  return lang === 'auto' ? detectLanguage(text) : lang;
}

/** Splits English text into sentences (trimmed, non-empty). */
export function englishSentences(text) {
  const out = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (!flat) continue;
    let start = 0;
    const re = /[.!?]+["')\]]*(?=\s+|$)/g;
    for (let m = re.exec(flat); m !== null; m = re.exec(flat)) {
      const end = m.index + m[0].length;
      const before = flat.slice(start, m.index).split(' ').pop()?.toLowerCase() ?? '';
      // "Dr. Smith", "e.g. this", "J. R. R. Tolkien": not sentence ends.
      if (m[0] === '.' && (ABBREVIATIONS.has(before) || /^\p{L}$/u.test(before))) continue;
      const sentence = flat.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = end;
    }
    const rest = flat.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/** Splits Chinese text into sentences at 。！？；… and line breaks. */
export function chineseSentences(text) {
  return text
    .split(/(?<=[。！？；!?…]+[”’」』）)]?)|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && /[\p{L}\p{N}]/u.test(s));
}

/** Sentences of `text` in language `lang`. */
export function splitSentences(text, lang) {
  return lang === 'zh' ? chineseSentences(text) : englishSentences(text);
}

/** Lower-cased English word tokens. */
export function englishWords(sentence) {
  return sentence.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/** Tokens that decide how similar two sentences are (summaries, retrieval). */
export function similarityTokens(sentence, lang) {
  if (lang === 'zh') return cjkTokenize(sentence, { bigrams: true }).filter((t) => !ZH_STOP.has(t));
  return englishWords(sentence).filter((w) => !ENGLISH_STOP_WORDS.has(w) && /\p{L}/u.test(w)).map((w) => porterStem(w));
}

/** Keyword candidates of one sentence, in text order, and the candidate filter. */
export function keywordTokens(sentence, lang) {
  if (lang === 'zh') {
    // Bigrams of each Han run, in order (a non-Han word stays one token).
    const tokens = [];
    for (const run of sentence.match(/[\p{Script=Han}]+|[\p{L}\p{N}]+/gu) ?? []) {
      const chars = Array.from(run);
      if (!isCjkChar(chars[0])) tokens.push(run.toLowerCase());
      else if (chars.length === 1) tokens.push(run);
      else for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    }
    return tokens;
  }
  return englishWords(sentence);
}

/** Whether a token may be a keyword. */
export function isKeywordCandidate(token, lang) {
  if (lang === 'zh') {
    const chars = Array.from(token);
    if (!isCjkChar(chars[0])) return token.length > 2 && /\p{L}/u.test(token);
    return chars.length === 2 && !chars.some((c) => ZH_STOP.has(c)) && !ZH_STOP.has(token);
  }
  return token.length > 2 && /\p{L}/u.test(token) && !ENGLISH_STOP_WORDS.has(token) && !/['’]/.test(token);
}

/** Text of a phrase: words joined by spaces, or overlapping Chinese bigrams merged. */
export function phraseText(tokens, lang) {
  if (lang !== 'zh') return tokens.join(' ');
  let text = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    text += text.endsWith(Array.from(t)[0]) ? Array.from(t).slice(1).join('') : t;
  }
  return text;
}
