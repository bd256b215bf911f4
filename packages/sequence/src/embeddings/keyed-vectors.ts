/**
 * `KeyedVectors`: a word → vector table with cosine-similarity queries, after gensim 4's
 * `gensim.models.KeyedVectors` (https://radimrehurek.com/gensim/models/keyedvectors.html).
 * `mostSimilar` averages the unit vectors of the positive words and subtracts those of the negative
 * words, then ranks every other word by cosine similarity with that mean, as gensim's
 * `most_similar`; `analogy(a, b, c)` ("a is to b as c is to ?") is 3CosAdd (Mikolov et al.,
 * "Linguistic Regularities in Continuous Space Word Representations", NAACL 2013): the word closest
 * to b − a + c, the three query words excluded.
 */
import { show } from './show.js';

/** Options of `KeyedVectors.mostSimilar`. */
export interface MostSimilarOptions {
  /** Words (or vectors) that count negatively (gensim's `negative`). @default [] */
  negative?: readonly (string | ArrayLike<number>)[];
  /** Number of results. @default 10 */
  topN?: number;
  /** Search only the first N words (the most frequent ones in a trained model), or null for all. @default null */
  restrictVocab?: number | null;
}

/** Defaults of `MostSimilarOptions`. */
export const MOST_SIMILAR_DEFAULTS = { negative: [], topN: 10, restrictVocab: null } as const satisfies Required<MostSimilarOptions>;

/** A word with its cosine similarity to the query. */
export type SimilarWord = [word: string, similarity: number];

/** A query term: a word of the table or a raw vector of `vectorSize` values. */
export type QueryTerm = string | ArrayLike<number>;

export class KeyedVectors {
  /** The dimension of every vector. */
  readonly vectorSize: number;
  readonly #words: string[];
  readonly #index = new Map<string, number>();
  readonly #vectors: Float32Array;
  #unit: Float32Array | undefined;

  /**
   * @param words the words, in row order (no duplicates)
   * @param vectors row-major `[words.length, vectorSize]` values (copied)
   * @param vectorSize the dimension; defaults to `vectors.length / words.length`
   */
  constructor(words: readonly string[], vectors: ArrayLike<number>, vectorSize?: number) {
    const where = 'KeyedVectors';
    if (!Array.isArray(words)) throw new TypeError(`${where}: 'words' must be an array of strings; received ${show(words)}`);
    if (vectors === null || typeof vectors !== 'object' || typeof vectors.length !== 'number') {
      throw new TypeError(`${where}: 'vectors' must be a Float32Array (or number array) of words.length × vectorSize values; received ${show(vectors)}`);
    }
    const d = vectorSize ?? (words.length === 0 ? 0 : vectors.length / words.length);
    if (!Number.isInteger(d) || d < 1) {
      throw new RangeError(`${where}: 'vectorSize' must be a positive integer; received ${String(d)} (${vectors.length} values for ${words.length} words)`);
    }
    if (vectors.length !== words.length * d) {
      throw new RangeError(`${where}: 'vectors' must hold words.length × vectorSize = ${words.length} × ${d} = ${words.length * d} values; received ${vectors.length}`);
    }
    words.forEach((w, i) => {
      if (typeof w !== 'string' || w === '') throw new TypeError(`${where}: 'words[${i}]' must be a non-empty string; received ${show(w)}`);
      if (this.#index.has(w)) throw new RangeError(`${where}: 'words' holds ${show(w)} twice (rows ${this.#index.get(w)} and ${i})`);
      this.#index.set(w, i);
    });
    this.vectorSize = d;
    this.#words = words.slice();
    this.#vectors = Float32Array.from(vectors);
    for (let i = 0; i < this.#vectors.length; i++) {
      if (!Number.isFinite(this.#vectors[i])) {
        throw new RangeError(`${where}: 'vectors' must be finite; received ${this.#vectors[i]} for ${show(this.#words[Math.floor(i / d)])} (row ${Math.floor(i / d)})`);
      }
    }
  }

  /** Number of words. */
  get size(): number {
    return this.#words.length;
  }

  /** The words in row order (gensim's `index_to_key`); a copy. */
  get words(): string[] {
    return this.#words.slice();
  }

  /** The row-major `[size, vectorSize]` matrix; a copy. */
  get vectors(): Float32Array {
    return this.#vectors.slice();
  }

  /** Whether `word` has a vector. */
  has(word: string): boolean {
    return this.#index.has(word);
  }

  /** The row of `word` (gensim's `key_to_index`), or undefined. */
  indexOf(word: string): number | undefined {
    return this.#index.get(word);
  }

  /** The vector of `word` (a copy); throws when the word is unknown. With `norm`, scaled to unit length. */
  getVector(word: string, norm = false): Float32Array {
    const i = this.#row('KeyedVectors.getVector', 'word', word);
    const d = this.vectorSize;
    return (norm ? this.#normed() : this.#vectors).slice(i * d, (i + 1) * d);
  }

  /** Cosine similarity of two words. */
  similarity(a: string, b: string): number {
    const where = 'KeyedVectors.similarity';
    const i = this.#row(where, 'a', a);
    const j = this.#row(where, 'b', b);
    const u = this.#normed();
    const d = this.vectorSize;
    let s = 0;
    for (let k = 0; k < d; k++) s += u[i * d + k] * u[j * d + k];
    return s;
  }

  /**
   * The `topN` words nearest to the mean of the positive unit vectors minus the negative ones, by
   * cosine similarity, most similar first; query words are excluded from the results.
   */
  mostSimilar(positive: QueryTerm | readonly QueryTerm[], options: MostSimilarOptions = {}): SimilarWord[] {
    const where = 'KeyedVectors.mostSimilar';
    const o = { ...MOST_SIMILAR_DEFAULTS, ...options };
    if (!Number.isInteger(o.topN) || o.topN < 1) throw new RangeError(`${where}: 'topN' must be a positive integer; received ${show(o.topN)}`);
    const limit = o.restrictVocab ?? this.size;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`${where}: 'restrictVocab' must be a positive integer or null; received ${show(o.restrictVocab)}`);
    const pos = typeof positive === 'string' || !Array.isArray(positive) ? [positive as QueryTerm] : (positive as readonly QueryTerm[]);
    if (!Array.isArray(o.negative)) throw new TypeError(`${where}: 'negative' must be an array of words or vectors; received ${show(o.negative)}`);
    const terms: [QueryTerm, number, string][] = [
      ...pos.map((t, i): [QueryTerm, number, string] => [t, 1, `positive[${i}]`]),
      ...o.negative.map((t, i): [QueryTerm, number, string] => [t, -1, `negative[${i}]`]),
    ];
    if (terms.length === 0) throw new RangeError(`${where}: 'positive' and 'negative' are both empty; give at least one word or vector`);
    const d = this.vectorSize;
    const unit = this.#normed();
    const mean = new Float64Array(d);
    const exclude = new Set<number>();
    for (const [term, weight, name] of terms) {
      if (typeof term === 'string') {
        const i = this.#row(where, name, term);
        exclude.add(i);
        for (let k = 0; k < d; k++) mean[k] += weight * unit[i * d + k];
      } else {
        if (term === null || typeof term !== 'object' || term.length !== d) {
          throw new TypeError(`${where}: '${name}' must be a word or a vector of ${d} numbers; received ${show(term)}`);
        }
        let n = 0;
        for (let k = 0; k < d; k++) n += term[k] * term[k];
        n = Math.sqrt(n);
        if (n > 0) for (let k = 0; k < d; k++) mean[k] += (weight * term[k]) / n;
      }
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (mean[k] / terms.length) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new RangeError(`${where}: the query vectors cancel out (their mean is the zero vector)`);
    const scores: SimilarWord[] = [];
    for (let i = 0; i < Math.min(limit, this.size); i++) {
      if (exclude.has(i)) continue;
      let s = 0;
      for (let k = 0; k < d; k++) s += unit[i * d + k] * mean[k];
      scores.push([this.#words[i], s / terms.length / norm]);
    }
    // Stable on ties: equal scores keep row order.
    scores.sort((a, b) => b[1] - a[1]);
    return scores.slice(0, o.topN);
  }

  /**
   * "`a` is to `b` as `c` is to ?" by 3CosAdd: the words nearest to b − a + c (unit vectors), the three
   * query words excluded (gensim's `most_similar(positive=[b, c], negative=[a])`).
   */
  analogy(a: string, b: string, c: string, topN = 1): SimilarWord[] {
    return this.mostSimilar([b, c], { negative: [a], topN });
  }

  /** The rows scaled to unit length (zero rows stay zero), computed once. */
  #normed(): Float32Array {
    if (this.#unit === undefined) {
      const d = this.vectorSize;
      const u = new Float32Array(this.#vectors.length);
      for (let i = 0; i < this.size; i++) {
        let n = 0;
        for (let k = 0; k < d; k++) n += this.#vectors[i * d + k] ** 2;
        n = Math.sqrt(n);
        if (n > 0) for (let k = 0; k < d; k++) u[i * d + k] = this.#vectors[i * d + k] / n;
      }
      this.#unit = u;
    }
    return this.#unit;
  }

  #row(where: string, name: string, word: unknown): number {
    if (typeof word !== 'string') throw new TypeError(`${where}: '${name}' must be a word (string); received ${show(word)}`);
    const i = this.#index.get(word);
    if (i === undefined) throw new RangeError(`${where}: '${name}' ${show(word)} is not in the vocabulary (${this.size} words)`);
    return i;
  }
}
