/**
 * `EmbeddingBagClassifier`: each text becomes the mean of the pretrained vectors of its known tokens
 * (PyTorch's `nn.EmbeddingBag(mode='mean')` over frozen Word2Vec or GloVe vectors; a text with no known
 * token is the zero vector), then a multinomial logistic regression with scikit-learn's L2 objective
 * (`SoftmaxRegression`, L-BFGS) classifies it — the classic "average word vectors + logistic
 * regression" baseline (e.g. Shen et al., "Baseline Needs More Love", ACL 2018).
 */
import { NotFittedError } from '@ml/text';
import { KeyedVectors } from '../embeddings/keyed-vectors.js';
import { encodeLabels, uniqueLabels, type TextLabel } from './class-labels.js';
import type { Tokenizer } from './neural-text-classifier.js';
import { fitSoftmaxRegression, softmaxProba } from './softmax-regression.js';
import { wordTokenize } from './word-tokenize.js';

export interface EmbeddingBagClassifierOptions {
  /** Splits a text into tokens; null uses `wordTokenize`. Not saved: pass it again to `fromJSON`. @default null */
  tokenizer?: Tokenizer | null;
  /** Lower-case the text (default tokenizer only). @default true */
  lowercase?: boolean;
  /** Inverse L2 strength of the logistic regression (scikit-learn's `C`). @default 1 */
  C?: number;
  /** Gradient tolerance of L-BFGS. @default 1e-6 */
  tol?: number;
  /** Most L-BFGS iterations. @default 1000 */
  maxIter?: number;
}

/** Defaults of `EmbeddingBagClassifierOptions`. */
export const EMBEDDING_BAG_CLASSIFIER_DEFAULTS = { tokenizer: null, lowercase: true, C: 1, tol: 1e-6, maxIter: 1000 } as const satisfies Required<EmbeddingBagClassifierOptions>;

/** The JSON form of a fitted `EmbeddingBagClassifier` (without the word vectors). */
export interface EmbeddingBagClassifierJSON<L extends TextLabel = TextLabel> {
  format: 'ml-sequence/embedding-bag-classifier';
  version: 1;
  params: { lowercase: boolean; C: number; tol: number; maxIter: number; customTokenizer: boolean };
  vectorSize: number;
  classes: L[];
  /** `[vectorSize, classes]` row-major. */
  coef: number[];
  intercept: number[];
  nIter: number;
}

interface FittedState<L> {
  classes: L[];
  coef: Float64Array;
  intercept: Float64Array;
  nIter: number;
}

export class EmbeddingBagClassifier<L extends TextLabel = TextLabel> {
  readonly embeddings: KeyedVectors;
  readonly params: Readonly<EmbeddingBagClassifierOptions>;
  #fitted: FittedState<L> | undefined;

  /** @param embeddings pretrained word vectors (`loadGloVe`, `loadWord2VecFormat`, `Word2Vec#wv`) */
  constructor(embeddings: KeyedVectors, options: EmbeddingBagClassifierOptions = {}) {
    if (!(embeddings instanceof KeyedVectors)) {
      throw new TypeError(`EmbeddingBagClassifier: 'embeddings' must be a KeyedVectors (from loadGloVe, loadWord2VecFormat or Word2Vec); received ${embeddings === null ? 'null' : typeof embeddings}`);
    }
    this.embeddings = embeddings;
    this.params = { ...options };
  }

  #o(): Required<EmbeddingBagClassifierOptions> {
    return { ...EMBEDDING_BAG_CLASSIFIER_DEFAULTS, ...this.params };
  }

  #state(where: string): FittedState<L> {
    if (this.#fitted === undefined) throw new NotFittedError(`EmbeddingBagClassifier.${where}`, 'this EmbeddingBagClassifier');
    return this.#fitted;
  }

  /** The classes, in `predictProba` column order. */
  get classes(): L[] {
    return this.#state('classes').classes.slice();
  }

  /** L-BFGS iterations of the last `fit`. */
  get nIter(): number {
    return this.#state('nIter').nIter;
  }

  /** The tokens of `text`. */
  tokenize(text: string): string[] {
    const o = this.#o();
    return o.tokenizer === null ? wordTokenize(text, { lowercase: o.lowercase }) : o.tokenizer(text);
  }

  /** Mean word vectors `[texts.length, vectorSize]` row-major (zero rows for texts with no known word). */
  transform(texts: readonly string[]): Float64Array {
    const where = 'EmbeddingBagClassifier.transform';
    if (!Array.isArray(texts)) throw new TypeError(`${where}: 'texts' must be an array of strings; received ${texts === null ? 'null' : typeof texts}`);
    const d = this.embeddings.vectorSize;
    const out = new Float64Array(texts.length * d);
    texts.forEach((text, i) => {
      if (typeof text !== 'string') throw new TypeError(`${where}: 'texts[${i}]' must be a string; received ${text === null ? 'null' : typeof text}`);
      let known = 0;
      const row = out.subarray(i * d, (i + 1) * d);
      for (const token of this.tokenize(text)) {
        if (!this.embeddings.has(token)) continue;
        const v = this.embeddings.getVector(token);
        for (let k = 0; k < d; k++) row[k] += v[k];
        known++;
      }
      if (known > 0) for (let k = 0; k < d; k++) row[k] /= known;
    });
    return out;
  }

  /** Fraction of the tokens of `texts` that have a vector (a quick check that tokenizer and vectors agree). */
  coverage(texts: readonly string[]): number {
    let all = 0;
    let known = 0;
    for (const t of texts) {
      for (const token of this.tokenize(t)) {
        all++;
        if (this.embeddings.has(token)) known++;
      }
    }
    return all === 0 ? 0 : known / all;
  }

  /** Fits the logistic regression on the mean vectors of `texts`; returns `this`. */
  fit(texts: readonly string[], labels: readonly L[]): this {
    const where = 'EmbeddingBagClassifier.fit';
    const o = this.#o();
    if (!(typeof o.C === 'number' && o.C > 0 && Number.isFinite(o.C))) throw new RangeError(`${where}: 'C' must be a finite number > 0; received ${String(o.C)}`);
    if (!Array.isArray(labels) || !Array.isArray(texts) || labels.length !== texts.length) {
      throw new RangeError(`${where}: 'labels' must be an array with one label per text (${Array.isArray(texts) ? texts.length : '?'}); received ${Array.isArray(labels) ? `length ${labels.length}` : typeof labels}`);
    }
    const classes = uniqueLabels(where, labels);
    const y = encodeLabels(where, labels, classes);
    const X = this.transform(texts);
    const d = this.embeddings.vectorSize;
    const r = fitSoftmaxRegression(X, y, texts.length, d, classes.length, { C: o.C, tol: o.tol, maxIter: o.maxIter });
    this.#fitted = { classes, coef: r.coef, intercept: r.intercept, nIter: r.nIter };
    return this;
  }

  /** Class probabilities `[texts.length][classes.length]`. */
  predictProba(texts: readonly string[]): number[][] {
    const s = this.#state('predictProba');
    const k = s.classes.length;
    const p = softmaxProba(this.transform(texts), texts.length, this.embeddings.vectorSize, s.coef, s.intercept);
    return Array.from({ length: texts.length }, (_, i) => Array.from(p.subarray(i * k, (i + 1) * k)));
  }

  /** The most probable class of each text. */
  predict(texts: readonly string[]): L[] {
    const classes = this.#state('predict').classes;
    return this.predictProba(texts).map((p) => classes[p.indexOf(Math.max(...p))]);
  }

  /** Accuracy on `texts` against `labels`. */
  score(texts: readonly string[], labels: readonly L[]): number {
    if (!Array.isArray(labels) || labels.length !== texts.length) {
      throw new RangeError(`EmbeddingBagClassifier.score: 'labels' must have one label per text (${texts.length}); received ${Array.isArray(labels) ? `length ${labels.length}` : typeof labels}`);
    }
    return this.predict(texts).filter((p, i) => p === labels[i]).length / Math.max(1, texts.length);
  }

  /** The fitted model as versioned JSON, without the word vectors (keep those in their own file). */
  toJSON(): EmbeddingBagClassifierJSON<L> {
    const s = this.#state('toJSON');
    const o = this.#o();
    return {
      format: 'ml-sequence/embedding-bag-classifier',
      version: 1,
      params: { lowercase: o.lowercase, C: o.C, tol: o.tol, maxIter: o.maxIter, customTokenizer: o.tokenizer !== null },
      vectorSize: this.embeddings.vectorSize,
      classes: s.classes.slice(),
      coef: Array.from(s.coef),
      intercept: Array.from(s.intercept),
      nIter: s.nIter,
    };
  }

  /** Restores `toJSON()` output (object or text) on top of the same word vectors. */
  static fromJSON<L extends TextLabel = TextLabel>(json: unknown, embeddings: KeyedVectors, options: { tokenizer?: Tokenizer } = {}): EmbeddingBagClassifier<L> {
    const where = 'EmbeddingBagClassifier.fromJSON';
    let parsed: unknown = json;
    if (typeof json === 'string') {
      try {
        parsed = JSON.parse(json);
      } catch (cause) {
        throw new SyntaxError(`${where}: 'json' is not valid JSON (${(cause as Error).message})`, { cause });
      }
    }
    const j = parsed as Partial<EmbeddingBagClassifierJSON<L>> | null;
    if (j === null || typeof j !== 'object' || j.format !== 'ml-sequence/embedding-bag-classifier') {
      throw new TypeError(`${where}: 'json' must be the output of toJSON() (format 'ml-sequence/embedding-bag-classifier'); received ${j === null ? 'null' : typeof j === 'object' ? `format ${JSON.stringify(j.format)}` : typeof j}`);
    }
    if (j.version !== 1) throw new RangeError(`${where}: unsupported version ${JSON.stringify(j.version)}; this release reads version 1`);
    const p = j.params as EmbeddingBagClassifierJSON['params'];
    if (p.customTokenizer && options.tokenizer === undefined) throw new TypeError(`${where}: this model was fitted with a custom tokenizer; pass it again as { tokenizer }`);
    const model = new EmbeddingBagClassifier<L>(embeddings, { lowercase: p.lowercase, C: p.C, tol: p.tol, maxIter: p.maxIter, tokenizer: options.tokenizer ?? null });
    if (j.vectorSize !== embeddings.vectorSize) {
      throw new RangeError(`${where}: the model was fitted on ${j.vectorSize}-dimensional vectors; 'embeddings' has ${embeddings.vectorSize}`);
    }
    const classes = j.classes as L[];
    const coef = Float64Array.from(j.coef as number[]);
    if (coef.length !== embeddings.vectorSize * classes.length || (j.intercept as number[]).length !== classes.length) {
      throw new RangeError(`${where}: 'coef' must hold vectorSize × classes = ${embeddings.vectorSize * classes.length} values and 'intercept' ${classes.length}; received ${coef.length} and ${(j.intercept as number[]).length}`);
    }
    model.#fitted = { classes, coef, intercept: Float64Array.from(j.intercept as number[]), nIter: j.nIter ?? 0 };
    return model;
  }
}
