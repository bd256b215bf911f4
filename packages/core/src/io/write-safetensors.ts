/**
 * Writer of the safetensors format (https://github.com/huggingface/safetensors, README "Format"),
 * laid out as the reference Rust writer does (`safetensors::tensor::prepare`/`serialize`): tensors
 * sorted by dtype, largest alignment first, then by name; a compact JSON header with `__metadata__`
 * first and the tensors in data order, padded with spaces so the data starts at a multiple of 8.
 * Every tensor is then aligned to its element size. The output loads in Python with
 * `safetensors.torch.load_file` / `load`.
 */
import { encodeTensor } from './encode-tensor.js';
import { SAFETENSORS_DTYPES } from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';
import type { SafetensorsInputs } from './safetensors-types.js';

/** Compares strings by their UTF-8 bytes (Rust's `String` order), not by UTF-16 code units. */
function compareUtf8(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Serialises tensors (and an optional `__metadata__` string map) to safetensors bytes.
 * Throws a `SafetensorsError` naming the tensor when a shape, dtype or value cannot be written.
 */
export function writeSafetensors(tensors: SafetensorsInputs, metadata?: Record<string, string>): Uint8Array {
  const list = tensors instanceof Map ? [...tensors.entries()] : typeof tensors === 'object' && tensors !== null ? Object.entries(tensors) : undefined;
  if (list === undefined) {
    throw new SafetensorsError(`writeSafetensors: 'tensors' must be a Map or a record of tensors; received ${tensors === null ? 'null' : typeof tensors}`);
  }
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new SafetensorsError(`writeSafetensors: 'metadata' must be a record of strings; received ${metadata === null ? 'null' : typeof metadata}`);
    }
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new SafetensorsError(`writeSafetensors: 'metadata' values must be strings; key '${key}' holds ${typeof value}`);
      }
    }
  }
  const utf8 = new TextEncoder();
  const encoded = list.map(([name, input]) => {
    if (typeof name !== 'string' || name === '' || name === '__metadata__') {
      throw new SafetensorsError(`writeSafetensors: tensor names must be non-empty strings other than '__metadata__'; received ${JSON.stringify(name)}`);
    }
    return { name, key: utf8.encode(name), ...encodeTensor(name, input) };
  });
  encoded.sort((a, b) => SAFETENSORS_DTYPES[b.dtype].rank - SAFETENSORS_DTYPES[a.dtype].rank || compareUtf8(a.key, b.key));

  // Built by hand: JSON.stringify of an object would move integer-like names first.
  const parts: string[] = [];
  if (metadata !== undefined) parts.push(`"__metadata__":${JSON.stringify(Object.fromEntries(Object.entries(metadata)))}`);
  let offset = 0;
  for (const e of encoded) {
    const info = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + e.bytes.length] };
    parts.push(`${JSON.stringify(e.name)}:${JSON.stringify(info)}`);
    offset += e.bytes.length;
  }
  const headerText = utf8.encode(`{${parts.join(',')}}`);
  const headerBytes = headerText.length + ((8 - (headerText.length % 8)) % 8);
  const out = new Uint8Array(8 + headerBytes + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes % 4294967296, true);
  view.setUint32(4, Math.floor(headerBytes / 4294967296), true);
  out.set(headerText, 8);
  out.fill(0x20, 8 + headerText.length, 8 + headerBytes);
  let at = 8 + headerBytes;
  for (const e of encoded) {
    out.set(e.bytes, at);
    at += e.bytes.length;
  }
  return out;
}
