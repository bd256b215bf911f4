/** Internal: scikit-learn 1.2's `compute_class_weight` / `compute_sample_weight` for trees and forests. */
import type { Label } from '../base/matrix-input.js';

/** 'balanced', or a weight per class label (labels not listed weigh 1). */
export type ClassWeight = 'balanced' | ReadonlyMap<Label, number> | Readonly<Record<string, number>>;

/** The class-weight pairs of a `ClassWeight` map or object, for JSON and lookups. */
export function classWeightEntries(cw: Exclude<ClassWeight, 'balanced'>): [Label, number][] {
  return cw instanceof Map ? [...(cw as ReadonlyMap<Label, number>).entries()] : Object.entries(cw as Record<string, number>);
}

/**
 * Weight of each class, in `classes` order. 'balanced': n / (C · count(c)) over the rows `indices`
 * (all rows when null; sklearn's `balanced_subsample` passes the bootstrap draws, and a class absent
 * from them weighs 0).
 */
export function classWeightVector(where: string, cw: ClassWeight, classes: readonly Label[], y: Int32Array, indices: Int32Array | null = null): Float64Array {
  const C = classes.length;
  const out = new Float64Array(C).fill(1);
  if (cw === 'balanced') {
    const count = new Float64Array(C);
    const n = indices === null ? y.length : indices.length;
    for (let k = 0; k < n; k++) count[y[indices === null ? k : indices[k]]]++;
    let present = 0;
    for (let c = 0; c < C; c++) if (count[c] > 0) present++;
    for (let c = 0; c < C; c++) out[c] = count[c] > 0 ? n / (present * count[c]) : 0;
    return out;
  }
  const entries = classWeightEntries(cw);
  for (const [label, weight] of entries) {
    const c = classes.findIndex((k) => k === label || String(k) === String(label));
    if (c < 0) throw new RangeError(`${where}: 'classWeight' names the label ${JSON.stringify(label)}, which is not one of the classes ${JSON.stringify(classes)}`);
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`${where}: 'classWeight' for ${JSON.stringify(label)} must be a finite number >= 0; received ${String(weight)}`);
    out[c] = weight;
  }
  return out;
}
