/** Argument checks shared by the layers; every error names the argument, expected and received value. */

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInt(value: unknown, name: string, where: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${where}: '${name}' must be an integer >= ${min}; received ${show(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in [lo, hi]. */
export function checkRange(value: unknown, name: string, where: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !(value >= lo && value <= hi)) {
    throw new Error(`${where}: '${name}' must be a number in [${lo}, ${hi}]; received ${show(value)}`);
  }
  return value;
}

/** A number or an `n`-tuple of integers ≥ `min`, expanded to an `n`-tuple. */
export function toTuple(value: unknown, n: number, name: string, where: string, min = 1): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : value;
  if (!Array.isArray(list) || list.length !== n || list.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < min)) {
    throw new Error(`${where}: '${name}' must be an integer >= ${min} or ${n} such integers; received ${show(value)}`);
  }
  return [...(list as number[])];
}

/** Throws unless `shape` has the given rank and (where not undefined) the given trailing size. */
export function checkInput(shape: readonly number[], rank: number | number[], where: string, layout: string, channels?: number): void {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  const last = shape[shape.length - 1];
  if (!ranks.includes(shape.length) || (channels !== undefined && last !== channels)) {
    throw new Error(`${where}: 'input' must have shape ${layout}${channels !== undefined ? ` with ${channels} channels last` : ''}; received [${shape.join(', ')}]`);
  }
}
