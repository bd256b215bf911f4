/**
 * Widening of IEEE 754 binary16 (F16) and bfloat16 (BF16) bit patterns to float32, exactly: every
 * half value is representable in float32. Subnormal halves become normal floats; ±0, ±Infinity and
 * NaN (sign and payload kept, shifted into the float32 mantissa) carry over.
 * @see IEEE 754-2008 §3.6; https://cloud.google.com/tpu/docs/bfloat16
 */

let f16Table: Uint32Array | undefined;

/** float32 bit pattern of every binary16 pattern (256 KiB, built on first use). */
function f16ToF32Table(): Uint32Array {
  if (f16Table !== undefined) return f16Table;
  const table = new Uint32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = (h & 0x8000) << 16;
    const exp = (h >>> 10) & 0x1f;
    let mant = h & 0x3ff;
    if (exp === 0x1f) {
      table[h] = sign | 0x7f800000 | (mant << 13);
    } else if (exp !== 0) {
      table[h] = sign | ((exp + 112) << 23) | (mant << 13);
    } else if (mant === 0) {
      table[h] = sign;
    } else {
      // Subnormal: value = mant · 2^-24. Shift the leading 1 into the implicit-bit position.
      let e = 113;
      while ((mant & 0x400) === 0) {
        mant <<= 1;
        e--;
      }
      table[h] = sign | (e << 23) | ((mant & 0x3ff) << 13);
    }
  }
  f16Table = table;
  return table;
}

/** float32 values of 16-bit `F16` or `BF16` bit patterns. */
export function decodeHalf(bits: Uint16Array, dtype: 'F16' | 'BF16'): Float32Array {
  const out = new Float32Array(bits.length);
  const outBits = new Uint32Array(out.buffer);
  if (dtype === 'BF16') {
    for (let i = 0; i < bits.length; i++) outBits[i] = bits[i] << 16;
  } else {
    const table = f16ToF32Table();
    for (let i = 0; i < bits.length; i++) outBits[i] = table[bits[i]];
  }
  return out;
}
