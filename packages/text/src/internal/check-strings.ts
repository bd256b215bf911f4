import { show } from './show.js';

/** Throws unless `value` is a string. */
export function checkString(where: string, name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${where}: '${name}' must be a string; received ${show(value)}`);
  return value;
}

/**
 * Reads an iterable of strings (documents) into an array. A lone string is refused, as in
 * scikit-learn ("Iterable over raw text documents expected, string object received").
 */
export function checkStringList(where: string, name: string, value: unknown, allowEmpty = true): string[] {
  if (typeof value === 'string') {
    throw new TypeError(`${where}: '${name}' must be an iterable of strings (documents), not a single string; received ${show(value)}`);
  }
  if (value === null || value === undefined || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${where}: '${name}' must be an iterable of strings; received ${show(value)}`);
  }
  const out: string[] = [];
  let i = 0;
  for (const item of value as Iterable<unknown>) {
    if (typeof item !== 'string') throw new TypeError(`${where}: '${name}[${i}]' must be a string; received ${show(item)}`);
    out.push(item);
    i++;
  }
  if (!allowEmpty && out.length === 0) throw new RangeError(`${where}: '${name}' must hold at least one document; received an empty list`);
  return out;
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInt(where: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${where}: '${name}' must be an integer ${range}; received ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a boolean. */
export function checkBool(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: '${name}' must be a boolean; received ${show(value)}`);
  return value;
}

/** Throws unless `value` is one of `choices`. */
export function checkChoice<T extends string | null>(where: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new RangeError(`${where}: '${name}' must be one of ${choices.map((c) => show(c)).join(', ')}; received ${show(value)}`);
  }
  return value as T;
}

/** Throws unless `value` is `[min, max]` of integers with 1 <= min <= max. */
export function checkNgramRange(where: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => Number.isInteger(v) && v >= 1) || value[0] > value[1]) {
    throw new RangeError(`${where}: 'ngramRange' must be [min, max] with integers 1 <= min <= max; received ${show(value)}`);
  }
  return [value[0] as number, value[1] as number];
}
