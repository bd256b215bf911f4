import type { StopWordsInput } from '../stopwords/get-stop-words.js';

/** A function from a document to its features (tokens or n-grams). */
export type Analyzer = (doc: string) => string[];

/** The text-to-features options shared by `CountVectorizer`, `TfidfVectorizer` and `buildAnalyzer` (scikit-learn names in camelCase). */
export interface AnalyzerOptions {
  /** Lower-case before tokenising (`lowercase`). @default true */
  lowercase?: boolean;
  /** Remove accents before tokenising: 'unicode', 'ascii' (scikit-learn's `strip_accents`) or null. @default null */
  stripAccents?: 'unicode' | 'ascii' | null;
  /** Replaces the lower-case / accent preprocessing (`preprocessor`). Not used with a custom `analyzer`. @default null */
  preprocessor?: ((doc: string) => string) | null;
  /** Replaces the token-pattern tokenisation (`tokenizer`); only with `analyzer: 'word'`. @default null */
  tokenizer?: ((doc: string) => string[]) | null;
  /**
   * 'word' (tokens then word n-grams), 'char' (character n-grams), 'char_wb' (character n-grams inside
   * word boundaries), or a function that receives the raw document and returns its features; a function
   * skips preprocessing, tokenising, stop words and n-grams, as in scikit-learn. @default 'word'
   */
  analyzer?: 'word' | 'char' | 'char_wb' | Analyzer;
  /** Stop words removed before word n-grams: 'english', 'chinese', your own words, or null (`stop_words`). @default null */
  stopWords?: StopWordsInput | null;
  /**
   * Token regular expression (`token_pattern`): a string in Python `re` syntax (translated with
   * `pythonRegex`, Unicode semantics) or a JavaScript RegExp. With one capturing group the group is the
   * token. @default '(?u)\\b\\w\\w+\\b'
   */
  tokenPattern?: string | RegExp;
  /** `[min, max]` n-gram lengths, of words or characters (`ngram_range`). @default [1, 1] */
  ngramRange?: readonly [number, number];
}

/** Defaults of `AnalyzerOptions`. */
export const ANALYZER_DEFAULTS = {
  lowercase: true,
  stripAccents: null,
  preprocessor: null,
  tokenizer: null,
  analyzer: 'word',
  stopWords: null,
  tokenPattern: '(?u)\\b\\w\\w+\\b',
  ngramRange: [1, 1],
} as const satisfies Required<AnalyzerOptions>;
