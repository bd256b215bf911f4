/** `readImage` / `writePng`: image files on disk (Node.js only; in a browser decode the fetched bytes with `decodeImage`). */
import { decodeImage, type DecodeImageOptions } from './decode-image.js';
import { encodePng } from './encode-png.js';
import { ImageDecodeError, type RawImage } from './raw-image.js';

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

async function nodeFs(where: string): Promise<NodeFs> {
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (!isNode) throw new Error(`${where}: reading files needs Node.js; in a browser fetch the bytes and call decodeImage`);
  return (await import('node:fs/promises')) as unknown as NodeFs;
}

/**
 * Reads and decodes a PNG or JPEG file.
 * @throws {ImageDecodeError} when the file cannot be read or is not a valid PNG/JPEG; the message names it.
 */
export async function readImage(path: string, options: Omit<DecodeImageOptions, 'name'> = {}): Promise<RawImage> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`readImage: 'path' must be a non-empty string; received ${JSON.stringify(path)}`);
  const fs = await nodeFs('readImage');
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (cause) {
    throw new ImageDecodeError(`readImage: cannot read '${path}' (${(cause as Error).message})`, path, { cause });
  }
  return decodeImage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...options, name: path });
}

/** Encodes `image` as PNG and writes it to `path`. */
export async function writePng(path: string, image: RawImage): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`writePng: 'path' must be a non-empty string; received ${JSON.stringify(path)}`);
  const bytes = encodePng(image);
  const fs = await nodeFs('writePng');
  await fs.writeFile(path, bytes);
}
