/**
 * Class labels of the text classifiers: any strings, numbers or booleans (one kind per model),
 * sorted as scikit-learn's `np.unique` sorts them (numbers ascending, strings in code-point order,
 * false before true), so class `k` of `predictProba` is `classes[k]`.
 */

/** A class label. */
export type TextLabel = string | number | boolean;

function kindOf(label: unknown): 'string' | 'number' | 'boolean' | null {
  if (typeof label === 'string') return 'string';
  if (typeof label === 'number') return Number.isFinite(label) ? 'number' : null;
  if (typeof label === 'boolean') return 'boolean';
  return null;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The sorted distinct labels; throws on mixed kinds, non-finite numbers or fewer than two classes. */
export function uniqueLabels<L extends TextLabel>(where: string, labels: readonly L[]): L[] {
  if (!Array.isArray(labels)) throw new TypeError(`${where}: 'labels' must be an array of strings, numbers or booleans; received ${typeof labels}`);
  let kind: string | null = null;
  labels.forEach((l, i) => {
    const k = kindOf(l);
    if (k === null) throw new TypeError(`${where}: 'labels[${i}]' must be a string, a finite number or a boolean; received ${String(l)}`);
    if (kind !== null && k !== kind) throw new TypeError(`${where}: 'labels' mixes ${kind}s and ${k}s (labels[${i}] = ${JSON.stringify(l)}); use one kind`);
    kind = k;
  });
  const classes = [...new Set(labels)];
  classes.sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return compareCodePoints(String(a), String(b));
  });
  if (classes.length < 2) throw new RangeError(`${where}: 'labels' must hold at least 2 classes; received ${classes.length} (${JSON.stringify(classes)})`);
  return classes;
}

/** The class index of every label (labels must come from `classes`). */
export function encodeLabels<L extends TextLabel>(where: string, labels: readonly L[], classes: readonly L[]): Int32Array {
  const index = new Map<TextLabel, number>(classes.map((c, i) => [c, i]));
  return Int32Array.from(labels, (l, i) => {
    const k = index.get(l);
    if (k === undefined) throw new RangeError(`${where}: 'labels[${i}]' ${JSON.stringify(l)} is not a known class (${JSON.stringify(classes)})`);
    return k;
  });
}
