/**
 * Bag-of-words counts, after scikit-learn 1.2's `CountVectorizer`
 * (https://scikit-learn.org/1.2/modules/generated/sklearn.feature_extraction.text.CountVectorizer.html):
 * same parameters (camelCase), same defaults, same feature order (terms sorted by code point) and
 * the same counts, checked against scikit-learn on fixtures. Output is a float64 `CsrMatrix` with
 * sorted column indices.
 */
import { CsrMatrix } from '@ml/core';
import { checkBool, checkStringList } from '../internal/check-strings.js';
import { show } from '../internal/show.js';
import { ANALYZER_DEFAULTS, type Analyzer, type AnalyzerOptions } from './analyzer-options.js';
import { buildAnalyzer } from './build-analyzer.js';
import { countDocuments, type DocumentCounts } from './count-documents.js';
import { resolveDocFrequency, type DocFrequency } from './doc-frequency.js';
import { limitFeatures } from './limit-features.js';
import { NotFittedError } from './not-fitted-error.js';
import { remapColumns } from './remap-columns.js';
import { validateVocabulary, type VocabularyInput } from './validate-vocabulary.js';
import { readVectorizerJson, writeParams, type CustomFunctions, type VectorizerJSON } from './vectorizer-json.js';

/** Options of `CountVectorizer` (scikit-learn names in camelCase). */
export interface CountVectorizerOptions extends AnalyzerOptions {
  /** Drop terms found in more documents than this (`max_df`; see `DocFrequency`). @default { fraction: 1 } */
  maxDf?: DocFrequency;
  /** Drop terms found in fewer documents than this (`min_df`). @default 1 */
  minDf?: DocFrequency;
  /** Keep only the most frequent terms across the corpus (`max_features`), or null for all. @default null */
  maxFeatures?: number | null;
  /** A fixed vocabulary (`vocabulary`): no terms are learnt or pruned. @default null */
  vocabulary?: VocabularyInput | null;
  /** Store 1 instead of the count for every present term (`binary`). @default false */
  binary?: boolean;
}

/** Defaults of `CountVectorizer`. */
export const COUNT_VECTORIZER_DEFAULTS = {
  ...ANALYZER_DEFAULTS,
  maxDf: { fraction: 1 },
  minDf: 1,
  maxFeatures: null,
  vocabulary: null,
  binary: false,
} as const satisfies Required<CountVectorizerOptions>;

const COUNT_KEYS = Object.keys(COUNT_VECTORIZER_DEFAULTS);

export class CountVectorizer {
  /** The options as given (defaults not filled in). */
  readonly params: Readonly<CountVectorizerOptions>;
  protected fitted: { vocabulary: Map<string, number>; terms: string[]; pruned: string[] } | null = null;
  private analyzerFn: Analyzer | null = null;

  constructor(options: CountVectorizerOptions = {}) {
    this.params = { ...options };
  }

  /** Names accepted in the options object (TfidfVectorizer adds its own). */
  protected optionKeys(): readonly string[] {
    return COUNT_KEYS;
  }

  protected get where(): string {
    return this.constructor.name;
  }

  private option<K extends keyof CountVectorizerOptions>(key: K): Required<CountVectorizerOptions>[K] {
    return (this.params[key] ?? COUNT_VECTORIZER_DEFAULTS[key]) as Required<CountVectorizerOptions>[K];
  }

  /** The function mapping a document to its features (scikit-learn's `build_analyzer()`). */
  buildAnalyzer(): Analyzer {
    if (this.analyzerFn === null) {
      for (const key of Object.keys(this.params)) {
        if (!this.optionKeys().includes(key)) throw new RangeError(`${this.where}: unknown option '${key}'`);
      }
      const a: AnalyzerOptions = {};
      for (const key of Object.keys(ANALYZER_DEFAULTS) as (keyof AnalyzerOptions)[]) {
        if (this.params[key] !== undefined) (a as Record<string, unknown>)[key] = this.params[key];
      }
      this.analyzerFn = buildAnalyzer(a, this.where);
    }
    return this.analyzerFn;
  }

  /** Learns the vocabulary from `documents`; returns `this`. */
  fit(documents: Iterable<string>): this {
    this.fitCounts(documents);
    return this;
  }

  /** Learns the vocabulary and returns the document-term matrix, `[documents, features]`. */
  fitTransform(documents: Iterable<string>): CsrMatrix {
    return this.toMatrix(this.fitCounts(documents));
  }

  /** The document-term matrix of `documents` over the fitted (or given) vocabulary; unknown terms are ignored. */
  transform(documents: Iterable<string>): CsrMatrix {
    const docs = checkStringList(`${this.where}.transform`, 'documents', documents);
    const fitted = this.fitted ?? this.fixedVocabulary();
    if (fitted === null) throw new NotFittedError(`${this.where}.transform`, 'the vocabulary');
    this.fitted = fitted;
    const counts = countDocuments(docs, this.buildAnalyzer(), fitted.vocabulary, true);
    return this.toMatrix(this.finishCounts(counts, identity(fitted.terms.length), fitted.terms.length));
  }

  /** Term → column of the fitted (or given) vocabulary (scikit-learn's `vocabulary_`). */
  get vocabulary(): ReadonlyMap<string, number> {
    return this.requireFitted('vocabulary').vocabulary;
  }

  /** Terms dropped by `minDf`, `maxDf` or `maxFeatures`, sorted (scikit-learn's `stop_words_`). */
  get prunedTerms(): readonly string[] {
    return this.requireFitted('prunedTerms').pruned;
  }

  /** The feature names in column order (sorted by code point after fitting). */
  getFeatureNamesOut(): string[] {
    return this.requireFitted('getFeatureNamesOut').terms.slice();
  }

  /** Versioned JSON: options, vocabulary and pruned terms. Custom functions are recorded by name only. */
  toJSON(): VectorizerJSON {
    return {
      format: 'ml-text/vectorizer',
      version: 1,
      kind: this.where === 'TfidfVectorizer' ? 'tfidf' : 'count',
      params: writeParams(this.params),
      vocabulary: this.fitted ? this.fitted.terms.slice() : null,
      prunedTerms: this.fitted ? this.fitted.pruned.slice() : [],
      idf: null,
    };
  }

  /** Reads `toJSON()` output; pass the custom functions (analyzer, tokenizer, preprocessor) it used. */
  static fromJSON(json: unknown, functions: CustomFunctions = {}): CountVectorizer {
    const { params, vocabulary, prunedTerms } = readVectorizerJson('CountVectorizer.fromJSON', json, 'count', functions);
    const v = new CountVectorizer(params as CountVectorizerOptions);
    if (vocabulary) v.fitted = { vocabulary: new Map(vocabulary.map((t, i) => [t, i])), terms: vocabulary, pruned: prunedTerms };
    return v;
  }

  protected requireFitted(what: string): NonNullable<CountVectorizer['fitted']> {
    const fitted = this.fitted ?? this.fixedVocabulary();
    if (fitted === null) throw new NotFittedError(`${this.where}.${what}`);
    return fitted;
  }

  private fixedVocabulary(): CountVectorizer['fitted'] {
    const given = this.option('vocabulary');
    if (given === null) return null;
    const vocabulary = validateVocabulary(this.where, given);
    const terms: string[] = new Array(vocabulary.size);
    for (const [t, i] of vocabulary) terms[i] = t;
    return { vocabulary, terms, pruned: [] };
  }

  private fitCounts(documents: Iterable<string>): DocumentCounts & { cols: number } {
    const where = `${this.where}.fit`;
    const docs = checkStringList(where, 'documents', documents);
    const analyze = this.buildAnalyzer();
    const fixed = this.fixedVocabulary();
    if (fixed !== null) {
      this.fitted = fixed;
      const counts = countDocuments(docs, analyze, fixed.vocabulary, true);
      return this.finishCounts(counts, identity(fixed.terms.length), fixed.terms.length);
    }
    const maxFeatures = this.option('maxFeatures');
    if (maxFeatures !== null && (!Number.isInteger(maxFeatures) || maxFeatures < 1)) {
      throw new RangeError(`${where}: 'maxFeatures' must be a positive integer or null; received ${show(maxFeatures)}`);
    }
    const maxDoc = resolveDocFrequency(where, 'maxDf', this.option('maxDf'), docs.length);
    const minDoc = resolveDocFrequency(where, 'minDf', this.option('minDf'), docs.length);
    const vocabulary = new Map<string, number>();
    const counts = countDocuments(docs, analyze, vocabulary, false);
    if (vocabulary.size === 0) {
      throw new RangeError(`${where}: empty vocabulary; perhaps the documents only contain stop words (received ${docs.length} document(s))`);
    }
    if (checkBool(where, 'binary', this.option('binary'))) counts.data.fill(1);
    if (maxDoc < minDoc) {
      throw new RangeError(`${where}: 'maxDf' corresponds to fewer documents (${maxDoc}) than 'minDf' (${minDoc})`);
    }
    const limited = limitFeatures(where, counts, vocabulary, minDoc, maxDoc, maxFeatures);
    this.fitted = { vocabulary: new Map(limited.terms.map((t, i) => [t, i])), terms: limited.terms, pruned: limited.pruned };
    return { ...remapColumns(counts, limited.map, limited.terms.length), cols: limited.terms.length };
  }

  private finishCounts(counts: DocumentCounts, map: Int32Array, cols: number): DocumentCounts & { cols: number } {
    if (checkBool(this.where, 'binary', this.option('binary'))) counts.data.fill(1);
    return { ...remapColumns(counts, map, cols), cols };
  }

  private toMatrix(c: DocumentCounts & { cols: number }): CsrMatrix {
    return new CsrMatrix({ indptr: c.indptr, indices: c.indices, data: c.data, shape: [c.indptr.length - 1, c.cols] });
  }
}

function identity(n: number): Int32Array {
  const m = new Int32Array(n);
  for (let i = 0; i < n; i++) m[i] = i;
  return m;
}
