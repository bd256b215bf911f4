/**
 * Per-feature standardisation of a time series, `(x − mean) / std` with the population standard
 * deviation (ddof 0) as scikit-learn's `StandardScaler`; a constant feature gets scale 1.
 * Fit it on the training part only (see `windowTrainTest`), so the test part cannot leak into it.
 */
import { checkJSON, SeriesScaler, type SeriesScalerJSON } from './series-scaler.js';
import type { Series } from './read-series.js';

/** `SeriesStandardScaler` has no parameters; the object is kept for symmetry and future options. */
export type SeriesStandardScalerParams = Record<string, never>;

const FORMAT = 'ml-sequence/series-standard-scaler';
const VERSION = 1;

export class SeriesStandardScaler extends SeriesScaler {
  protected readonly name = 'SeriesStandardScaler';

  protected compute(s: Series): { offset: Float64Array; scale: Float64Array } {
    const d = s.features;
    const offset = new Float64Array(d);
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let t = 0; t < s.length; t++) sum += s.data[t * d + j];
      const mean = sum / s.length;
      let ss = 0;
      for (let t = 0; t < s.length; t++) ss += (s.data[t * d + j] - mean) ** 2;
      const std = Math.sqrt(ss / s.length);
      offset[j] = mean;
      // A constant feature: centre it but do not divide (sklearn's behaviour up to rounding).
      scale[j] = std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1;
    }
    return { offset, scale };
  }

  /** Versioned JSON of the fitted state. */
  toJSON(): SeriesScalerJSON<SeriesStandardScalerParams> {
    return { format: FORMAT, version: VERSION, params: {}, fitted: this.fittedJSON() };
  }

  /** Rebuilds a scaler from `toJSON()` output. */
  static fromJSON(json: unknown): SeriesStandardScaler {
    const o = checkJSON('SeriesStandardScaler.fromJSON', json, FORMAT, VERSION) as unknown as SeriesScalerJSON<SeriesStandardScalerParams>;
    const scaler = new SeriesStandardScaler();
    scaler.restore('SeriesStandardScaler.fromJSON', o.fitted);
    return scaler;
  }
}
