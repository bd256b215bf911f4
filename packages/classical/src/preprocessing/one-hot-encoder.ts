/**
 * One-hot encoding of categorical columns with scikit-learn 1.2's semantics
 * (`sklearn.preprocessing.OneHotEncoder`, `categories='auto'`): each column's categories are its
 * sorted distinct values (numbers ascending, strings by UTF-16 code unit, as `np.unique`), and each
 * category becomes one 0/1 output column, feature by feature. `drop: 'first'` leaves out each
 * feature's first category; with `handleUnknown: 'ignore'` an unseen value encodes as all zeros
 * (which, with `drop: 'first'`, reads back as the first category, as sklearn). Output is a
 * `CsrMatrix` by default (sklearn 1.2's `sparse_output=True`) or `number[][]`.
 */
import { CsrMatrix } from '@ml/core';
import { checkFormat, checkOneOf } from '../base/check-params.js';
import { uniqueLabels } from '../base/label-encoder.js';
import type { Label } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';

/** A table of categorical values: one inner array per sample; each column all numbers or all strings. */
export type CategoricalInput = readonly (readonly Label[])[];

export interface OneHotEncoderParams<Sparse extends boolean = boolean> {
  /** How categories are found: `'auto'` (the sorted distinct values of each column). @default 'auto' */
  categories?: 'auto';
  /** `null` (keep every category) or `'first'` (drop each feature's first category). @default null */
  drop?: null | 'first';
  /** `'error'` throws on a value unseen in fit; `'ignore'` encodes it as all zeros. @default 'error' */
  handleUnknown?: 'error' | 'ignore';
  /** Return a `CsrMatrix` (true) or `number[][]` (false) (sklearn `sparse_output`). @default true */
  sparseOutput?: Sparse;
}

export const ONE_HOT_ENCODER_DEFAULTS = {
  categories: 'auto',
  drop: null,
  handleUnknown: 'error',
  sparseOutput: true,
} as const satisfies Required<OneHotEncoderParams>;

/** The JSON written by `OneHotEncoder.toJSON()`. */
export interface OneHotEncoderJSON {
  format: string;
  version: number;
  params: Required<OneHotEncoderParams>;
  fitted: { categories: Label[][] } | null;
}

/** What `transform` returns: a `CsrMatrix` unless `sparseOutput` is false. */
export type OneHotOutput<Sparse extends boolean> = Sparse extends false ? number[][] : CsrMatrix;

const FORMAT = 'ml-classical/one-hot-encoder';
const VERSION = 1;

interface Fitted {
  categories: Label[][];
  index: Map<Label, number>[];
  offsets: number[]; // first output column of each feature
  width: number;
}

export class OneHotEncoder<Sparse extends boolean = true> {
  readonly params: Readonly<Required<OneHotEncoderParams<Sparse>>>;
  private fitted: Fitted | undefined;

  constructor(params: OneHotEncoderParams<Sparse> = {}) {
    this.params = { ...ONE_HOT_ENCODER_DEFAULTS, ...params } as Required<OneHotEncoderParams<Sparse>>;
  }

  /** Finds each column's categories; returns `this`. */
  fit(X: CategoricalInput): this {
    const where = 'OneHotEncoder.fit';
    this.checkParams(where);
    const cols = readTable(where, X);
    this.setCategories(cols.map((c) => uniqueLabels(c)));
    return this;
  }

  /** The one-hot encoding of `X` (n × total categories kept). */
  transform(X: CategoricalInput): OneHotOutput<Sparse> {
    const where = 'OneHotEncoder.transform';
    const f = this.state('transform');
    const cols = readTable(where, X, f.categories.length);
    const n = cols[0].length;
    const drop = this.params.drop === 'first' ? 1 : 0;
    const indptr = new Int32Array(n + 1);
    const indices: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < cols.length; j++) {
        const k = f.index[j].get(cols[j][i]);
        if (k === undefined) {
          if (this.params.handleUnknown === 'error') {
            throw new RangeError(`${where}: 'X[${i}][${j}]' is ${JSON.stringify(cols[j][i])}, a category unseen in fit for column ${j} (known: ${JSON.stringify(f.categories[j])}); pass handleUnknown: 'ignore' to encode it as zeros`);
          }
        } else if (k >= drop) {
          indices.push(f.offsets[j] + k - drop);
        }
      }
      indptr[i + 1] = indices.length;
    }
    if (this.params.sparseOutput === false) {
      const out = Array.from({ length: n }, () => new Array<number>(f.width).fill(0));
      for (let i = 0; i < n; i++) for (let p = indptr[i]; p < indptr[i + 1]; p++) out[i][indices[p]] = 1;
      return out as OneHotOutput<Sparse>;
    }
    const m = new CsrMatrix({ indptr, indices: Int32Array.from(indices), data: new Float64Array(indices.length).fill(1), shape: [n, f.width] });
    return m as OneHotOutput<Sparse>;
  }

  /** Fits, then returns `transform(X)` (sklearn `fit_transform`). */
  fitTransform(X: CategoricalInput): OneHotOutput<Sparse> {
    return this.fit(X).transform(X);
  }

  /**
   * The categories back from an encoding (dense or CSR): per feature the column with the largest
   * value; an all-zero block gives the dropped first category under `drop: 'first'`, null under
   * `handleUnknown: 'ignore'`, and is an error otherwise (as sklearn).
   */
  inverseTransform(X: readonly (readonly number[])[] | CsrMatrix): (Label | null)[][] {
    const where = 'OneHotEncoder.inverseTransform';
    const f = this.state('inverseTransform');
    const rows = X instanceof CsrMatrix ? X.toArray() : X;
    if (!Array.isArray(rows)) throw new TypeError(`${where}: 'X' must be number[][] or a CsrMatrix; received ${typeof X}`);
    const drop = this.params.drop === 'first' ? 1 : 0;
    return rows.map((row, i) => {
      if (!Array.isArray(row) || row.length !== f.width) {
        throw new RangeError(`${where}: 'X[${i}]' must have ${f.width} columns (the encoded width); received ${Array.isArray(row) ? row.length : typeof row}`);
      }
      return f.categories.map((cats, j) => {
        let best = -1;
        let sum = 0;
        for (let k = 0; k < cats.length - drop; k++) {
          const v = row[f.offsets[j] + k] as number;
          sum += v;
          if (best < 0 || v > (row[f.offsets[j] + best] as number)) best = k;
        }
        if (sum !== 0 && best >= 0) return cats[best + drop];
        if (drop === 1) return cats[0];
        if (this.params.handleUnknown === 'ignore') return null;
        throw new RangeError(`${where}: row ${i} has no active category for feature ${j} (all zeros), which only handleUnknown: 'ignore' or drop: 'first' allows`);
      });
    });
  }

  /** Output column names `${inputFeature}_${category}`; input names default to `x0`, `x1`, … */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const where = 'OneHotEncoder.getFeatureNamesOut';
    const f = this.state('getFeatureNamesOut');
    const d = f.categories.length;
    if (inputFeatures !== undefined && (!Array.isArray(inputFeatures) || inputFeatures.length !== d || !inputFeatures.every((s) => typeof s === 'string'))) {
      throw new RangeError(`${where}: 'inputFeatures' must be ${d} strings, one per input column; received ${JSON.stringify(inputFeatures)}`);
    }
    const drop = this.params.drop === 'first' ? 1 : 0;
    return f.categories.flatMap((cats, j) => cats.slice(drop).map((c) => `${inputFeatures?.[j] ?? `x${j}`}_${String(c)}`));
  }

  /** Each input column's sorted categories (sklearn `categories_`). */
  get categories(): Label[][] {
    return this.state('categories').categories.map((c) => [...c]);
  }

  /** Number of input columns seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').categories.length;
  }

  /** Versioned JSON of the params and categories (`OneHotEncoder.fromJSON` reads it back). */
  toJSON(): OneHotEncoderJSON {
    const f = this.fitted;
    return { format: FORMAT, version: VERSION, params: { ...this.params }, fitted: f === undefined ? null : { categories: this.categories } };
  }

  /** Rebuilds an encoder from `toJSON()` output (its `sparseOutput` decides the output type). */
  static fromJSON(json: unknown): OneHotEncoder<boolean> {
    const where = 'OneHotEncoder.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as OneHotEncoderJSON;
    const model = new OneHotEncoder<boolean>(o.params);
    model.checkParams(where);
    if (o.fitted !== null) {
      const cats = o.fitted.categories;
      if (!Array.isArray(cats) || cats.some((c) => !Array.isArray(c) || c.length === 0)) {
        throw new RangeError(`${where}: 'fitted.categories' must be one non-empty array per input column; received ${JSON.stringify(cats)}`);
      }
      model.setCategories(cats.map((c) => [...c]));
    }
    return model;
  }

  private checkParams(where: string): void {
    const p = this.params;
    checkOneOf(where, 'categories', p.categories, ['auto']);
    if (p.drop !== null && p.drop !== 'first') throw new RangeError(`${where}: 'drop' must be null or 'first'; received ${JSON.stringify(p.drop)}`);
    checkOneOf(where, 'handleUnknown', p.handleUnknown, ['error', 'ignore']);
    if (typeof p.sparseOutput !== 'boolean') throw new TypeError(`${where}: 'sparseOutput' must be a boolean; received ${JSON.stringify(p.sparseOutput)}`);
  }

  private setCategories(categories: Label[][]): void {
    const drop = this.params.drop === 'first' ? 1 : 0;
    const offsets: number[] = [];
    let width = 0;
    for (const c of categories) {
      offsets.push(width);
      width += c.length - drop;
    }
    this.fitted = { categories, index: categories.map((c) => new Map(c.map((v, k) => [v, k]))), offsets, width };
  }

  private state(what: string): Fitted {
    if (this.fitted === undefined) throw new NotFittedError('OneHotEncoder', what);
    return this.fitted;
  }
}

/** Checks a rectangular table whose columns each hold one kind of label; returns it column by column. */
function readTable(where: string, X: CategoricalInput, cols?: number): Label[][] {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0]) || X[0].length === 0) {
    throw new RangeError(`${where}: 'X' must be a non-empty table (one array of values per sample); received ${Array.isArray(X) ? `${X.length} rows` : typeof X}`);
  }
  const d = X[0].length;
  if (cols !== undefined && d !== cols) throw new RangeError(`${where}: 'X' must have ${cols} columns, as in fit; received ${d}`);
  const out: Label[][] = Array.from({ length: d }, () => []);
  X.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new RangeError(`${where}: 'X' must be rectangular; row 0 has ${d} entries but row ${i} ${Array.isArray(row) ? `has ${row.length}` : 'is not an array'}`);
    }
    row.forEach((v: unknown, j) => {
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
        throw new TypeError(`${where}: 'X[${i}][${j}]' must be a finite number or a string; received ${typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v}`);
      }
      if (typeof v !== typeof X[0][j]) {
        throw new TypeError(`${where}: column ${j} must hold one kind of value; X[0][${j}] is a ${typeof X[0][j]} but X[${i}][${j}] is a ${typeof v}`);
      }
      out[j].push(v as Label);
    });
  });
  return out;
}
