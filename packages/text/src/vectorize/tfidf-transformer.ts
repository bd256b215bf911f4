/**
 * TF-IDF weighting of a count matrix, after scikit-learn 1.2's `TfidfTransformer`
 * (https://scikit-learn.org/1.2/modules/feature_extraction.html#tfidf-term-weighting):
 * idf(t) = ln((1 + n) / (1 + df(t))) + 1 with `smoothIdf`, ln(n / df(t)) + 1 without; tf is the count
 * or 1 + ln(count) with `sublinearTf`; rows are then scaled to unit l2 (or l1) norm, rows of zeros
 * left as they are.
 */
import { CsrMatrix } from '@ml/core';
import { checkBool, checkChoice } from '../internal/check-strings.js';
import { show } from '../internal/show.js';
import { NotFittedError } from './not-fitted-error.js';

/** Options of `TfidfTransformer` and the TF-IDF part of `TfidfVectorizer`. */
export interface TfidfOptions {
  /** Row normalisation (`norm`): 'l2', 'l1' or null for none. @default 'l2' */
  norm?: 'l1' | 'l2' | null;
  /** Multiply by inverse document frequency (`use_idf`). @default true */
  useIdf?: boolean;
  /** Add one to document frequencies, as if one extra document held every term (`smooth_idf`). @default true */
  smoothIdf?: boolean;
  /** Replace tf by 1 + ln(tf) (`sublinear_tf`). @default false */
  sublinearTf?: boolean;
}

/** Defaults of `TfidfOptions`. */
export const TFIDF_DEFAULTS = { norm: 'l2', useIdf: true, smoothIdf: true, sublinearTf: false } as const satisfies Required<TfidfOptions>;

export class TfidfTransformer {
  /** The options as given. */
  readonly params: Readonly<TfidfOptions>;
  private idfWeights: Float64Array | null = null;

  constructor(options: TfidfOptions = {}) {
    this.params = { ...options };
  }

  private resolved(): Required<TfidfOptions> {
    const o = { ...TFIDF_DEFAULTS, ...this.params };
    checkChoice('TfidfTransformer', 'norm', o.norm, ['l1', 'l2', null] as const);
    checkBool('TfidfTransformer', 'useIdf', o.useIdf);
    checkBool('TfidfTransformer', 'smoothIdf', o.smoothIdf);
    checkBool('TfidfTransformer', 'sublinearTf', o.sublinearTf);
    return o;
  }

  /** Learns the idf weights from a `[documents, terms]` count matrix; returns `this`. */
  fit(counts: CsrMatrix): this {
    const o = this.resolved();
    checkMatrix('TfidfTransformer.fit', counts);
    if (!o.useIdf) {
      this.idfWeights = new Float64Array(0);
      return this;
    }
    const [rows, cols] = counts.shape;
    const df = new Float64Array(cols);
    const { indptr, indices } = counts;
    for (let p = 0; p < indptr[rows]; p++) df[indices[p]]++;
    const smooth = o.smoothIdf ? 1 : 0;
    const n = rows + smooth;
    const idf = new Float64Array(cols);
    for (let j = 0; j < cols; j++) idf[j] = Math.log(n / (df[j] + smooth)) + 1;
    this.idfWeights = idf;
    return this;
  }

  /** The learnt idf weights, one per term (scikit-learn's `idf_`); throws when `useIdf` is false. */
  get idf(): Float64Array {
    if (this.idfWeights === null) throw new NotFittedError('TfidfTransformer.idf');
    if (!this.resolved().useIdf) throw new RangeError("TfidfTransformer.idf: there are no idf weights when 'useIdf' is false");
    return this.idfWeights;
  }

  /** Sets the idf weights (restoring a saved model). */
  setIdf(idf: Float64Array | null): void {
    this.idfWeights = idf;
  }

  /** TF-IDF weights of a count matrix: a new float64 `CsrMatrix`, same shape. */
  transform(counts: CsrMatrix): CsrMatrix {
    const where = 'TfidfTransformer.transform';
    const o = this.resolved();
    checkMatrix(where, counts);
    if (this.idfWeights === null) throw new NotFittedError(where, 'the idf vector');
    const [rows, cols] = counts.shape;
    if (o.useIdf && this.idfWeights.length !== cols) {
      throw new RangeError(`${where}: 'counts' must have ${this.idfWeights.length} columns, as at fit; received ${cols}`);
    }
    const { indptr, indices } = counts;
    const data = Float64Array.from(counts.data);
    const idf = this.idfWeights;
    for (let i = 0; i < rows; i++) {
      const a = indptr[i];
      const b = indptr[i + 1];
      let norm = 0;
      for (let p = a; p < b; p++) {
        let v = data[p];
        if (o.sublinearTf) v = Math.log(v) + 1;
        if (o.useIdf) v *= idf[indices[p]];
        data[p] = v;
        norm += o.norm === 'l2' ? v * v : Math.abs(v);
      }
      if (o.norm === null || norm === 0) continue;
      const scale = o.norm === 'l2' ? Math.sqrt(norm) : norm;
      for (let p = a; p < b; p++) data[p] /= scale;
    }
    return new CsrMatrix({ indptr: counts.indptr.slice(), indices: counts.indices.slice(), data, shape: [rows, cols] });
  }

  /** `fit(counts)` then `transform(counts)`. */
  fitTransform(counts: CsrMatrix): CsrMatrix {
    return this.fit(counts).transform(counts);
  }
}

function checkMatrix(where: string, m: unknown): void {
  if (!(m instanceof CsrMatrix)) throw new TypeError(`${where}: 'counts' must be a CsrMatrix; received ${show(m)}`);
}
