/** Gzip detection and decompression: `node:zlib` in Node.js, `DecompressionStream` in browsers. */

/** Whether `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `bytes` decompressed when they are gzip, else `bytes` as they are. */
export async function maybeGunzip(bytes: Uint8Array, where: string, name: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
    if (isNode) {
      const zlib = (await import('node:zlib')) as unknown as { gunzipSync(b: Uint8Array): Uint8Array };
      return new Uint8Array(zlib.gunzipSync(bytes));
    }
    const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (cause) {
    throw new RangeError(`${where}: '${name}' is a corrupt gzip stream (${(cause as Error).message})`, { cause });
  }
}

/** Reads a file as bytes (Node.js), naming it on failure. */
export async function readBytes(path: string, where: string): Promise<Uint8Array> {
  const fs = (await import('node:fs/promises')) as unknown as { readFile(p: string): Promise<Uint8Array> };
  try {
    const b = await fs.readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (cause) {
    throw new Error(`${where}: cannot read '${path}' (${(cause as Error).message})`, { cause });
  }
}
