/**
 * TF-IDF features of documents, after scikit-learn 1.2's `TfidfVectorizer`
 * (https://scikit-learn.org/1.2/modules/generated/sklearn.feature_extraction.text.TfidfVectorizer.html):
 * `CountVectorizer` followed by `TfidfTransformer`, with the same parameters and defaults.
 */
import type { CsrMatrix } from '@ml/core';
import { COUNT_VECTORIZER_DEFAULTS, CountVectorizer, type CountVectorizerOptions } from './count-vectorizer.js';
import { TFIDF_DEFAULTS, TfidfTransformer, type TfidfOptions } from './tfidf-transformer.js';
import { readVectorizerJson, type CustomFunctions, type VectorizerJSON } from './vectorizer-json.js';

/** Options of `TfidfVectorizer`. */
export interface TfidfVectorizerOptions extends CountVectorizerOptions, TfidfOptions {}

/** Defaults of `TfidfVectorizer`. */
export const TFIDF_VECTORIZER_DEFAULTS = { ...COUNT_VECTORIZER_DEFAULTS, ...TFIDF_DEFAULTS } as const satisfies Required<TfidfVectorizerOptions>;

const TFIDF_KEYS = Object.keys(TFIDF_DEFAULTS) as (keyof TfidfOptions)[];
const ALL_KEYS = Object.keys(TFIDF_VECTORIZER_DEFAULTS);

export class TfidfVectorizer extends CountVectorizer {
  private readonly tfidf: TfidfTransformer;

  constructor(options: TfidfVectorizerOptions = {}) {
    super(options);
    const t: TfidfOptions = {};
    for (const key of TFIDF_KEYS) if (options[key] !== undefined) (t as Record<string, unknown>)[key] = options[key];
    this.tfidf = new TfidfTransformer(t);
  }

  protected override optionKeys(): readonly string[] {
    return ALL_KEYS;
  }

  /** Learns vocabulary and idf from `documents`; returns `this`. */
  override fit(documents: Iterable<string>): this {
    this.tfidf.fit(super.fitTransform(documents));
    return this;
  }

  /** Learns vocabulary and idf, and returns the TF-IDF matrix `[documents, features]`. */
  override fitTransform(documents: Iterable<string>): CsrMatrix {
    return this.tfidf.fitTransform(super.fitTransform(documents));
  }

  /** TF-IDF matrix of `documents` with the fitted vocabulary and idf. */
  override transform(documents: Iterable<string>): CsrMatrix {
    this.requireFitted('transform');
    return this.tfidf.transform(super.transform(documents));
  }

  /** The idf weight of each feature, in column order (scikit-learn's `idf_`). */
  get idf(): Float64Array {
    return this.tfidf.idf;
  }

  override toJSON(): VectorizerJSON {
    const json = super.toJSON();
    let idf: (number | string)[] | null = null;
    try {
      idf = Array.from(this.tfidf.idf, (x) => (Number.isFinite(x) ? x : String(x)));
    } catch {
      idf = null;
    }
    return { ...json, idf };
  }

  /** Reads `toJSON()` output; pass the custom functions (analyzer, tokenizer, preprocessor) it used. */
  static override fromJSON(json: unknown, functions: CustomFunctions = {}): TfidfVectorizer {
    const { params, vocabulary, prunedTerms, idf } = readVectorizerJson('TfidfVectorizer.fromJSON', json, 'tfidf', functions);
    const v = new TfidfVectorizer(params as TfidfVectorizerOptions);
    if (vocabulary) {
      v.fitted = { vocabulary: new Map(vocabulary.map((t, i) => [t, i])), terms: vocabulary, pruned: prunedTerms };
      v.tfidf.setIdf(idf ?? new Float64Array(0));
    }
    return v;
  }
}
