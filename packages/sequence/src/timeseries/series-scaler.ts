/**
 * The affine per-feature scaler shared by `SeriesStandardScaler` and `SeriesMinMaxScaler`:
 * `scaled = (x − offset) / scale`, fitted on one series (the training part) and applied to any other.
 */
import { NotFittedError } from './not-fitted-error.js';
import { readSeries, show, sliceRows, type Series, type SeriesInput } from './read-series.js';

/** What a scaler learnt: one offset and one scale per feature. */
export interface SeriesScalerState {
  offset: number[];
  scale: number[];
}

/** The JSON written by a series scaler's `toJSON()`. */
export interface SeriesScalerJSON<P> {
  format: string;
  version: number;
  params: P;
  fitted: SeriesScalerState | null;
}

type Same<S> = S extends ArrayLike<number> ? number[] : number[][];

export abstract class SeriesScaler {
  protected fitted: { offset: Float64Array; scale: Float64Array } | undefined;
  protected abstract readonly name: string;

  /** Computes offset and scale per feature from `series` (`[T]` or `[T, F]`); returns `this`. */
  fit(series: SeriesInput): this {
    this.fitted = undefined;
    const s = readSeries(`${this.name}.fit`, 'series', series, 1);
    this.fitted = this.compute(s);
    return this;
  }

  protected abstract compute(s: Series): { offset: Float64Array; scale: Float64Array };

  /** Versioned JSON of the params and fitted state (the subclass's `fromJSON` reads it back). */
  abstract toJSON(): SeriesScalerJSON<object>;

  /** `(x − offset) / scale` per feature; returns the series in the form it was given. */
  transform<S extends SeriesInput>(series: S): Same<S> {
    return this.apply('transform', series, (x, o, s) => (x - o) / s);
  }

  /** `x · scale + offset` per feature: back to the original units. */
  inverseTransform<S extends SeriesInput>(series: S): Same<S> {
    return this.apply('inverseTransform', series, (x, o, s) => x * s + o);
  }

  /** Fits, then transforms the same series. */
  fitTransform<S extends SeriesInput>(series: S): Same<S> {
    return this.fit(series).transform(series);
  }

  /** Maps scaled values of one feature `column` (a forecast, say) back to the original units. */
  inverseTransformColumn(values: ArrayLike<number>, column = 0): number[] {
    const f = this.state('inverseTransformColumn');
    if (!Number.isInteger(column) || column < 0 || column >= f.offset.length) {
      throw new RangeError(`${this.name}.inverseTransformColumn: 'column' must be an integer in [0, ${f.offset.length - 1}]; received ${show(column)}`);
    }
    return Array.from(values, (v) => v * f.scale[column] + f.offset[column]);
  }

  /** Per-feature offsets and scales (copies). */
  get params(): SeriesScalerState {
    const f = this.state('params');
    return { offset: Array.from(f.offset), scale: Array.from(f.scale) };
  }

  /** Number of features seen in `fit`. */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').offset.length;
  }

  protected fittedJSON(): SeriesScalerState | null {
    return this.fitted === undefined ? null : { offset: Array.from(this.fitted.offset), scale: Array.from(this.fitted.scale) };
  }

  protected restore(where: string, fitted: SeriesScalerState | null): void {
    if (fitted === null) return;
    const { offset, scale } = fitted ?? {};
    if (!Array.isArray(offset) || !Array.isArray(scale) || offset.length !== scale.length || offset.length === 0
      || !offset.every(Number.isFinite) || !scale.every((v) => Number.isFinite(v) && v !== 0)) {
      throw new RangeError(`${where}: 'fitted.offset' and 'fitted.scale' must be finite arrays of one non-zero length (scale non-zero); received ${show(offset)} and ${show(scale)}`);
    }
    this.fitted = { offset: Float64Array.from(offset), scale: Float64Array.from(scale) };
  }

  private apply<S extends SeriesInput>(method: string, series: S, fn: (x: number, o: number, s: number) => number): Same<S> {
    const f = this.state(method);
    const where = `${this.name}.${method}`;
    const s = readSeries(where, 'series', series, 0);
    const d = f.offset.length;
    if (s.length > 0 && s.features !== d) {
      throw new RangeError(`${where}: 'series' must have ${d} feature(s) as in fit; received ${s.features}`);
    }
    for (let t = 0; t < s.length; t++) {
      for (let j = 0; j < d; j++) s.data[t * d + j] = fn(s.data[t * d + j], f.offset[j], f.scale[j]);
    }
    return sliceRows(s, 0, s.length) as Same<S>;
  }

  protected state(what: string): { offset: Float64Array; scale: Float64Array } {
    if (this.fitted === undefined) throw new NotFittedError(this.name, what);
    return this.fitted;
  }
}

/** Checks a `toJSON()` object's format and version. Internal. */
export function checkJSON(where: string, json: unknown, format: string, version: number): Record<string, unknown> {
  const o = json as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object' || o.format !== format) {
    throw new TypeError(`${where}: expected JSON with format '${format}'; received ${o === null || typeof o !== 'object' ? show(o) : `format ${show(o.format)}`}`);
  }
  if (typeof o.version !== 'number' || o.version > version || o.version < 1) {
    throw new RangeError(`${where}: expected format version 1 to ${version}; received ${show(o.version)}`);
  }
  return o;
}
