/** Internal: sample and class weights for the linear models (sklearn `_check_sample_weight`, `compute_class_weight`). */
import type { Label } from '../base/matrix-input.js';

/**
 * Weights per class: `'balanced'` (n / (C · count_c)), an object keyed by label (as `String(label)`;
 * missing classes weigh 1), or null (all 1).
 */
export type ClassWeight = 'balanced' | Readonly<Record<string, number>> | null;

/** Checks `sampleWeight` (n finite non-negative numbers) or returns ones. */
export function readSampleWeight(where: string, sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array {
  if (sampleWeight === undefined) return new Float64Array(n).fill(1);
  if (sampleWeight === null || typeof sampleWeight !== 'object' || typeof sampleWeight.length !== 'number') {
    throw new TypeError(`${where}: 'sampleWeight' must be an array of numbers; received ${sampleWeight === null ? 'null' : typeof sampleWeight}`);
  }
  if (sampleWeight.length !== n) throw new RangeError(`${where}: 'sampleWeight' must have one weight per row of 'X' (${n}); received ${sampleWeight.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = sampleWeight[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${where}: 'sampleWeight[${i}]' must be a finite number >= 0; received ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/** The weight of each class index for `classWeight` (sklearn `compute_class_weight`); `y` holds class indices. */
export function classWeights(where: string, classWeight: ClassWeight, classes: readonly Label[], y: Int32Array): Float64Array {
  const C = classes.length;
  const out = new Float64Array(C).fill(1);
  if (classWeight === null || classWeight === undefined) return out;
  if (classWeight === 'balanced') {
    const count = new Float64Array(C);
    for (let i = 0; i < y.length; i++) count[y[i]]++;
    for (let c = 0; c < C; c++) out[c] = y.length / (C * count[c]);
    return out;
  }
  if (typeof classWeight !== 'object') throw new TypeError(`${where}: 'classWeight' must be 'balanced', an object keyed by label, or null; received ${JSON.stringify(classWeight)}`);
  const known = new Map(classes.map((c, i) => [String(c), i]));
  for (const [key, v] of Object.entries(classWeight)) {
    const c = known.get(key);
    if (c === undefined) throw new RangeError(`${where}: 'classWeight' key ${JSON.stringify(key)} is not one of the classes ${JSON.stringify(classes)}`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`${where}: 'classWeight[${JSON.stringify(key)}]' must be a finite number >= 0; received ${String(v)}`);
    out[c] = v;
  }
  return out;
}
