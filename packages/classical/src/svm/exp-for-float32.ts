/**
 * Internal: e^x for the RBF kernel's values, which are stored as float32 (libsvm's `Qfloat`).
 */
// exp for kernel values stored as float32: exp(x) = 2^(m/64) · e^r, m = round(64x / ln 2), with
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

/** The constants of {@link expForFloat32}, for the WebAssembly kernel (`wasm-rbf-column.ts`). */
export const EXP_CONSTANTS = { inv: EXP_INV, shift: ROUND_SHIFT, ln2Hi: EXP_LN2_HI, ln2Lo: EXP_LN2_LO, offset: EXP_OFFSET } as const;
