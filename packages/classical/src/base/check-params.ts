/** Internal: small parameter checks shared by the estimators. */

export function checkInt(where: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${String(v)}`);
}

export function checkNumber(where: string, name: string, v: number, min: number, inclusive = true): void {
  if (typeof v !== 'number' || Number.isNaN(v) || (inclusive ? v < min : v <= min)) {
    throw new RangeError(`${where}: '${name}' must be a number ${inclusive ? '>=' : '>'} ${min}; received ${String(v)}`);
  }
}

export function checkOneOf<T extends string>(where: string, name: string, v: T, allowed: readonly T[]): void {
  if (!allowed.includes(v)) {
    throw new RangeError(`${where}: '${name}' must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${JSON.stringify(v)}`);
  }
}

/** Checks a `toJSON` payload's `format` and `version` before `fromJSON` reads it. */
export function checkFormat(where: string, json: unknown, format: string, version: number): Record<string, unknown> {
  if (typeof json !== 'object' || json === null) throw new TypeError(`${where}: expected an object from toJSON(); received ${json === null ? 'null' : typeof json}`);
  const o = json as Record<string, unknown>;
  if (o.format !== format) throw new RangeError(`${where}: 'format' must be '${format}'; received ${JSON.stringify(o.format)}`);
  if (typeof o.version !== 'number' || o.version > version || o.version < 1) {
    throw new RangeError(`${where}: 'version' must be 1 … ${version}; received ${JSON.stringify(o.version)}`);
  }
  return o;
}
