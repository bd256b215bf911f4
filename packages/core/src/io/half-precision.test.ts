import { describe, expect, it } from 'vitest';
import { decodeHalf } from './decode-half.js';
import { encodeHalf } from './encode-half.js';
import reference from './__fixtures__/half-precision.json' with { type: 'json' };

interface Narrowing {
  offsets: number[];
  count: number;
  fnv1a: string;
  sample: [string, string][];
}
const ref = reference as unknown as {
  f16ToF32: { count: number; fnv1a: string };
  bf16ToF32: { count: number; fnv1a: string };
  f32ToF16: Narrowing;
  f32ToBF16: Narrowing;
  picks: [string, string, string][];
};

function fnv1a(values: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) h = Math.imul(h ^ values[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const isNaNBits = (b: number): boolean => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
const hex = (v: number, width: number): string => v.toString(16).padStart(width, '0');

function widenedBits(dtype: 'F16' | 'BF16'): Uint32Array {
  const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
  const f32 = decodeHalf(all, dtype);
  return new Uint32Array(f32.buffer);
}

describe.each([
  ['F16', 'f16ToF32', 'f32ToF16'],
  ['BF16', 'bf16ToF32', 'f32ToBF16'],
] as const)('%s against PyTorch', (dtype, widenKey, narrowKey) => {
  it('widens every non-NaN bit pattern exactly as PyTorch', () => {
    const bits = widenedBits(dtype).filter((b) => !isNaNBits(b));
    expect(bits.length).toBe(ref[widenKey].count);
    expect(fnv1a(bits)).toBe(ref[widenKey].fnv1a);
  });

  it('rounds to nearest even exactly as PyTorch, around every representable value', () => {
    const { offsets, count, fnv1a: expected, sample } = ref[narrowKey];
    const inputs: number[] = [];
    for (const w of widenedBits(dtype)) {
      if ((w & 0x7f800000) === 0x7f800000) continue; // finite targets only
      for (const k of offsets) {
        const x = (w + k) >>> 0;
        if (!isNaNBits(x)) inputs.push(x);
      }
    }
    expect(inputs.length).toBe(count);
    const f32 = new Float32Array(Uint32Array.from(inputs).buffer);
    const out = encodeHalf(f32, dtype);
    for (let i = 0, s = 0; s < sample.length; i += 997, s++) {
      expect([hex(inputs[i], 8), hex(out[i], 4)]).toEqual(sample[s]);
    }
    expect(fnv1a(out)).toBe(expected);
  });
});

describe('half precision by hand', () => {
  it('matches PyTorch on ties, overflow, underflow and infinities', () => {
    for (const [input, f16, bf16] of ref.picks) {
      const x = new Float32Array(Uint32Array.of(parseInt(input, 16)).buffer);
      expect(hex(encodeHalf(x, 'F16')[0], 4), `F16 of 0x${input}`).toBe(f16);
      expect(hex(encodeHalf(x, 'BF16')[0], 4), `BF16 of 0x${input}`).toBe(bf16);
    }
  });

  it('keeps NaN sign and payload both ways', () => {
    const nan = new Float32Array(Uint32Array.of(0x7fc00000, 0xffc00000, 0x7f812345).buffer);
    expect(Array.from(encodeHalf(nan, 'F16'), (v) => hex(v, 4))).toEqual(['7e00', 'fe00', '7e09']);
    expect(Array.from(encodeHalf(nan, 'BF16'), (v) => hex(v, 4))).toEqual(['7fc0', 'ffc0', '7fc1']);
    const back = new Uint32Array(decodeHalf(Uint16Array.of(0x7e00, 0xfe00, 0x7c01), 'F16').buffer);
    expect(Array.from(back, (v) => hex(v, 8))).toEqual(['7fc00000', 'ffc00000', '7f802000']);
    expect(Number.isNaN(decodeHalf(Uint16Array.of(0xffc1), 'BF16')[0])).toBe(true);
  });

  it('accepts plain numbers, rounding them to float32 first', () => {
    expect(Array.from(encodeHalf([1, -2, 65504, 1e9], 'F16'), (v) => hex(v, 4))).toEqual(['3c00', 'c000', '7bff', '7c00']);
  });
});
