/**
 * Sliding windows over a time series for supervised forecasting: each sample is `lookback`
 * consecutive steps (all features) and its target is the next `horizon` values of one column.
 *
 *   window i: inputs  = rows [i·stride, i·stride + lookback)            → [lookback, F]
 *             targets = target column at [i·stride + lookback, … + horizon) → [horizon]
 */
import { checkInt, readSeries, type SeriesInput } from './read-series.js';

export interface MakeWindowsOptions {
  /** Past steps each sample sees. */
  lookback: number;
  /** Future steps each sample predicts. @default 1 */
  horizon?: number;
  /** Steps between the starts of consecutive windows. @default 1 */
  stride?: number;
  /** The feature column the targets are taken from (multivariate series). @default 0 */
  targetColumn?: number;
}

export const MAKE_WINDOWS_DEFAULTS = { horizon: 1, stride: 1, targetColumn: 0 } as const satisfies Omit<Required<MakeWindowsOptions>, 'lookback'>;

/** Windows ready for `TensorDataset` (both parts are `{ data, shape }`, float32, row-major). */
export interface Windows {
  /** `[N, lookback, F]` */
  inputs: { data: Float32Array; shape: [number, number, number] };
  /** `[N, horizon]` */
  targets: { data: Float32Array; shape: [number, number] };
  /** For each window, the index in the series of its first target step. */
  targetStart: Int32Array;
}

/**
 * Cuts `series` (`[T]` or `[T, F]`, oldest first) into `N = ⌊(T − lookback − horizon) / stride⌋ + 1`
 * windows.
 * @throws {RangeError} when the series is shorter than `lookback + horizon` or an option is invalid.
 */
export function makeWindows(series: SeriesInput, options: MakeWindowsOptions): Windows {
  const where = 'makeWindows';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: 'options' must be an object with 'lookback'; received ${String(options)}`);
  const lookback = checkInt(where, 'lookback', options.lookback, 1);
  const horizon = checkInt(where, 'horizon', options.horizon ?? MAKE_WINDOWS_DEFAULTS.horizon, 1);
  const stride = checkInt(where, 'stride', options.stride ?? MAKE_WINDOWS_DEFAULTS.stride, 1);
  const s = readSeries(where, 'series', series, 1);
  const targetColumn = checkInt(where, 'targetColumn', options.targetColumn ?? MAKE_WINDOWS_DEFAULTS.targetColumn, 0);
  if (targetColumn >= s.features) {
    throw new RangeError(`${where}: 'targetColumn' must be < the number of features (${s.features}); received ${targetColumn}`);
  }
  if (s.length < lookback + horizon) {
    throw new RangeError(`${where}: 'series' must hold at least lookback + horizon = ${lookback + horizon} time steps; received ${s.length}`);
  }
  const F = s.features;
  const n = Math.floor((s.length - lookback - horizon) / stride) + 1;
  const inputs = new Float32Array(n * lookback * F);
  const targets = new Float32Array(n * horizon);
  const targetStart = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const start = i * stride;
    inputs.set(s.data.subarray(start * F, (start + lookback) * F), i * lookback * F);
    for (let h = 0; h < horizon; h++) targets[i * horizon + h] = s.data[(start + lookback + h) * F + targetColumn];
    targetStart[i] = start + lookback;
  }
  return {
    inputs: { data: inputs, shape: [n, lookback, F] },
    targets: { data: targets, shape: [n, horizon] },
    targetStart,
  };
}
