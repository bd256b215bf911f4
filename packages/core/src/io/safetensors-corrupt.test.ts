import { describe, expect, it } from 'vitest';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';

/** A safetensors file with the given header text and data bytes (length prefix overridable). */
function craft(header: string | object | Uint8Array, data: number | Uint8Array, length?: number): Uint8Array {
  const text =
    header instanceof Uint8Array ? header : new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + text.length + body.length);
  new DataView(out.buffer).setUint32(0, length ?? text.length, true);
  out.set(text, 8);
  out.set(body, 8 + text.length);
  return out;
}

const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({ dtype: 'F32', shape, data_offsets: [begin, end] });

describe('readSafetensors on corrupt or truncated files', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['a file shorter than the length prefix', new Uint8Array(5), /the file is 5 bytes; a safetensors file starts with an 8-byte header length/],
    ['a header length beyond the file', craft({ a: f32(0, 4) }, 4, 5000), /header length 5000 exceeds the \d+ bytes after the length prefix/],
    ['a header that is not JSON', craft('{"a": [1, 2', 0), /the header is not valid JSON/],
    ['a header that is not an object', craft('[1,2]   ', 0), /the header must be a JSON object starting with '\{'; it starts with "\[1,2\]/],
    ['invalid UTF-8', craft(Uint8Array.of(0x7b, 0xff, 0x7d), 0), /the header is not valid UTF-8/],
    ['an unknown dtype', craft({ a: { dtype: 'F8_E4M3', shape: [4], data_offsets: [0, 4] } }, 4), /tensor 'a' has unsupported dtype "F8_E4M3"; supported: BOOL, U8/],
    ['a negative shape', craft({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4), /tensor 'a': 'shape' must be an array of non-negative integers; received \[-1\]/],
    ['reversed offsets', craft({ a: f32(8, 4, [1]) }, 8), /tensor 'a': 'data_offsets' must be \[begin, end\] with 0 <= begin <= end; received \[8,4\]/],
    ['offsets past the end (truncated data)', craft({ a: f32(0, 16) }, 12), /tensor 'a': data_offsets \[0, 16\] reach beyond the data section of 12 bytes/],
    ['overlapping tensors', craft({ a: f32(0, 8), b: f32(4, 12) }, 12), /tensor 'b' \[4, 12\) overlaps tensor 'a', which ends at 8/],
    ['a gap between tensors', craft({ a: f32(0, 4), b: f32(8, 12) }, 12), /data bytes \[4, 8\) belong to no tensor \(before tensor 'b'\)/],
    ['bytes left over', craft({ a: f32(0, 4) }, 8), /the data section is 8 bytes but the tensors cover only \[0, 4\)/],
    ['a shape that does not match its bytes', craft({ a: f32(0, 8, [3]) }, 8), /tensor 'a': shape \[3\] of F32 needs 12 bytes; data_offsets \[0, 8\] hold 8/],
    ['non-string metadata', craft({ __metadata__: { n: 1 } }, 0), /'__metadata__' values must be strings; key 'n' holds 1/],
    ['a bad BOOL byte', craft({ m: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, Uint8Array.of(1, 2)), /tensor 'm' \(BOOL\) holds byte 2 at flat index 1; a BOOL byte must be 0 or 1/],
    ['a tensor entry that is not an object', craft({ a: 3 }, 0), /tensor 'a' must be described by \{dtype, shape, data_offsets\}; received 3/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what}`, () => {
      let error: unknown;
      try {
        readSafetensors(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SafetensorsError);
      expect((error as Error).message).toMatch(/^readSafetensors: /);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('rejects a truncated copy of a valid file at every length', () => {
    const good = writeSafetensors({ w: { shape: [3], data: Float32Array.of(1, 2, 3) }, b: { dtype: 'BOOL', shape: [1], data: [true] } });
    expect(readSafetensors(good).tensors.size).toBe(2);
    for (let n = 0; n < good.length; n++) expect(() => readSafetensors(good.subarray(0, n))).toThrow(SafetensorsError);
  });

  it('rejects input that is not a Uint8Array', () => {
    expect(() => readSafetensors(new ArrayBuffer(8) as never)).toThrow("readSafetensors: 'bytes' must be a Uint8Array; received [object ArrayBuffer]");
  });
});

describe('writeSafetensors input checks', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['a shape/data mismatch', () => writeSafetensors({ w: { shape: [2, 2], data: new Float32Array(3) } }), /tensor 'w': shape \[2, 2\] needs 4 values; 'data' has 3/],
    ['a non-integer for an integer dtype', () => writeSafetensors({ w: { dtype: 'I32', shape: [2], data: [1, 1.5] } }), /tensor 'w' \(I32\) needs integers in \[-2147483648, 2147483647\]; received 1.5 at flat index 1/],
    ['an out-of-range U8', () => writeSafetensors({ w: { dtype: 'U8', shape: [1], data: [256] } }), /tensor 'w' \(U8\) needs integers in \[0, 255\]; received 256/],
    ['an I64 beyond 2^53', () => writeSafetensors({ w: { dtype: 'I64', shape: [1], data: [2 ** 60] } }), /tensor 'w' \(I64\) needs integers in \[-\(2\^53 - 1\), 2\^53 - 1\]/],
    ['a BOOL that is not 0/1', () => writeSafetensors({ w: { dtype: 'BOOL', shape: [1], data: [2] } }), /tensor 'w' \(BOOL\) needs booleans or 0\/1; received 2/],
    ['a number[] without dtype', () => writeSafetensors({ w: { shape: [1], data: [2] } }), /tensor 'w' needs a 'dtype' when its data is not a typed array/],
    ['an unknown dtype', () => writeSafetensors({ w: { dtype: 'F8' as never, shape: [1], data: [2] } }), /'dtype' must be one of BOOL, U8, .*; received "F8"/],
    ['the reserved name', () => writeSafetensors({ __metadata__: { shape: [1], data: new Float32Array(1) } }), /tensor names must be non-empty strings other than '__metadata__'/],
    ['non-string metadata', () => writeSafetensors({}, { n: 1 as never }), /'metadata' values must be strings; key 'n' holds number/],
    ['a fractional shape', () => writeSafetensors({ w: { shape: [1.5], data: new Float32Array(1) } }), /tensor 'w': 'shape' must be an array of non-negative integers; received \[1.5\]/],
  ];
  for (const [what, run, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(run).toThrow(SafetensorsError);
      expect(run).toThrow(message);
    });
  }

  it('writes an empty file as a valid header with no tensors', () => {
    const bytes = writeSafetensors({});
    expect(bytes.length).toBe(16);
    expect(new TextDecoder().decode(bytes.subarray(8))).toBe('{}      ');
    expect(readSafetensors(bytes).tensors.size).toBe(0);
  });
});
