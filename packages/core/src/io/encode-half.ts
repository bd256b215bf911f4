/**
 * Narrowing of float32 values to IEEE 754 binary16 (F16) or bfloat16 (BF16) bit patterns with
 * round-to-nearest-even, matching PyTorch's `.half()` / `.bfloat16()`: overflow gives ±Infinity,
 * results below half the smallest subnormal give ±0. NaN stays NaN with its sign and the top of its
 * payload, quiet bit set (PyTorch's bfloat16 conversion drops the sign; ours keeps it).
 * Values are rounded to float32 first, as PyTorch does for float64 input.
 * @see IEEE 754-2008 §4.3.1 (roundTiesToEven)
 */

function f32BitsToF16(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  if (exp > 142) return sign | 0x7c00; // |x| ≥ 2^16: beyond every finite half
  if (exp >= 113) {
    // Normal half: keep 10 mantissa bits, round on the 13 dropped ones (a carry may reach Infinity).
    let h = ((exp - 112) << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
    return sign | h;
  }
  if (exp < 102) return sign; // |x| < 2^-25: rounds to zero
  // Subnormal half: value / 2^-24 = full / 2^shift, rounded to an integer (it may round up to 2^-14).
  const full = mant | 0x800000;
  const shift = 126 - exp;
  let m = full >>> shift;
  const rest = full & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  if (rest > half || (rest === half && (m & 1) === 1)) m++;
  return sign | m;
}

function f32BitsToBf16(x: number): number {
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** `F16` or `BF16` bit patterns of `values`. */
export function encodeHalf(values: ArrayLike<number>, dtype: 'F16' | 'BF16'): Uint16Array {
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  const bits = new Uint32Array(f32.buffer, f32.byteOffset, f32.length);
  const out = new Uint16Array(f32.length);
  if (dtype === 'F16') for (let i = 0; i < bits.length; i++) out[i] = f32BitsToF16(bits[i]);
  else for (let i = 0; i < bits.length; i++) out[i] = f32BitsToBf16(bits[i]);
  return out;
}
