/** Short printable form of a received value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.length > 8 ? `an array of length ${value.length}` : `[${value.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/** A file-system path, quoted and never shortened: a user needs all of it to find the file. */
export function showPath(path: string): string {
  return JSON.stringify(path);
}
