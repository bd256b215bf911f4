/**
 * Internal: e^x for the RBF kernel's values, which are stored as float32 (libsvm's `Qfloat`):
 * `expF32` in float32 arithmetic for the training columns (kernel.ts, and the same operations in
 * wasm-rbf-column.ts), `expForFloat32` in float64 for the columns of data too large for float32.
 */
// expForFloat32: exp(x) = 2^(m/64) · e^r, m = round(64x / ln 2), with
// ln 2 / 64 split in two (Cody–Waite, fdlibm's constants) so |r| ≤ ln 2 / 128 exactly enough, and a
// degree-5 Taylor polynomial for e^r (error < 1e-16). Relative error ~2e-16: the float32 value is
// Math.exp's but for a rare last-bit tie. About 3× faster than Math.exp in V8, which dominates RBF.
const EXP_OFFSET = 64 * 152;
export const EXP_TABLE = Float64Array.from({ length: EXP_OFFSET + 65 }, (_, i) => 2 ** ((i - EXP_OFFSET) / 64));
const EXP_INV = 64 / Math.LN2;
const EXP_LN2_HI = 6.93147180369123816490e-1 / 64;
const EXP_LN2_LO = 1.90821492927058770002e-10 / 64;
const ROUND_SHIFT = 6755399441055744; // 1.5 · 2^52: x + s − s rounds x to an integer

/** e^x for x ≤ 0.5, accurate to ~2e-16 relative; 0 below −104 (under float32's least subnormal / 2). */
export function expForFloat32(x: number): number {
  if (x < -104) return 0;
  if (x > 0.5) return Math.exp(x);
  const m = x * EXP_INV + ROUND_SHIFT - ROUND_SHIFT;
  const r = x - m * EXP_LN2_HI - m * EXP_LN2_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return EXP_TABLE[(m + EXP_OFFSET) | 0] * p;
}

/** The constants of {@link expForFloat32}. */
export const EXP_CONSTANTS = { inv: EXP_INV, shift: ROUND_SHIFT, ln2Hi: EXP_LN2_HI, ln2Lo: EXP_LN2_LO, offset: EXP_OFFSET } as const;

// e^x in float32 arithmetic for the RBF columns (`expF32`, and the same operations in the lanes of
// the WebAssembly kernel, wasm-rbf-column.ts): n = round(x / ln 2) by adding and subtracting
// 1.5 · 2^23, r = x − n ln 2 with ln 2 split in two (Cody–Waite; C1 has 9 significant bits, so
// n · C1 is exact), e^r by Cephes' `expf` polynomial (S. L. Moshier, Cephes Math Library: minimax on
// |r| ≤ ln 2 / 2, about 1 float32 ulp), times 2^n built from its bits.
const F = Math.fround;
/** The float32 constants of {@link expF32} (the WebAssembly kernel uses the same bits). */
export const EXPF_CONSTANTS = {
  /** Below this exponent the value is 0 (e^−87 ≈ 1.6e−38, near float32's least normal number). */
  min: F(-87),
  log2e: F(Math.LOG2E),
  shift: F(12582912), // 1.5 · 2^23: x + s − s rounds |x| < 2^22 to an integer, which is then bits(x + s) − bits(s)
  c1: F(0.693359375),
  c2: F(-2.12194440e-4),
  p: [F(1.9875691500e-4), F(1.3981999507e-3), F(8.3334519073e-3), F(4.1665795894e-2), F(1.6666665459e-1), F(5.0000001201e-1)],
} as const;
/** 2^n for −126 ≤ n ≤ 1, at [n + 126]. */
const POW2 = Float64Array.from({ length: 128 }, (_, k) => 2 ** (k - 126));

/**
 * e^x for a float32 x ≤ 0 in float32 arithmetic (every operation rounded to float32, as the
 * WebAssembly kernel's f32x4 lanes do, so both give the same bits): relative error within a few
 * float32 ulps; 0 below −87 (where e^x < 1.7e−38). Not for x > 0.5 (2^n is tabulated to n = 1).
 */
export function expF32(x: number): number {
  if (x < MIN) return 0;
  const t = F(F(x * LOG2E) + SHIFT);
  const m = t - SHIFT; // exact: an integer
  let r = F(x - m * C1); // m · C1 exact (7 and 9 significant bits)
  r = F(r - F(m * C2));
  const z = F(r * r);
  let q = F(F(P0 * r) + P1);
  q = F(F(q * r) + P2);
  q = F(F(q * r) + P3);
  q = F(F(q * r) + P4);
  q = F(F(q * r) + P5);
  const e = F(F(F(q * z) + r) + 1);
  return F(e * POW2[m + 126]);
}
const { min: MIN, log2e: LOG2E, shift: SHIFT, c1: C1, c2: C2 } = EXPF_CONSTANTS;
const [P0, P1, P2, P3, P4, P5] = EXPF_CONSTANTS.p;
