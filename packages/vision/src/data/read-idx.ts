/**
 * IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): a magic number `00 00 TT RR`
 * (TT the element type, RR the rank), RR big-endian uint32 dimensions, then the values big-endian.
 * `parseIdx` reads bytes; `readIdx` reads a path or bytes and gunzips `.gz` files first.
 */
import { maybeGunzip, readBytes } from './gunzip.js';

/** A decoded IDX array. */
export interface IdxArray {
  /** Row-major values: Uint8Array for ubyte, Int8Array, Int16Array, Int32Array, Float32Array, Float64Array. */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
  shape: number[];
  /** The IDX element type. */
  type: 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';
}

const TYPES: Record<number, { type: IdxArray['type']; size: number }> = {
  0x08: { type: 'ubyte', size: 1 },
  0x09: { type: 'byte', size: 1 },
  0x0b: { type: 'short', size: 2 },
  0x0c: { type: 'int', size: 4 },
  0x0d: { type: 'float', size: 4 },
  0x0e: { type: 'double', size: 8 },
};

/**
 * Decodes IDX bytes (not compressed; see `readIdx` for gzip).
 * @throws {RangeError} naming `name` for a bad magic number, an unknown type or a size mismatch.
 */
export function parseIdx(bytes: Uint8Array, name = '<bytes>'): IdxArray {
  const where = 'parseIdx';
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: 'bytes' must be a Uint8Array; received ${typeof bytes}`);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new RangeError(`${where}: '${name}' is not an IDX file (magic number must start with 00 00; received ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ')})`);
  }
  const t = TYPES[bytes[2]];
  if (t === undefined) throw new RangeError(`${where}: '${name}' has unknown IDX element type 0x${bytes[2].toString(16)}; expected 08, 09, 0b, 0c, 0d or 0e`);
  const rank = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new RangeError(`${where}: '${name}' is truncated inside its header (${bytes.length} bytes, header needs ${header})`);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = header + count * t.size;
  if (bytes.length !== expected) throw new RangeError(`${where}: '${name}' holds ${bytes.length - header} data bytes; its shape [${shape.join(', ')}] of ${t.type} needs ${count * t.size}`);
  let data: IdxArray['data'];
  switch (t.type) {
    case 'ubyte':
      data = bytes.slice(header, expected);
      break;
    case 'byte':
      data = new Int8Array(bytes.slice(header, expected).buffer);
      break;
    case 'short':
      data = Int16Array.from({ length: count }, (_, i) => view.getInt16(header + 2 * i, false));
      break;
    case 'int':
      data = Int32Array.from({ length: count }, (_, i) => view.getInt32(header + 4 * i, false));
      break;
    case 'float':
      data = Float32Array.from({ length: count }, (_, i) => view.getFloat32(header + 4 * i, false));
      break;
    default:
      data = Float64Array.from({ length: count }, (_, i) => view.getFloat64(header + 8 * i, false));
  }
  return { data, shape, type: t.type };
}

/** Reads an IDX file (a path in Node.js, or bytes), gunzipping it when it is gzip. */
export async function readIdx(source: string | Uint8Array): Promise<IdxArray> {
  const name = typeof source === 'string' ? source : '<bytes>';
  const raw = typeof source === 'string' ? await readBytes(source, 'readIdx') : source;
  return parseIdx(await maybeGunzip(raw, 'readIdx', name), name);
}
