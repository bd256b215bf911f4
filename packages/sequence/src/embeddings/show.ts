/** Short printable form of a received value for error messages (internal to `@ml/sequence`). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.length > 8 ? `an array of length ${value.length}` : `[${value.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/** Loads `node:fs/promises`, or explains that the call needs Node.js. */
export async function nodeFs(where: string): Promise<typeof import('node:fs/promises')> {
  const name = 'node:fs/promises';
  try {
    return (await import(/* @vite-ignore */ name)) as typeof import('node:fs/promises');
  } catch (cause) {
    throw new Error(`${where} needs Node.js file-system access; in a browser pass the file's bytes or text instead`, { cause });
  }
}
