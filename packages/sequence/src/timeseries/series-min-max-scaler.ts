/**
 * Per-feature min-max scaling of a time series into `featureRange` as scikit-learn's `MinMaxScaler`:
 * `(x − min) / (max − min) · (b − a) + a`; a constant feature maps to `a`.
 * Fit it on the training part only: test values beyond the training range map outside `featureRange`
 * rather than silently changing the fit.
 */
import { checkJSON, SeriesScaler, type SeriesScalerJSON } from './series-scaler.js';
import { show, type Series } from './read-series.js';

export interface SeriesMinMaxScalerParams {
  /** Target range `[a, b]`, `a < b` (sklearn `feature_range`). @default [0, 1] */
  featureRange?: readonly [number, number];
}

export const SERIES_MIN_MAX_SCALER_DEFAULTS = { featureRange: [0, 1] } as const satisfies Required<SeriesMinMaxScalerParams>;

const FORMAT = 'ml-sequence/series-min-max-scaler';
const VERSION = 1;

export class SeriesMinMaxScaler extends SeriesScaler {
  protected readonly name = 'SeriesMinMaxScaler';
  readonly featureRange: readonly [number, number];

  constructor(params: SeriesMinMaxScalerParams = {}) {
    super();
    this.featureRange = params.featureRange ?? SERIES_MIN_MAX_SCALER_DEFAULTS.featureRange;
  }

  protected compute(s: Series): { offset: Float64Array; scale: Float64Array } {
    const r = this.featureRange;
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) {
      throw new RangeError(`SeriesMinMaxScaler.fit: 'featureRange' must be [a, b] with finite a < b; received ${show(r)}`);
    }
    const [a, b] = r;
    const d = s.features;
    const offset = new Float64Array(d);
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let t = 0; t < s.length; t++) {
        lo = Math.min(lo, s.data[t * d + j]);
        hi = Math.max(hi, s.data[t * d + j]);
      }
      // Constant feature: sklearn divides by 1 instead of 0, so every value maps to a.
      const range = hi - lo === 0 ? 1 : hi - lo;
      scale[j] = range / (b - a);
      offset[j] = lo - a * scale[j];
    }
    return { offset, scale };
  }

  /** Versioned JSON of the params and fitted state. */
  toJSON(): SeriesScalerJSON<Required<SeriesMinMaxScalerParams>> {
    return { format: FORMAT, version: VERSION, params: { featureRange: [this.featureRange[0], this.featureRange[1]] }, fitted: this.fittedJSON() };
  }

  /** Rebuilds a scaler from `toJSON()` output. */
  static fromJSON(json: unknown): SeriesMinMaxScaler {
    const o = checkJSON('SeriesMinMaxScaler.fromJSON', json, FORMAT, VERSION) as unknown as SeriesScalerJSON<Required<SeriesMinMaxScalerParams>>;
    const scaler = new SeriesMinMaxScaler(o.params);
    scaler.restore('SeriesMinMaxScaler.fromJSON', o.fitted);
    return scaler;
  }
}
