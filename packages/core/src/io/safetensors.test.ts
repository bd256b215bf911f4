import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';
import type { SafetensorsInput } from './safetensors-types.js';
import { Rng } from '../random/rng.js';
import expected from './__fixtures__/all-dtypes.json' with { type: 'json' };

interface ExpectedTensor {
  dtype: string;
  shape: number[];
  bits32?: string[];
  bits64?: string[];
  values?: number[];
}
const ref = expected as unknown as { bytes: number; metadata: Record<string, string>; tensors: Record<string, ExpectedTensor> };
const fixture = new Uint8Array(readFileSync(new URL('./__fixtures__/all-dtypes.safetensors', import.meta.url)));

const bits32 = (a: Float32Array): string[] => Array.from(new Uint32Array(a.slice().buffer), (v) => v.toString(16).padStart(8, '0'));
const bits64 = (a: Float64Array): string[] => {
  const words = new Uint32Array(a.slice().buffer);
  return Array.from(a, (_, i) => words[2 * i + 1].toString(16).padStart(8, '0') + words[2 * i].toString(16).padStart(8, '0'));
};

describe('readSafetensors on a file written per the spec by Python/PyTorch', () => {
  it('reads every dtype, shape and bit pattern exactly', () => {
    expect(fixture.length).toBe(ref.bytes);
    const { tensors, metadata } = readSafetensors(fixture);
    expect(metadata).toEqual(ref.metadata);
    expect([...tensors.keys()].sort()).toEqual(Object.keys(ref.tensors).sort());
    for (const [name, want] of Object.entries(ref.tensors)) {
      const got = tensors.get(name);
      expect(got, name).toBeDefined();
      if (got === undefined) continue;
      expect(got.dtype, name).toBe(want.dtype);
      expect(got.shape, name).toEqual(want.shape);
      if (want.bits64 !== undefined) {
        expect(got.data, name).toBeInstanceOf(Float64Array);
        expect(bits64(got.data as Float64Array), name).toEqual(want.bits64);
      } else if (want.bits32 !== undefined) {
        expect(got.data, name).toBeInstanceOf(Float32Array);
        expect(bits32(got.data as Float32Array), name).toEqual(want.bits32);
      } else {
        expect(Array.from(got.data), name).toEqual(want.values);
      }
    }
    expect(tensors.get('ids.i64')?.data).toBeInstanceOf(Int32Array);
    expect(tensors.get('mask')?.data).toBeInstanceOf(Uint8Array);
    expect(tensors.get('ids.i8')?.data).toBeInstanceOf(Int8Array);
  });

  it('narrows F64 to float32 on request', () => {
    const f64 = readSafetensors(fixture, { narrowFloat64: true }).tensors.get('model.f64');
    expect(f64?.data).toBeInstanceOf(Float32Array);
    expect(f64?.data[2]).toBe(1.5);
    expect(f64?.data[4]).toBe(0); // 5e-324 underflows
    expect(f64?.data[5]).toBe(Infinity); // 1e300 overflows
  });

  it('writes the same bytes as the reference layout', () => {
    const { tensors, metadata } = readSafetensors(fixture);
    const written = writeSafetensors(tensors, metadata);
    expect(written.length).toBe(fixture.length);
    expect(Buffer.from(written).equals(Buffer.from(fixture))).toBe(true);
  });

  it('reads from a Uint8Array that is a view at an odd offset', () => {
    const padded = new Uint8Array(fixture.length + 3);
    padded.set(fixture, 3);
    const { tensors } = readSafetensors(padded.subarray(3));
    expect(bits32(tensors.get('odd.f32')?.data as Float32Array)).toEqual(ref.tensors['odd.f32'].bits32);
  });
});

describe('writeSafetensors → readSafetensors', () => {
  it('round-trips every writable dtype', () => {
    const rng = new Rng(3);
    const f32 = rng.fillNormal(new Float32Array(24));
    const f64 = rng.fillNormal(new Float64Array(6));
    const ints = Int32Array.from({ length: 10 }, () => rng.int(4000) - 2000);
    const inputs: Record<string, SafetensorsInput> = {
      'a.f32': { shape: [2, 3, 4], data: f32 },
      'a.f64': { shape: [6], data: f64 },
      'a.f16': { dtype: 'F16', shape: [24], data: f32 },
      'a.bf16': { dtype: 'BF16', shape: [4, 6], data: f32 },
      'a.i32': { shape: [10], data: ints },
      'a.i64': { dtype: 'I64', shape: [5], data: [-2147483648, -1, 0, 7, 2147483647] },
      'a.i16': { dtype: 'I16', shape: [10], data: ints },
      'a.i8': { dtype: 'I8', shape: [3], data: [-128, 0, 127] },
      'a.u8': { shape: [3], data: Uint8Array.of(0, 128, 255) },
      'a.u16': { dtype: 'U16', shape: [2], data: [0, 65535] },
      'a.u32': { dtype: 'U32', shape: [2], data: [0, 4294967295] },
      'a.bool': { shape: [3], data: [true, false, true] },
      'a.bool01': { dtype: 'BOOL', shape: [1, 2], data: Uint8Array.of(0, 1) },
      '10': { shape: [], data: Float32Array.of(2.5) },
      'ü名': { shape: [0], data: new Float32Array(0) },
    };
    const bytes = writeSafetensors(inputs, { purpose: 'test', 'a b': '' });
    const view = new DataView(bytes.buffer);
    const headerLength = view.getUint32(0, true);
    expect(headerLength % 8).toBe(0);
    expect(view.getUint32(4, true)).toBe(0);
    const { tensors, metadata } = readSafetensors(bytes);
    expect(metadata).toEqual({ purpose: 'test', 'a b': '' });
    expect(tensors.get('a.f32')?.data).toEqual(f32);
    expect(tensors.get('a.f64')?.data).toEqual(f64);
    const f16 = tensors.get('a.f16')?.data as Float32Array;
    const bf16 = tensors.get('a.bf16')?.data as Float32Array;
    for (let i = 0; i < 24; i++) {
      expect(Math.abs(f16[i] - f32[i])).toBeLessThanOrEqual(Math.abs(f32[i]) * 2 ** -11 + 2 ** -25);
      expect(Math.abs(bf16[i] - f32[i])).toBeLessThanOrEqual(Math.abs(f32[i]) * 2 ** -8);
    }
    // Reading then writing a half tensor gives the same bits back.
    const again = readSafetensors(writeSafetensors({ h: tensors.get('a.f16') as SafetensorsInput })).tensors.get('h');
    expect(again?.data).toEqual(f16);
    expect(tensors.get('a.i32')?.data).toEqual(ints);
    expect(Array.from(tensors.get('a.i64')?.data ?? [])).toEqual([-2147483648, -1, 0, 7, 2147483647]);
    expect(Array.from(tensors.get('a.i16')?.data ?? [])).toEqual(Array.from(ints));
    expect(Array.from(tensors.get('a.i8')?.data ?? [])).toEqual([-128, 0, 127]);
    expect(Array.from(tensors.get('a.u8')?.data ?? [])).toEqual([0, 128, 255]);
    expect(Array.from(tensors.get('a.u16')?.data ?? [])).toEqual([0, 65535]);
    expect(Array.from(tensors.get('a.u32')?.data ?? [])).toEqual([0, 4294967295]);
    expect(tensors.get('a.bool')).toEqual({ dtype: 'BOOL', shape: [3], data: Uint8Array.of(1, 0, 1) });
    expect(tensors.get('a.bool01')?.shape).toEqual([1, 2]);
    expect(tensors.get('10')).toEqual({ dtype: 'F32', shape: [], data: Float32Array.of(2.5) });
    expect(tensors.get('ü名')?.shape).toEqual([0]);
    // Data order (the reader returns tensors in it): largest dtype first, then names by UTF-8 bytes.
    expect([...tensors.keys()]).toEqual([
      'a.i64', 'a.f64', '10', 'a.f32', 'ü名', 'a.u32', 'a.i32', 'a.bf16', 'a.f16', 'a.u16', 'a.i16', 'a.i8', 'a.u8', 'a.bool', 'a.bool01',
    ]);
  });

  it('writes an I64 tensor whose values need the high word', () => {
    const bytes = writeSafetensors({ big: { dtype: 'I64', shape: [2], data: [2 ** 40, -(2 ** 33)] } });
    const raw = bytes.subarray(bytes.length - 16);
    const view = new DataView(raw.buffer, raw.byteOffset, 16);
    expect(view.getBigInt64(0, true)).toBe(BigInt(2 ** 40));
    expect(view.getBigInt64(8, true)).toBe(BigInt(-(2 ** 33)));
    expect(() => readSafetensors(bytes)).toThrow(
      "readSafetensors: tensor 'big' (I64) holds 1099511627776 at flat index 0, outside the int32 range [-2147483648, 2147483647] that it is read into",
    );
  });
});
