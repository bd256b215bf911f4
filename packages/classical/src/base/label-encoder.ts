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
  const small = smallIntegerClasses(y);
  if (small !== null) return small;
  const set = [...new Set(y)];
  if (typeof set[0] === 'number') return (set as number[]).sort((a, b) => a - b);
  return (set as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Index of each label in `classes`; throws naming the first label not among them. */
export function encodeLabels(where: string, y: readonly Label[], classes: readonly Label[]): Int32Array {
  const out = new Int32Array(y.length);
  if (encodeSmallIntegers(y, classes, out)) return out;
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i]);
    if (k === undefined) {
      throw new RangeError(`${where}: label ${JSON.stringify(y[i])} (y[${i}]) is not one of the classes ${JSON.stringify(classes)}`);
    }
    out[i] = k;
  }
  return out;
}

/** Labels below this bound that are non-negative integers take the table paths below. */
const SMALL = 4096;

/** A non-negative integer below {@link SMALL} (and not −0, which `Set`/`Map` treat as 0 but prints differently). */
function isSmall(v: Label): v is number {
  return typeof v === 'number' && v >= 0 && v < SMALL && Math.floor(v) === v && !Object.is(v, -0);
}

/**
 * The sorted distinct labels when every label is a small non-negative integer (the common case:
 * one pass over a table instead of a `Set` and a sort), else null.
 */
function smallIntegerClasses(y: readonly Label[]): number[] | null {
  if (y.length === 0 || typeof y[0] !== 'number') return null;
  const seen = new Uint8Array(SMALL);
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as Label;
    if (!isSmall(v)) return null;
    seen[v] = 1;
    if (v > max) max = v;
  }
  const out: number[] = [];
  for (let v = 0; v <= max; v++) if (seen[v] === 1) out.push(v);
  return out;
}

/**
 * `encodeLabels` through a lookup table when every class is a small non-negative integer; false
 * (nothing decided) when a class or a label is not, or a label is not a class — the `Map` path then
 * gives the same codes or the same error.
 */
function encodeSmallIntegers(y: readonly Label[], classes: readonly Label[], out: Int32Array): boolean {
  if (classes.length === 0) return false;
  let max = -1;
  for (const c of classes) {
    if (!isSmall(c)) return false;
    if (c > max) max = c;
  }
  const table = new Int32Array(max + 1).fill(-1);
  classes.forEach((c, i) => {
    table[c as number] = i;
  });
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as Label;
    if (!isSmall(v) || v > max) return false;
    const k = table[v] as number;
    if (k < 0) return false;
    out[i] = k;
  }
  return true;
}
