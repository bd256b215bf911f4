/**
 * `Word2Vec`: Mikolov et al., "Efficient Estimation of Word Representations in Vector Space" (2013)
 * and "Distributed Representations of Words and Phrases and their Compositionality" (NeurIPS 2013),
 * implemented as the original C tool (`word2vec.c`) with negative sampling: skip-gram or CBOW (mean
 * of the context), noise words drawn from the unigram distribution raised to 0.75, frequent words
 * subsampled with keep probability (√(f/(s·N)) + 1)·(s·N)/f, a window shrunk by a random amount per
 * centre word, and a learning rate decayed linearly from `alpha` to `minAlpha` over all epochs.
 * Plain Float32Array SGD on one thread; option names follow gensim 4's `Word2Vec`.
 * @see https://radimrehurek.com/gensim/models/word2vec.html
 */
import { Rng } from '@ml/core';
import { KeyedVectors, type MostSimilarOptions, type QueryTerm, type SimilarWord } from './keyed-vectors.js';
import { NotFittedError } from '@ml/text';
import { show } from './show.js';

/** What the progress callback receives. */
export interface Word2VecProgress {
  /** The epoch running (0-based). */
  epoch: number;
  /** Fraction of all training done, in [0, 1]. */
  progress: number;
  /** Corpus words processed so far (before subsampling), over all epochs. */
  wordsProcessed: number;
  /** The current learning rate. */
  alpha: number;
}

export interface Word2VecOptions {
  /** Dimension of the word vectors (gensim's `vector_size`). @default 100 */
  vectorSize?: number;
  /** Largest distance between the centre word and a context word. @default 5 */
  window?: number;
  /** Ignore words seen fewer times than this (`min_count`). @default 5 */
  minCount?: number;
  /** Keep at most this many words, the most frequent (`max_final_vocab`), or null. @default null */
  maxVocabSize?: number | null;
  /** `'skipgram'` (gensim `sg=1`) or `'cbow'` (`sg=0`). @default 'skipgram' */
  architecture?: 'skipgram' | 'cbow';
  /** Noise words per positive example (`negative`). @default 5 */
  negative?: number;
  /** Exponent of the noise distribution (`ns_exponent`). @default 0.75 */
  nsExponent?: number;
  /** Subsampling threshold for frequent words (`sample`); 0 disables. @default 1e-3 */
  sample?: number;
  /** Initial learning rate (`alpha`). @default 0.025 */
  alpha?: number;
  /** Final learning rate (`min_alpha`). @default 1e-4 */
  minAlpha?: number;
  /** Passes over the corpus (`epochs`). @default 5 */
  epochs?: number;
  /** Seed of initialisation, window, subsampling and noise draws. @default 1 */
  seed?: number;
  /** Called every `progressEvery` words and at the end of each epoch. @default undefined */
  onProgress?: (progress: Word2VecProgress) => void;
  /** Words between progress calls. @default 10000 */
  progressEvery?: number;
}

/** Defaults of `Word2VecOptions`. */
export const WORD2VEC_DEFAULTS = {
  vectorSize: 100,
  window: 5,
  minCount: 5,
  maxVocabSize: null,
  architecture: 'skipgram',
  negative: 5,
  nsExponent: 0.75,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 1e-4,
  epochs: 5,
  seed: 1,
  onProgress: undefined,
  progressEvery: 10000,
} as const satisfies Omit<Required<Word2VecOptions>, 'onProgress'> & { onProgress: undefined };

const MAX_EXP = 6;

function checkInt(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`Word2Vec.fit: '${name}' must be an integer >= ${min}; received ${show(value)}`);
  }
  return value;
}

function checkNumber(name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`Word2Vec.fit: '${name}' must be a number in [${min}, ${max}]; received ${show(value)}`);
  }
  return value;
}

export class Word2Vec {
  readonly options: Readonly<Word2VecOptions>;
  #wv: KeyedVectors | undefined;
  #counts: number[] = [];

  constructor(options: Word2VecOptions = {}) {
    this.options = { ...options };
  }

  /** The trained vectors (gensim's `model.wv`). */
  get wv(): KeyedVectors {
    if (this.#wv === undefined) throw new NotFittedError('Word2Vec.wv', 'this Word2Vec');
    return this.#wv;
  }

  /** Corpus counts of the vocabulary words, in `wv.words` order. */
  get counts(): number[] {
    if (this.#wv === undefined) throw new NotFittedError('Word2Vec.counts', 'this Word2Vec');
    return this.#counts.slice();
  }

  /** Trains on `sentences` (each an array of tokens) and returns `this`. */
  fit(sentences: readonly (readonly string[])[]): this {
    const where = 'Word2Vec.fit';
    const o = { ...WORD2VEC_DEFAULTS, ...this.options };
    const d = checkInt('vectorSize', o.vectorSize, 1);
    const window = checkInt('window', o.window, 1);
    const minCount = checkInt('minCount', o.minCount, 1);
    const negative = checkInt('negative', o.negative, 1);
    const epochs = checkInt('epochs', o.epochs, 1);
    const seed = checkInt('seed', o.seed, 0);
    const progressEvery = checkInt('progressEvery', o.progressEvery, 1);
    const sample = checkNumber('sample', o.sample, 0, 1);
    const alpha0 = checkNumber('alpha', o.alpha, Number.MIN_VALUE);
    const minAlpha = checkNumber('minAlpha', o.minAlpha, 0, alpha0);
    const nsExponent = checkNumber('nsExponent', o.nsExponent, -10, 10);
    if (o.architecture !== 'skipgram' && o.architecture !== 'cbow') {
      throw new RangeError(`${where}: 'architecture' must be 'skipgram' or 'cbow'; received ${show(o.architecture)}`);
    }
    if (o.maxVocabSize !== null) checkInt('maxVocabSize', o.maxVocabSize, 1);
    if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
      throw new TypeError(`${where}: 'onProgress' must be a function; received ${show(o.onProgress)}`);
    }
    if (!Array.isArray(sentences)) throw new TypeError(`${where}: 'sentences' must be an array of token arrays; received ${show(sentences)}`);

    // Vocabulary: count, drop rare words, most frequent first (ties in code-point order, so ids do not depend on corpus order).
    const counts = new Map<string, number>();
    sentences.forEach((s, i) => {
      if (!Array.isArray(s)) throw new TypeError(`${where}: 'sentences[${i}]' must be an array of tokens; received ${show(s)}`);
      for (const t of s) {
        if (typeof t !== 'string') throw new TypeError(`${where}: 'sentences[${i}]' must hold strings; received ${show(t)}`);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    });
    let vocab = [...counts].filter(([w, c]) => c >= minCount && w !== '');
    vocab.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (o.maxVocabSize !== null) vocab = vocab.slice(0, o.maxVocabSize);
    if (vocab.length < 2) {
      throw new RangeError(`${where}: fewer than 2 words occur at least minCount = ${minCount} times (${vocab.length}); give more text or lower 'minCount'`);
    }
    const V = vocab.length;
    const index = new Map(vocab.map(([w], i) => [w, i]));
    const freq = Float64Array.from(vocab, ([, c]) => c);
    const trainWords = vocab.reduce((s, [, c]) => s + c, 0);
    const corpus = sentences.map((s) => Int32Array.from(s.map((t: string) => index.get(t) ?? -1).filter((i: number) => i >= 0)));

    // Noise distribution: cumulative unigram^nsExponent table, sampled by binary search.
    const cumulative = new Float64Array(V);
    let acc = 0;
    for (let i = 0; i < V; i++) cumulative[i] = acc += freq[i] ** nsExponent;
    for (let i = 0; i < V; i++) cumulative[i] /= acc;
    const rng = new Rng(seed);
    const noise = (): number => {
      const r = rng.random();
      let lo = 0;
      let hi = V - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    // Keep probability of each word under subsampling (1 for rare words).
    const keep = new Float64Array(V).fill(1);
    if (sample > 0) {
      const threshold = sample * trainWords;
      for (let i = 0; i < V; i++) keep[i] = Math.min(1, (Math.sqrt(freq[i] / threshold) + 1) * (threshold / freq[i]));
    }

    // syn0 ~ U(−0.5, 0.5)/d as the C tool; syn1neg starts at zero.
    const syn0 = new Float32Array(V * d);
    for (let i = 0; i < syn0.length; i++) syn0[i] = (rng.random() - 0.5) / d;
    const syn1 = new Float32Array(V * d);
    const neu1 = new Float32Array(d);
    const neu1e = new Float32Array(d);
    const cbow = o.architecture === 'cbow';

    /** One positive/negative update of output rows against `l1`'s input vector `h`; accumulates into neu1e. */
    const train = (h: Float32Array, hOffset: number, target: number, alpha: number): void => {
      neu1e.fill(0);
      for (let n = 0; n <= negative; n++) {
        let word: number;
        let label: number;
        if (n === 0) {
          word = target;
          label = 1;
        } else {
          word = noise();
          if (word === target) continue;
          label = 0;
        }
        const l2 = word * d;
        let f = 0;
        for (let k = 0; k < d; k++) f += h[hOffset + k] * syn1[l2 + k];
        let g: number;
        if (f > MAX_EXP) g = (label - 1) * alpha;
        else if (f < -MAX_EXP) g = label * alpha;
        else g = (label - 1 / (1 + Math.exp(-f))) * alpha;
        for (let k = 0; k < d; k++) neu1e[k] += g * syn1[l2 + k];
        for (let k = 0; k < d; k++) syn1[l2 + k] += g * h[hOffset + k];
      }
    };

    const total = epochs * trainWords;
    let processed = 0;
    let sinceReport = 0;
    let alpha = alpha0;
    const report = (epoch: number): void => {
      o.onProgress?.({ epoch, progress: Math.min(1, processed / total), wordsProcessed: processed, alpha });
      sinceReport = 0;
    };
    const sentenceBuffer = new Int32Array(Math.max(1, ...corpus.map((s) => s.length)));
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const sentence of corpus) {
        // Subsample, then train on what is left (as the C tool, which subsamples while reading).
        let len = 0;
        for (let i = 0; i < sentence.length; i++) {
          const w = sentence[i];
          if (keep[w] < 1 && keep[w] < rng.random()) continue;
          sentenceBuffer[len++] = w;
        }
        processed += sentence.length;
        sinceReport += sentence.length;
        alpha = Math.max(minAlpha, alpha0 - (alpha0 - minAlpha) * (processed / total));
        for (let pos = 0; pos < len; pos++) {
          const word = sentenceBuffer[pos];
          const b = rng.int(window); // effective window = window − b
          const from = Math.max(0, pos - window + b);
          const to = Math.min(len - 1, pos + window - b);
          if (cbow) {
            neu1.fill(0);
            let cw = 0;
            for (let c = from; c <= to; c++) {
              if (c === pos) continue;
              const l1 = sentenceBuffer[c] * d;
              for (let k = 0; k < d; k++) neu1[k] += syn0[l1 + k];
              cw++;
            }
            if (cw === 0) continue;
            for (let k = 0; k < d; k++) neu1[k] /= cw;
            train(neu1, 0, word, alpha);
            for (let c = from; c <= to; c++) {
              if (c === pos) continue;
              const l1 = sentenceBuffer[c] * d;
              for (let k = 0; k < d; k++) syn0[l1 + k] += neu1e[k];
            }
          } else {
            for (let c = from; c <= to; c++) {
              if (c === pos) continue;
              // The context word's input vector predicts the centre word (word2vec.c's skip-gram loop).
              const l1 = sentenceBuffer[c] * d;
              train(syn0, l1, word, alpha);
              for (let k = 0; k < d; k++) syn0[l1 + k] += neu1e[k];
            }
          }
        }
        if (sinceReport >= progressEvery) report(epoch);
      }
      report(epoch);
    }
    this.#counts = vocab.map(([, c]) => c);
    this.#wv = new KeyedVectors(
      vocab.map(([w]) => w),
      syn0,
      d,
    );
    return this;
  }

  /** `wv.mostSimilar`. */
  mostSimilar(positive: QueryTerm | readonly QueryTerm[], options: MostSimilarOptions = {}): SimilarWord[] {
    return this.wv.mostSimilar(positive, options);
  }

  /** `wv.analogy`: "a is to b as c is to ?" by 3CosAdd. */
  analogy(a: string, b: string, c: string, topN = 1): SimilarWord[] {
    return this.wv.analogy(a, b, c, topN);
  }
}
