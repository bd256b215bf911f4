/**
 * Input checks shared by the classification metrics: label arrays, sample weights and the sorted set
 * of labels (scikit-learn's `unique_labels` / `type_of_target` rules, restricted to binary and
 * multiclass targets). Each check throws an error that names the function, the argument, what was
 * expected and what was received.
 */

/** A class label: an integer or a string (as in scikit-learn, labels of one call are all one kind). */
export type Label = number | string;

/** Labels of `n` samples: a plain array of integers or strings, or a typed array of integers. */
export type LabelArray = ArrayLike<number> | readonly string[];

/** Shows a value in an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

/**
 * Checks one label array and returns it as a plain array. Numeric labels must be integers (a float
 * label would be a regression target: scikit-learn's "continuous"); a mix of strings and numbers is
 * refused.
 */
export function checkLabels(where: string, name: string, labels: LabelArray | readonly Label[]): Label[] {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new TypeError(`${where}: '${name}' must be an array of labels; received ${show(labels)}`);
  }
  const out: Label[] = new Array<Label>(labels.length);
  let kind: 'number' | 'string' | undefined;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    const k = typeof v;
    if (k === 'number') {
      if (!Number.isInteger(v)) {
        throw new RangeError(`${where}: '${name}[${i}]' must be an integer or string class label; received ${show(v)}`);
      }
    } else if (k !== 'string') {
      throw new TypeError(`${where}: '${name}[${i}]' must be an integer or string class label; received ${show(v)}`);
    }
    if (kind === undefined) kind = k as 'number' | 'string';
    else if (kind !== k) {
      throw new TypeError(`${where}: '${name}' mixes string and number labels; received ${show(v)} at index ${i} after ${kind} labels`);
    }
    out[i] = v as Label;
  }
  return out;
}

/** Throws unless the named arrays all have the same length. */
export function checkSameLength(where: string, named: Record<string, { length: number } | undefined>): number {
  let first: [string, number] | undefined;
  for (const [name, arr] of Object.entries(named)) {
    if (arr === undefined) continue;
    if (first === undefined) first = [name, arr.length];
    else if (arr.length !== first[1]) {
      throw new RangeError(
        `${where}: '${name}' must have the same length as '${first[0]}' (${first[1]}); received length ${arr.length}`,
      );
    }
  }
  return first?.[1] ?? 0;
}

/** Throws when there are no samples. */
export function checkNotEmpty(where: string, name: string, n: number): void {
  if (n === 0) throw new RangeError(`${where}: '${name}' must hold at least one sample; received an empty array`);
}

/** Checks sample weights (finite, non-negative) and returns them, or ones when absent. */
export function checkSampleWeight(where: string, weights: ArrayLike<number> | undefined, n: number): Float64Array {
  const out = new Float64Array(n);
  if (weights === undefined) return out.fill(1);
  if (weights.length !== n) {
    throw new RangeError(`${where}: 'sampleWeight' must have one weight per sample (${n}); received length ${weights.length}`);
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`${where}: 'sampleWeight[${i}]' must be a finite number >= 0; received ${show(w)}`);
    }
    out[i] = w;
  }
  return out;
}

/** Orders labels as numpy sorts them: numbers numerically, strings by code unit. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** The sorted distinct labels of all the arrays (scikit-learn's `unique_labels`). */
export function uniqueLabels(where: string, ...arrays: Label[][]): Label[] {
  const set = new Set<Label>();
  let kind: string | undefined;
  for (const arr of arrays) {
    for (const v of arr) {
      if (kind === undefined) kind = typeof v;
      else if (typeof v !== kind) {
        throw new TypeError(`${where}: labels mix strings and numbers; received ${show(v)} among ${kind} labels`);
      }
      set.add(v);
    }
  }
  return [...set].sort(compareLabels);
}

/** A map from label to its position in `labels`; throws on duplicates. */
export function labelIndex(where: string, labels: readonly Label[]): Map<Label, number> {
  const map = new Map<Label, number>();
  labels.forEach((l, i) => {
    if (map.has(l)) throw new RangeError(`${where}: 'labels' must be distinct; received ${show(l)} twice`);
    map.set(l, i);
  });
  return map;
}

/** Checks scores are finite numbers and returns them as a plain array. */
export function checkScores(where: string, name: string, scores: ArrayLike<number>): number[] {
  const out = new Array<number>(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new RangeError(`${where}: '${name}[${i}]' must be a finite number; received ${show(s)}`);
    }
    out[i] = s;
  }
  return out;
}

/** Receives the messages of ill-defined values (scikit-learn's `UndefinedMetricWarning`). */
export type WarningHandler = (message: string) => void;
