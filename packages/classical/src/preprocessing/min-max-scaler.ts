/**
 * Scaling of each feature to a range with scikit-learn 1.2's semantics
 * (`sklearn.preprocessing.MinMaxScaler`): `x · scale + min` with
 * `scale = (hi − lo) / (dataMax − dataMin)` and `min = lo − dataMin · scale`. A constant feature
 * (range below 10·eps) uses range 1, as sklearn's `_handle_zeros_in_scale`, so it maps to `lo`.
 */
import { checkFormat } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix } from '../base/read-matrix.js';
import { toRows } from './to-rows.js';

export interface MinMaxScalerParams {
  /** Target range `[lo, hi]` with lo < hi (sklearn `feature_range`). @default [0, 1] */
  featureRange?: readonly [number, number];
  /** Clip transformed values to `featureRange` (sklearn `clip`). @default false */
  clip?: boolean;
}

export const MIN_MAX_SCALER_DEFAULTS = { featureRange: [0, 1], clip: false } as const satisfies Required<MinMaxScalerParams>;

/** The JSON written by `MinMaxScaler.toJSON()`. */
export interface MinMaxScalerJSON {
  format: string;
  version: number;
  params: { featureRange: [number, number]; clip: boolean };
  fitted: { dataMin: number[]; dataMax: number[]; nSamplesSeen: number } | null;
}

const FORMAT = 'ml-classical/min-max-scaler';
const VERSION = 1;

interface Fitted {
  dataMin: Float64Array;
  dataMax: Float64Array;
  scale: Float64Array;
  min: Float64Array;
  n: number;
}

export class MinMaxScaler {
  readonly params: Readonly<Required<MinMaxScalerParams>>;
  private fitted: Fitted | undefined;

  constructor(params: MinMaxScalerParams = {}) {
    this.params = { ...MIN_MAX_SCALER_DEFAULTS, ...params };
  }

  /** Records each feature's minimum and maximum in `X`; returns `this`. */
  fit(X: MatrixInput): this {
    this.fitted = undefined;
    return this.update(`MinMaxScaler.fit`, X);
  }

  /** Widens the recorded minima and maxima with another batch (sklearn `partial_fit`); returns `this`. */
  partialFit(X: MatrixInput): this {
    return this.update('MinMaxScaler.partialFit', X);
  }

  private update(where: string, X: MatrixInput): this {
    const [lo, hi] = this.checkParams(where);
    const prev = this.fitted;
    const x = readMatrix(where, 'X', X, prev?.dataMin.length);
    const { rows: n, cols: d, data } = x;
    const dataMin = prev ? Float64Array.from(prev.dataMin) : new Float64Array(d).fill(Infinity);
    const dataMax = prev ? Float64Array.from(prev.dataMax) : new Float64Array(d).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = data[i * d + j];
        if (v < dataMin[j]) dataMin[j] = v;
        if (v > dataMax[j]) dataMax[j] = v;
      }
    }
    this.fitted = { ...derive(dataMin, dataMax, lo, hi), n: (prev?.n ?? 0) + n };
    return this;
  }

  /** Scales `X` into `featureRange` (values outside the training range land outside it unless `clip`). */
  transform(X: MatrixInput): number[][] {
    const f = this.state('transform');
    const d = f.dataMin.length;
    const x = readMatrix('MinMaxScaler.transform', 'X', X, d);
    const [lo, hi] = this.params.featureRange;
    for (let k = 0; k < x.data.length; k++) {
      const j = k % d;
      let v = x.data[k] * f.scale[j] + f.min[j];
      if (this.params.clip) v = Math.min(hi, Math.max(lo, v));
      x.data[k] = v;
    }
    return toRows(x.data, x.rows, d);
  }

  /** Fits, then returns `transform(X)` (sklearn `fit_transform`). */
  fitTransform(X: MatrixInput): number[][] {
    return this.fit(X).transform(X);
  }

  /** Maps scaled rows back: `(x − min) / scale`. */
  inverseTransform(X: MatrixInput): number[][] {
    const f = this.state('inverseTransform');
    const d = f.dataMin.length;
    const x = readMatrix('MinMaxScaler.inverseTransform', 'X', X, d);
    for (let k = 0; k < x.data.length; k++) x.data[k] = (x.data[k] - f.min[k % d]) / f.scale[k % d];
    return toRows(x.data, x.rows, d);
  }

  /** Per-feature minimum seen (sklearn `data_min_`). */
  get dataMin(): number[] {
    return Array.from(this.state('dataMin').dataMin);
  }

  /** Per-feature maximum seen (sklearn `data_max_`). */
  get dataMax(): number[] {
    return Array.from(this.state('dataMax').dataMax);
  }

  /** `dataMax − dataMin` (sklearn `data_range_`). */
  get dataRange(): number[] {
    const f = this.state('dataRange');
    return Array.from(f.dataMax, (v, j) => v - f.dataMin[j]);
  }

  /** Per-feature multiplier (sklearn `scale_`). */
  get scale(): number[] {
    return Array.from(this.state('scale').scale);
  }

  /** Per-feature offset added after scaling (sklearn `min_`). */
  get min(): number[] {
    return Array.from(this.state('min').min);
  }

  /** Samples seen across `fit` / `partialFit` calls (sklearn `n_samples_seen_`). */
  get nSamplesSeen(): number {
    return this.state('nSamplesSeen').n;
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').dataMin.length;
  }

  /** Versioned JSON of the params and fitted state (`MinMaxScaler.fromJSON` reads it back). */
  toJSON(): MinMaxScalerJSON {
    const f = this.fitted;
    const [lo, hi] = this.params.featureRange;
    return {
      format: FORMAT,
      version: VERSION,
      params: { featureRange: [lo, hi], clip: this.params.clip },
      fitted: f === undefined ? null : { dataMin: Array.from(f.dataMin), dataMax: Array.from(f.dataMax), nSamplesSeen: f.n },
    };
  }

  /** Rebuilds a scaler from `toJSON()` output. */
  static fromJSON(json: unknown): MinMaxScaler {
    const where = 'MinMaxScaler.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as MinMaxScalerJSON;
    const model = new MinMaxScaler(o.params);
    if (o.fitted !== null) {
      const [lo, hi] = model.checkParams(where);
      const { dataMin, dataMax, nSamplesSeen } = o.fitted;
      if (!Array.isArray(dataMin) || !Array.isArray(dataMax) || dataMin.length !== dataMax.length || ![...dataMin, ...dataMax].every(Number.isFinite)) {
        throw new RangeError(`${where}: 'fitted.dataMin' and 'fitted.dataMax' must be finite arrays of one length; received lengths ${String(dataMin?.length)} and ${String(dataMax?.length)}`);
      }
      model.fitted = { ...derive(Float64Array.from(dataMin), Float64Array.from(dataMax), lo, hi), n: nSamplesSeen };
    }
    return model;
  }

  private checkParams(where: string): [number, number] {
    const r: unknown = this.params.featureRange;
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !((r[0] as number) < (r[1] as number))) {
      throw new RangeError(`${where}: 'featureRange' must be [lo, hi] with finite lo < hi; received ${JSON.stringify(r)}`);
    }
    if (typeof this.params.clip !== 'boolean') throw new TypeError(`${where}: 'clip' must be a boolean; received ${JSON.stringify(this.params.clip)}`);
    return [r[0] as number, r[1] as number];
  }

  private state(what: string): Fitted {
    if (this.fitted === undefined) throw new NotFittedError('MinMaxScaler', what);
    return this.fitted;
  }
}

function derive(dataMin: Float64Array, dataMax: Float64Array, lo: number, hi: number): Omit<Fitted, 'n'> {
  const d = dataMin.length;
  const scale = new Float64Array(d);
  const min = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const range = dataMax[j] - dataMin[j];
    scale[j] = (hi - lo) / (range < 10 * 2 ** -52 ? 1 : range);
    min[j] = lo - dataMin[j] * scale[j];
  }
  return { dataMin, dataMax, scale, min };
}
