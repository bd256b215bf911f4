/**
 * Input checks and output averaging shared by the regression metrics (scikit-learn 1.2's
 * `_check_reg_targets` and its `multioutput` handling).
 */
import { checkNotEmpty, checkSampleWeight, show } from './label-utils.js';

/** Targets of `n` samples: one number each, or one row of `k` outputs each. */
export type RegressionTargets = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** `'raw_values'`: one value per output; `'uniform_average'`: their mean; an array: their weighted mean. */
export type MultiOutput = 'raw_values' | 'uniform_average' | ArrayLike<number>;

export interface RegressionInputs {
  t: number[][];
  p: number[][];
  n: number;
  k: number;
  /** Sample weights, or `undefined` when none were given. */
  w: Float64Array | undefined;
}

function toRows(where: string, name: string, y: RegressionTargets): number[][] {
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new TypeError(`${where}: '${name}' must be an array of numbers or of rows; received ${show(y)}`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const row = typeof v === 'number' ? [v] : Array.from(v);
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new RangeError(`${where}: '${name}[${i}]${typeof v === 'number' ? '' : `[${j}]`}' must be a finite number; received ${show(x)}`);
      }
    });
    if (i > 0 && row.length !== rows[0].length) {
      throw new RangeError(`${where}: every row of '${name}' must have ${rows[0].length} outputs; received ${row.length} in row ${i}`);
    }
    rows.push(row);
  }
  return rows;
}

export function checkRegression(
  where: string, yTrue: RegressionTargets, yPred: RegressionTargets, sampleWeight: ArrayLike<number> | undefined,
  multioutput: MultiOutput | 'variance_weighted', allowed: readonly string[],
): RegressionInputs {
  const t = toRows(where, 'yTrue', yTrue);
  const p = toRows(where, 'yPred', yPred);
  if (t.length !== p.length) throw new RangeError(`${where}: 'yPred' must have the same length as 'yTrue' (${t.length}); received length ${p.length}`);
  checkNotEmpty(where, 'yTrue', t.length);
  const k = t[0].length;
  if (p[0].length !== k) throw new RangeError(`${where}: 'yPred' must have ${k} outputs like 'yTrue'; received ${p[0].length}`);
  if (typeof multioutput === 'string') {
    if (!allowed.includes(multioutput)) {
      throw new RangeError(`${where}: 'multioutput' must be one of ${allowed.map((a) => `'${a}'`).join(', ')} or an array of weights; received ${show(multioutput)}`);
    }
  } else if (multioutput.length !== k) {
    throw new RangeError(`${where}: 'multioutput' must hold one weight per output (${k}); received length ${multioutput.length}`);
  }
  const w = sampleWeight === undefined ? undefined : checkSampleWeight(where, sampleWeight, t.length);
  return { t, p, n: t.length, k, w };
}

/** numpy's `average(values, weights)`. */
export function weightedMean(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < values.length; i++) {
    const wi = weights === undefined ? 1 : weights[i];
    s += values[i] * wi;
    ws += wi;
  }
  if (ws === 0) throw new RangeError(`'multioutput' weights must not sum to zero; received a total of 0`);
  return s / ws;
}

/** The per-output (sample-weighted) mean of `f(true, pred)`. */
export function perOutputMean(where: string, x: RegressionInputs, f: (a: number, b: number) => number): number[] {
  if (x.w !== undefined && x.w.every((v) => v === 0)) {
    throw new RangeError(`${where}: 'sampleWeight' must not sum to zero; received all zeros`);
  }
  const out: number[] = [];
  for (let j = 0; j < x.k; j++) out.push(weightedMean(x.t.map((row, i) => f(row[j], x.p[i][j])), x.w));
  return out;
}

/** Combines per-output values as `multioutput` says. */
export function combineOutputs(values: number[], multioutput: MultiOutput): number | number[] {
  if (multioutput === 'raw_values') return values;
  if (multioutput === 'uniform_average') return weightedMean(values);
  return weightedMean(values, multioutput);
}
