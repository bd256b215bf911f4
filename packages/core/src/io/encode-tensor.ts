/** Converts one tensor to write into the little-endian bytes of its safetensors dtype, checking values. */
import { encodeHalf } from './encode-half.js';
import { littleEndian } from './little-endian.js';
import { SAFETENSORS_DTYPES, type SafetensorsDtype } from './safetensors-dtype.js';
import { SafetensorsError } from './safetensors-error.js';
import type { SafetensorsInput } from './safetensors-types.js';

const INT_RANGES: Partial<Record<SafetensorsDtype, [number, number, new (n: number) => Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array]>> = {
  U8: [0, 255, Uint8Array],
  I8: [-128, 127, Int8Array],
  I16: [-32768, 32767, Int16Array],
  U16: [0, 65535, Uint16Array],
  I32: [-2147483648, 2147483647, Int32Array],
  U32: [0, 4294967295, Uint32Array],
};

function inferDtype(name: string, data: unknown): SafetensorsDtype {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Float64Array) return 'F64';
  if (data instanceof Int32Array) return 'I32';
  if (data instanceof Uint8Array) return 'U8';
  if (data instanceof Int8Array) return 'I8';
  if (data instanceof Int16Array) return 'I16';
  if (data instanceof Uint16Array) return 'U16';
  if (data instanceof Uint32Array) return 'U32';
  if (Array.isArray(data) && data.length > 0 && data.every((v) => typeof v === 'boolean')) return 'BOOL';
  throw new SafetensorsError(`writeSafetensors: tensor '${name}' needs a 'dtype' when its data is not a typed array`);
}

function bad(name: string, dtype: string, i: number, value: unknown, expected: string): never {
  throw new SafetensorsError(`writeSafetensors: tensor '${name}' (${dtype}) needs ${expected}; received ${String(value)} at flat index ${i}`);
}

/** The tensor's dtype, shape and little-endian bytes. */
export function encodeTensor(name: string, input: SafetensorsInput): { dtype: SafetensorsDtype; shape: number[]; bytes: Uint8Array } {
  if (typeof input !== 'object' || input === null) {
    throw new SafetensorsError(`writeSafetensors: tensor '${name}' must be {dtype?, shape, data}; received ${input === null ? 'null' : typeof input}`);
  }
  const { shape, data } = input;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new SafetensorsError(`writeSafetensors: tensor '${name}': 'shape' must be an array of non-negative integers; received ${JSON.stringify(shape)}`);
  }
  if (!(Array.isArray(data) || (ArrayBuffer.isView(data) && !(data instanceof DataView)))) {
    throw new SafetensorsError(`writeSafetensors: tensor '${name}': 'data' must be a typed array or an array; received ${Object.prototype.toString.call(data)}`);
  }
  const dtype = input.dtype ?? inferDtype(name, data);
  if (!Object.hasOwn(SAFETENSORS_DTYPES, dtype)) {
    throw new SafetensorsError(`writeSafetensors: tensor '${name}': 'dtype' must be one of ${Object.keys(SAFETENSORS_DTYPES).join(', ')}; received ${JSON.stringify(dtype)}`);
  }
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (data.length !== count) {
    throw new SafetensorsError(`writeSafetensors: tensor '${name}': shape [${shape.join(', ')}] needs ${count} values; 'data' has ${data.length}`);
  }
  const values = data as ArrayLike<number | boolean>;
  const out = { dtype, shape: shape.slice() };
  if (dtype === 'BOOL') {
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (v === true || v === 1) bytes[i] = 1;
      else if (v !== false && v !== 0) bad(name, dtype, i, v, 'booleans or 0/1');
    }
    return { ...out, bytes };
  }
  for (let i = 0; i < count; i++) if (typeof values[i] !== 'number') bad(name, dtype, i, values[i], 'numbers');
  const numbers = values as ArrayLike<number>;
  if (dtype === 'F32') return { ...out, bytes: littleEndian.encode(numbers instanceof Float32Array ? numbers : Float32Array.from(numbers)) };
  if (dtype === 'F64') return { ...out, bytes: littleEndian.encode(numbers instanceof Float64Array ? numbers : Float64Array.from(numbers)) };
  if (dtype === 'F16' || dtype === 'BF16') return { ...out, bytes: littleEndian.encode(encodeHalf(numbers, dtype)) };
  if (dtype === 'I64') {
    const words = new Int32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const v = numbers[i];
      if (!Number.isSafeInteger(v)) bad(name, dtype, i, v, 'integers in [-(2^53 - 1), 2^53 - 1]');
      words[2 * i] = v | 0; // low 32 bits, two's complement
      words[2 * i + 1] = Math.floor(v / 4294967296);
    }
    return { ...out, bytes: littleEndian.encode(words) };
  }
  const [min, max, Ctor] = INT_RANGES[dtype] as NonNullable<(typeof INT_RANGES)[SafetensorsDtype]>;
  if (numbers instanceof Ctor) return { ...out, bytes: littleEndian.encode(numbers) };
  const typed = new Ctor(count);
  for (let i = 0; i < count; i++) {
    const v = numbers[i];
    if (!Number.isInteger(v) || v < min || v > max) bad(name, dtype, i, v, `integers in [${min}, ${max}]`);
    typed[i] = v;
  }
  return { ...out, bytes: littleEndian.encode(typed) };
}
