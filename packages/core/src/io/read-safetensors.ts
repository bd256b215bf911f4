/**
 * Reader of the safetensors format (https://github.com/huggingface/safetensors, README "Format"):
 * an 8-byte little-endian header length, a JSON header, then the tensor bytes, little-endian,
 * row-major. Values are copied out of `bytes` (nothing aliases the input) and widened where
 * JavaScript has no matching typed array: F16/BF16 → Float32Array exactly, I64 → Int32Array when
 * every value fits (else an error naming the tensor).
 */
import { decodeHalf } from './decode-half.js';
import { littleEndian } from './little-endian.js';
import { parseSafetensorsHeader, type HeaderEntry } from './parse-safetensors-header.js';
import { SafetensorsError } from './safetensors-error.js';
import type { SafetensorsData, SafetensorsFile, SafetensorsTensor } from './safetensors-types.js';

/** Options of `readSafetensors`. */
export interface ReadSafetensorsOptions {
  /** Return F64 tensors as Float32Array (rounded to nearest), for tfjs, which has no float64. @default false */
  narrowFloat64?: boolean;
}

function int64ToInt32(e: HeaderEntry, raw: Uint8Array): Int32Array {
  const words = littleEndian.decode(raw, Int32Array); // [lo0, hi0, lo1, hi1, …]
  const out = new Int32Array(words.length / 2);
  for (let i = 0; i < out.length; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    if (hi !== lo >> 31) {
      const value = BigInt.asIntN(64, (BigInt(hi) << BigInt(32)) | BigInt(lo >>> 0));
      throw new SafetensorsError(
        `readSafetensors: tensor '${e.name}' (I64) holds ${value} at flat index ${i}, outside the int32 range ` +
          '[-2147483648, 2147483647] that it is read into',
      );
    }
    out[i] = lo;
  }
  return out;
}

function decodeEntry(e: HeaderEntry, raw: Uint8Array, narrowFloat64: boolean): SafetensorsData {
  switch (e.dtype) {
    case 'F32':
      return littleEndian.decode(raw, Float32Array);
    case 'F64': {
      const values = littleEndian.decode(raw, Float64Array);
      return narrowFloat64 ? Float32Array.from(values) : values;
    }
    case 'F16':
    case 'BF16':
      return decodeHalf(littleEndian.decode(raw, Uint16Array), e.dtype);
    case 'I64':
      return int64ToInt32(e, raw);
    case 'I32':
      return littleEndian.decode(raw, Int32Array);
    case 'U32':
      return littleEndian.decode(raw, Uint32Array);
    case 'I16':
      return littleEndian.decode(raw, Int16Array);
    case 'U16':
      return littleEndian.decode(raw, Uint16Array);
    case 'I8':
      return littleEndian.decode(raw, Int8Array);
    case 'U8':
      return raw.slice();
    case 'BOOL': {
      const out = raw.slice();
      for (let i = 0; i < out.length; i++) {
        if (out[i] > 1) {
          throw new SafetensorsError(`readSafetensors: tensor '${e.name}' (BOOL) holds byte ${out[i]} at flat index ${i}; a BOOL byte must be 0 or 1`);
        }
      }
      return out;
    }
  }
}

/**
 * Reads a safetensors file. Throws a `SafetensorsError` naming the problem for a truncated or
 * corrupt file: header length beyond the file, invalid UTF-8/JSON, byte ranges that overlap, leave
 * gaps or run past the end, a shape that does not match its byte range, an unsupported dtype.
 */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): SafetensorsFile {
  const narrowFloat64 = options.narrowFloat64 ?? false;
  if (typeof narrowFloat64 !== 'boolean') {
    throw new TypeError(`readSafetensors: 'narrowFloat64' must be a boolean; received ${String(narrowFloat64)}`);
  }
  const { entries, metadata } = parseSafetensorsHeader(bytes);
  const tensors = new Map<string, SafetensorsTensor>();
  for (const e of entries) {
    const data = decodeEntry(e, bytes.subarray(e.begin, e.end), narrowFloat64);
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data });
  }
  return { tensors, metadata };
}
