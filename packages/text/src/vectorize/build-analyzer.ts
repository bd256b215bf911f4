/**
 * Turns `AnalyzerOptions` into a document → features function, as scikit-learn's
 * `_VectorizerMixin.build_analyzer` (sklearn/feature_extraction/text.py, 1.2): preprocess (lower-case,
 * then strip accents), then tokenise with the token pattern (or a custom tokenizer) and form word
 * n-grams after removing stop words, or form character n-grams.
 */
import { checkBool, checkChoice, checkNgramRange } from '../internal/check-strings.js';
import { makeFindall } from '../internal/make-findall.js';
import { show } from '../internal/show.js';
import { stripAccents } from '../normalize/strip-accents.js';
import { charNgrams } from '../pretokenize/char-ngrams.js';
import { charWbNgrams } from '../pretokenize/char-wb-ngrams.js';
import { pythonRegex } from '../pretokenize/python-regex.js';
import { wordNgrams } from '../pretokenize/word-ngrams.js';
import { getStopWords } from '../stopwords/get-stop-words.js';
import { ANALYZER_DEFAULTS, type Analyzer, type AnalyzerOptions } from './analyzer-options.js';

// `\b\w\w+\b` matches exactly the maximal runs of two or more word characters.
const DEFAULT_FAST = /[\p{L}\p{N}_]{2,}/gu;

function checkFunction(where: string, name: string, value: unknown): void {
  if (value !== null && typeof value !== 'function') throw new TypeError(`${where}: '${name}' must be a function or null; received ${show(value)}`);
}

/** Returns the function that maps one document to its features under `options`. */
export function buildAnalyzer(options: AnalyzerOptions = {}, where = 'buildAnalyzer'): Analyzer {
  const o = { ...ANALYZER_DEFAULTS, ...options };
  for (const key of Object.keys(options)) {
    if (!(key in ANALYZER_DEFAULTS)) throw new RangeError(`${where}: unknown option '${key}'`);
  }
  checkFunction(where, 'preprocessor', o.preprocessor);
  checkFunction(where, 'tokenizer', o.tokenizer);
  if (typeof o.analyzer === 'function') {
    const custom = o.analyzer;
    return (doc) => {
      const out = custom(doc);
      if (!Array.isArray(out)) throw new TypeError(`${where}: the custom 'analyzer' must return an array of strings; received ${show(out)}`);
      return out;
    };
  }
  const kind = checkChoice(where, 'analyzer', o.analyzer, ['word', 'char', 'char_wb'] as const);
  const range = checkNgramRange(where, o.ngramRange);
  const lower = checkBool(where, 'lowercase', o.lowercase);
  const accents = checkChoice(where, 'stripAccents', o.stripAccents, ['unicode', 'ascii', null] as const);
  const preprocess: (doc: string) => string =
    o.preprocessor ?? ((doc) => {
      const s = lower ? doc.toLowerCase() : doc;
      return accents === null ? s : stripAccents(s, accents);
    });
  if (kind === 'char') return (doc) => charNgrams(preprocess(doc), range);
  if (kind === 'char_wb') return (doc) => charWbNgrams(preprocess(doc), range);
  let tokenize = o.tokenizer;
  if (tokenize === null) {
    const p = o.tokenPattern;
    if (typeof p !== 'string' && !(p instanceof RegExp)) {
      throw new TypeError(`${where}: 'tokenPattern' must be a string (Python syntax) or a RegExp; received ${show(p)}`);
    }
    const re = p === ANALYZER_DEFAULTS.tokenPattern ? DEFAULT_FAST : typeof p === 'string' ? pythonRegex(p) : new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`);
    tokenize = makeFindall(where, re);
  }
  const stop = o.stopWords === null ? undefined : getStopWords(o.stopWords);
  const tok = tokenize;
  if (range[0] === 1 && range[1] === 1 && stop === undefined) return (doc) => tok(preprocess(doc));
  return (doc) => wordNgrams(tok(preprocess(doc)), range, stop);
}
