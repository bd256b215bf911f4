/**
 * Standardisation (z-scores) with scikit-learn 1.2's semantics (`sklearn.preprocessing.StandardScaler`).
 *
 * Reference: T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise algorithm
 * for computing sample variances", 1979 (the batch merge in `partialFit`, as sklearn's
 * `_incremental_mean_and_var`). The variance is the population variance (ddof 0). A feature whose
 * variance is zero up to rounding (sklearn's `_is_constant_feature` bound) gets scale 1, so it is
 * centred but not divided.
 */
import { checkFormat } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix } from '../base/read-matrix.js';
import { toRows } from './to-rows.js';

export interface StandardScalerParams {
  /** Subtract the feature means (sklearn `with_mean`). @default true */
  withMean?: boolean;
  /** Divide by the feature standard deviations (sklearn `with_std`). @default true */
  withStd?: boolean;
}

export const STANDARD_SCALER_DEFAULTS = { withMean: true, withStd: true } as const satisfies Required<StandardScalerParams>;

/** The JSON written by `StandardScaler.toJSON()`. */
export interface StandardScalerJSON {
  format: string;
  version: number;
  params: Required<StandardScalerParams>;
  fitted: { mean: number[]; var: number[]; nSamplesSeen: number } | null;
}

const FORMAT = 'ml-classical/standard-scaler';
const VERSION = 1;
const EPS = 2 ** -52;

interface Fitted {
  mean: Float64Array;
  var: Float64Array;
  n: number;
}

export class StandardScaler {
  readonly params: Readonly<Required<StandardScalerParams>>;
  private fitted: Fitted | undefined;

  constructor(params: StandardScalerParams = {}) {
    this.params = { ...STANDARD_SCALER_DEFAULTS, ...params };
  }

  /** Computes the feature means and variances of `X` (n × d); returns `this`. */
  fit(X: MatrixInput): this {
    this.fitted = undefined;
    return this.update(`StandardScaler.fit`, X);
  }

  /** Updates the means and variances with another batch (sklearn `partial_fit`); returns `this`. */
  partialFit(X: MatrixInput): this {
    return this.update('StandardScaler.partialFit', X);
  }

  private update(where: string, X: MatrixInput): this {
    checkBool(where, 'withMean', this.params.withMean);
    checkBool(where, 'withStd', this.params.withStd);
    const prev = this.fitted;
    const x = readMatrix(where, 'X', X, prev?.mean.length);
    const { rows: n, cols: d, data } = x;
    const mean = new Float64Array(d);
    const v = new Float64Array(d);
    for (let f = 0; f < d; f++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += data[i * d + f];
      const m = s / n;
      let ss = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const e = data[i * d + f] - m;
        ss += e * e;
        c += e;
      }
      const unnorm = ss - (c * c) / n;
      if (prev === undefined) {
        mean[f] = m;
        v[f] = unnorm / n;
      } else {
        const total = prev.n + n;
        const lastSum = prev.mean[f] * prev.n;
        const ratio = prev.n / n;
        mean[f] = (lastSum + s) / total;
        v[f] = (prev.var[f] * prev.n + unnorm + (ratio / total) * (lastSum / ratio - s) ** 2) / total;
      }
    }
    this.fitted = { mean, var: v, n: (prev?.n ?? 0) + n };
    return this;
  }

  /** Standardises `X`: `(x − mean) / scale` per feature, as the params ask. */
  transform(X: MatrixInput): number[][] {
    const f = this.state('transform');
    const d = f.mean.length;
    const x = readMatrix('StandardScaler.transform', 'X', X, d);
    const scale = this.scaleArray(f);
    const { withMean } = this.params;
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < d; j++) x.data[i * d + j] = (x.data[i * d + j] - (withMean ? f.mean[j] : 0)) / scale[j];
    }
    return toRows(x.data, x.rows, d);
  }

  /** Fits, then returns `transform(X)` (sklearn `fit_transform`). */
  fitTransform(X: MatrixInput): number[][] {
    return this.fit(X).transform(X);
  }

  /** Maps standardised rows back to the original units: `x · scale + mean`. */
  inverseTransform(X: MatrixInput): number[][] {
    const f = this.state('inverseTransform');
    const d = f.mean.length;
    const x = readMatrix('StandardScaler.inverseTransform', 'X', X, d);
    const scale = this.scaleArray(f);
    const { withMean } = this.params;
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < d; j++) x.data[i * d + j] = x.data[i * d + j] * scale[j] + (withMean ? f.mean[j] : 0);
    }
    return toRows(x.data, x.rows, d);
  }

  /** Feature means (sklearn `mean_`); null when neither centring nor scaling (sklearn: None). */
  get mean(): number[] | null {
    const f = this.state('mean');
    return this.params.withMean || this.params.withStd ? Array.from(f.mean) : null;
  }

  /** Population variances (sklearn `var_`); null when `withStd` is false. */
  get var(): number[] | null {
    const f = this.state('var');
    return this.params.withStd ? Array.from(f.var) : null;
  }

  /** Per-feature divisor, 1 for constant features (sklearn `scale_`); null when `withStd` is false. */
  get scale(): number[] | null {
    const f = this.state('scale');
    return this.params.withStd ? Array.from(this.scaleArray(f)) : null;
  }

  /** Samples seen across `fit` / `partialFit` calls (sklearn `n_samples_seen_`). */
  get nSamplesSeen(): number {
    return this.state('nSamplesSeen').n;
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').mean.length;
  }

  /** Versioned JSON of the params and fitted state (`StandardScaler.fromJSON` reads it back). */
  toJSON(): StandardScalerJSON {
    const f = this.fitted;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params },
      fitted: f === undefined ? null : { mean: Array.from(f.mean), var: Array.from(f.var), nSamplesSeen: f.n },
    };
  }

  /** Rebuilds a scaler from `toJSON()` output. */
  static fromJSON(json: unknown): StandardScaler {
    const o = checkFormat('StandardScaler.fromJSON', json, FORMAT, VERSION) as unknown as StandardScalerJSON;
    const model = new StandardScaler(o.params);
    if (o.fitted !== null) {
      const { mean, var: v, nSamplesSeen } = o.fitted;
      if (!Array.isArray(mean) || !Array.isArray(v) || mean.length !== v.length || ![...mean, ...v].every(Number.isFinite)) {
        throw new RangeError(`StandardScaler.fromJSON: 'fitted.mean' and 'fitted.var' must be finite arrays of one length; received lengths ${String(mean?.length)} and ${String(v?.length)}`);
      }
      model.fitted = { mean: Float64Array.from(mean), var: Float64Array.from(v), n: nSamplesSeen };
    }
    return model;
  }

  private scaleArray(f: Fitted): Float64Array {
    const d = f.mean.length;
    const out = new Float64Array(d).fill(1);
    if (!this.params.withStd) return out;
    for (let j = 0; j < d; j++) {
      const bound = f.n * EPS * f.var[j] + (f.n * f.mean[j] * EPS) ** 2;
      const s = Math.sqrt(f.var[j]);
      out[j] = f.var[j] <= bound || s < 10 * EPS ? 1 : s;
    }
    return out;
  }

  private state(what: string): Fitted {
    if (this.fitted === undefined) throw new NotFittedError('StandardScaler', what);
    return this.fitted;
  }
}

function checkBool(where: string, name: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new TypeError(`${where}: '${name}' must be a boolean; received ${JSON.stringify(v)}`);
}
