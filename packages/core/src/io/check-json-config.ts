/** Checks that a model config survives JSON exactly (no NaN, undefined, functions, class instances, cycles). */
import type { ModelConfig } from './model-files-types.js';

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object' && value !== null) return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  return typeof value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Throws a TypeError naming the first offending path, e.g. `'config.layers[2].eps'`. */
export function checkJsonConfig(where: string, config: unknown): asserts config is ModelConfig {
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (ok) return;
    if (typeof value === 'object' && (Array.isArray(value) || isPlainObject(value))) {
      if (ancestors.has(value)) throw new TypeError(`${where}: '${path}' refers back to itself; a config must be a tree`);
      ancestors.add(value);
      if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
      else for (const [k, v] of Object.entries(value)) visit(v, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
      ancestors.delete(value);
      return;
    }
    throw new TypeError(
      `${where}: '${path}' must be JSON (plain objects, arrays, strings, finite numbers, booleans, null); received ${describe(value)}`,
    );
  };
  if (typeof config !== 'object' || config === null || Array.isArray(config) || !isPlainObject(config)) {
    throw new TypeError(`${where}: 'config' must be a plain object; received ${config === null ? 'null' : Array.isArray(config) ? 'an array' : describe(config)}`);
  }
  visit(config, 'config');
}
