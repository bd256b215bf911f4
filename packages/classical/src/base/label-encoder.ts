/** Internal: maps labels of one kind (numbers or strings) to class indices 0 … C−1, sorted as numpy's `np.unique`. */
import type { Label } from './matrix-input.js';

/** Checks `y` (finite numbers or strings, one kind, length `n` when given). */
export function checkLabels(where: string, y: readonly Label[], n?: number): void {
  if (!Array.isArray(y)) throw new TypeError(`${where}: 'y' must be an array of labels; received ${typeof y}`);
  if (n !== undefined && y.length !== n) {
    throw new RangeError(`${where}: 'y' must have one label per row of 'X' (${n}); received ${y.length}`);
  }
  const kind = typeof y[0];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new TypeError(`${where}: 'y[${i}]' must be a number or a string; received ${v === null ? 'null' : typeof v}`);
    }
    if (typeof v !== kind) throw new TypeError(`${where}: 'y' must hold labels of one kind; y[0] is a ${kind} but y[${i}] is a ${typeof v}`);
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`${where}: 'y[${i}]' must be finite; received ${v}`);
  }
}

/** The sorted distinct labels (numbers ascending, strings by code unit). */
export function uniqueLabels(y: readonly Label[]): Label[] {
  const set = [...new Set(y)];
  if (typeof set[0] === 'number') return (set as number[]).sort((a, b) => a - b);
  return (set as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Index of each label in `classes`; throws naming the first label not among them. */
export function encodeLabels(where: string, y: readonly Label[], classes: readonly Label[]): Int32Array {
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i]);
    if (k === undefined) {
      throw new RangeError(`${where}: label ${JSON.stringify(y[i])} (y[${i}]) is not one of the classes ${JSON.stringify(classes)}`);
    }
    out[i] = k;
  }
  return out;
}
