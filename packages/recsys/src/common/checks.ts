/** Argument checks shared by the recsys code: each throws an error naming the argument, the expected and the received value. */

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return String(value);
}

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInt(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number ≥ `min` (or > `min` when `strict`). */
export function checkNumber(where: string, name: string, value: unknown, min = -Infinity, strict = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (strict ? value <= min : value < min)) {
    const bound = min === -Infinity ? 'a finite number' : `a finite number ${strict ? '>' : '>='} ${min}`;
    throw new RangeError(`${where}: '${name}' must be ${bound}; received ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: '${name}' must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${show(value)}`);
  }
  return value as T;
}

/** Throws unless `value` is a boolean. */
export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: '${name}' must be a boolean; received ${show(value)}`);
  return value;
}

/** Throws unless `value` is a valid `Rng` seed (integer in [0, 2^32 − 1]). */
export function checkSeed(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${where}: 'seed' must be an integer in [0, 2^32 - 1]; received ${show(value)}`);
  }
  return value;
}

/** Rejects option keys that a function does not know (a typo must not silently fall back to a default). */
export function checkKnownKeys(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown option '${key}'; expected one of ${known.join(', ')}`);
  }
}
