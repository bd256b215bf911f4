/** Internal: scikit-learn's `compute_class_weight` for the SVMs. */
import type { Label } from '../base/matrix-input.js';

/** null (all 1), 'balanced' (n / (k · count of the class)), or a weight per label (labels absent: 1). */
export type ClassWeight = null | 'balanced' | Readonly<Record<string, number>>;

/** One weight per class, in `classes` order. */
export function classWeights(where: string, cw: ClassWeight, classes: readonly Label[], y: Int32Array): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (cw === null) return out;
  if (cw === 'balanced') {
    const count = new Float64Array(k);
    for (let i = 0; i < y.length; i++) count[y[i]]++;
    for (let c = 0; c < k; c++) out[c] = y.length / (k * count[c]);
    return out;
  }
  if (typeof cw !== 'object') throw new RangeError(`${where}: 'classWeight' must be null, 'balanced' or {label: weight}; received ${JSON.stringify(cw)}`);
  const names = classes.map(String);
  for (const [key, w] of Object.entries(cw)) {
    const c = names.indexOf(key);
    if (c < 0) throw new RangeError(`${where}: 'classWeight' key ${JSON.stringify(key)} is not one of the classes ${JSON.stringify(classes)}`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RangeError(`${where}: 'classWeight[${JSON.stringify(key)}]' must be a finite number >= 0; received ${String(w)}`);
    out[c] = w;
  }
  return out;
}
