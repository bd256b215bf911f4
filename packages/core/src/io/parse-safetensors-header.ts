/**
 * Reads and checks a safetensors header, as the reference implementation's `SafeTensors::read_metadata`
 * and `Metadata::validate` do (huggingface/safetensors, safetensors/src/tensor.rs): the 8-byte
 * little-endian length, a UTF-8 JSON object starting with '{', a `__metadata__` string map, and
 * tensor entries whose byte ranges tile the data section exactly (no gap, no overlap, nothing left
 * over) and match shape × element size.
 */
import { SAFETENSORS_DTYPES, type SafetensorsDtype } from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';

/** The reference implementation refuses headers above 100 MB. */
const MAX_HEADER_BYTES = 100_000_000;

export interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Byte range of the tensor inside `bytes` (absolute, begin inclusive, end exclusive). */
  begin: number;
  end: number;
}

export interface ParsedHeader {
  entries: HeaderEntry[];
  metadata: Record<string, string>;
}

function fail(message: string): never {
  throw new SafetensorsError(`readSafetensors: ${message}`);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function parseEntry(name: string, raw: unknown, dataBytes: number): Omit<HeaderEntry, 'begin' | 'end'> & { offsets: [number, number] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(`tensor '${name}' must be described by {dtype, shape, data_offsets}; received ${describe(raw)}`);
  }
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !Object.hasOwn(SAFETENSORS_DTYPES, dtype)) {
    fail(`tensor '${name}' has unsupported dtype ${describe(dtype)}; supported: ${Object.keys(SAFETENSORS_DTYPES).join(', ')}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`tensor '${name}': 'shape' must be an array of non-negative integers; received ${describe(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
    fail(`tensor '${name}': 'data_offsets' must be [begin, end] with 0 <= begin <= end; received ${describe(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataBytes) {
    fail(`tensor '${name}': data_offsets [${begin}, ${end}] reach beyond the data section of ${dataBytes} bytes (truncated file?)`);
  }
  const elementBytes = SAFETENSORS_DTYPES[dtype as SafetensorsDtype].bytes;
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count * elementBytes) || count * elementBytes !== end - begin) {
    fail(`tensor '${name}': shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${count * elementBytes} bytes; data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: (shape as number[]).slice(), offsets: [begin, end] };
}

/** Parses and checks the header of the safetensors file in `bytes`. */
export function parseSafetensorsHeader(bytes: Uint8Array): ParsedHeader {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`readSafetensors: 'bytes' must be a Uint8Array; received ${Object.prototype.toString.call(bytes)}`);
  }
  if (bytes.length < 8) fail(`the file is ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerBytes > bytes.length - 8) {
    fail(`header length ${headerBytes} exceeds the ${bytes.length - 8} bytes after the length prefix (truncated or not a safetensors file)`);
  }
  if (headerBytes > MAX_HEADER_BYTES) fail(`header length ${headerBytes} exceeds the limit of ${MAX_HEADER_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerBytes));
  } catch {
    fail('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(`the header must be a JSON object starting with '{'; it starts with ${describe(text.slice(0, 20))}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header must be a JSON object');

  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.length - dataStart;
  let metadata: Record<string, string> = {};
  const parsed: ReturnType<typeof parseEntry>[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`'__metadata__' must be an object of strings; received ${describe(raw)}`);
      for (const [key, value] of Object.entries(raw)) {
        if (typeof value !== 'string') fail(`'__metadata__' values must be strings; key '${key}' holds ${describe(value)}`);
      }
      metadata = Object.fromEntries(Object.entries(raw as Record<string, string>));
    } else {
      parsed.push(parseEntry(name, raw, dataBytes));
    }
  }

  // The byte ranges must tile [0, dataBytes) exactly.
  const byOffset = parsed.slice().sort((a, b) => a.offsets[0] - b.offsets[0] || a.offsets[1] - b.offsets[1]);
  let covered = 0;
  let previous: string | undefined;
  for (const e of byOffset) {
    const [begin, end] = e.offsets;
    if (begin > covered) fail(`data bytes [${covered}, ${begin}) belong to no tensor (before tensor '${e.name}')`);
    if (begin < covered) fail(`tensor '${e.name}' [${begin}, ${end}) overlaps tensor '${previous}', which ends at ${covered}`);
    covered = end;
    previous = e.name;
  }
  if (covered !== dataBytes) fail(`the data section is ${dataBytes} bytes but the tensors cover only [0, ${covered})`);
  // Returned in data order: the header's own order is lost to JSON.parse for integer-like names.
  const entries = byOffset.map(({ offsets, ...e }) => ({ ...e, begin: dataStart + offsets[0], end: dataStart + offsets[1] }));
  return { entries, metadata };
}
