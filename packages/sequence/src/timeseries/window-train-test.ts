/**
 * A leakage-free train/test preparation for forecasting: split by time, fit the scaler on the
 * training part only, scale both parts with it, and cut windows. Test windows have every target step
 * inside the test part; their inputs may look back into the training part (those are past values,
 * known at forecast time).
 */
import { makeWindows, MAKE_WINDOWS_DEFAULTS, type Windows } from './make-windows.js';
import { checkInt, readSeries, show, sliceRows, type SeriesInput } from './read-series.js';
import { resolveTestSize } from './train-test-split-by-time.js';
import { SeriesScaler } from './series-scaler.js';
import { SeriesStandardScaler } from './series-standard-scaler.js';
import { SeriesMinMaxScaler } from './series-min-max-scaler.js';

/** A scaler by name, an unfitted scaler instance, or none. */
export type ScalerChoice = 'standard' | 'minmax' | 'none' | SeriesScaler;

export interface WindowTrainTestOptions {
  /** Past steps each sample sees. */
  lookback: number;
  /** Future steps each sample predicts. @default 1 */
  horizon?: number;
  /** Steps between consecutive windows (train and test). @default 1 */
  stride?: number;
  /** Test steps at the end: a count, or a fraction in (0, 1). */
  testSize: number;
  /** Scaling fitted on the training part only. @default 'standard' */
  scaler?: ScalerChoice;
  /** The feature column the targets come from. @default 0 */
  targetColumn?: number;
}

export interface TrainTestWindows {
  train: Windows;
  test: Windows;
  /** The scaler fitted on the training part, or null with `scaler: 'none'`. */
  scaler: SeriesScaler | null;
  /** Index of the first test step (= training length). */
  testStart: number;
}

/** Builds a new unfitted scaler from a choice. Internal. */
export function makeScaler(where: string, choice: unknown): SeriesScaler | null {
  if (choice === 'standard') return new SeriesStandardScaler();
  if (choice === 'minmax') return new SeriesMinMaxScaler();
  if (choice === 'none') return null;
  if (choice instanceof SeriesScaler) return choice;
  throw new RangeError(`${where}: 'scaler' must be 'standard', 'minmax', 'none' or a SeriesScaler; received ${show(choice)}`);
}

/** Splits, scales (fit on train only) and windows `series`. */
export function windowTrainTest(series: SeriesInput, options: WindowTrainTestOptions): TrainTestWindows {
  const where = 'windowTrainTest';
  const s = readSeries(where, 'series', series, 2);
  const lookback = checkInt(where, 'lookback', options?.lookback, 1);
  const horizon = checkInt(where, 'horizon', options.horizon ?? MAKE_WINDOWS_DEFAULTS.horizon, 1);
  const nTest = resolveTestSize(where, options.testSize, s.length);
  const testStart = s.length - nTest;
  if (nTest < horizon) throw new RangeError(`${where}: 'testSize' must cover at least one horizon (${horizon} steps); received ${nTest} test steps`);
  if (testStart < lookback + horizon) {
    throw new RangeError(`${where}: the training part must hold at least lookback + horizon = ${lookback + horizon} steps; received ${testStart}`);
  }
  const scaler = makeScaler(where, options.scaler ?? 'standard');
  const trainRows = sliceRows(s, 0, testStart);
  scaler?.fit(trainRows);
  const all = sliceRows(s, 0, s.length);
  const scaled = scaler === null ? all : scaler.transform(all);
  const windowOptions = { lookback, horizon, stride: options.stride, targetColumn: options.targetColumn };
  const train = makeWindows(scaled.slice(0, testStart) as typeof scaled, windowOptions);
  const test = makeWindows(scaled.slice(testStart - lookback) as typeof scaled, windowOptions);
  for (let i = 0; i < test.targetStart.length; i++) test.targetStart[i] += testStart - lookback;
  return { train, test, scaler, testStart };
}
