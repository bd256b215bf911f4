import { describe, expect, it } from 'vitest';
import { expF32 } from './exp-for-float32.js';
import { expForFloat32 } from './kernel.js';

describe('expForFloat32 (the float64 RBF columns\' exp, for data too large for float32)', () => {
  it('matches Math.exp to 1e-15 relative and as float32 on a grid over [−110, 0.5]', () => {
    let worst = 0;
    let flips = 0;
    for (let k = 0; k <= 200000; k++) {
      const x = -110 + (110.5 * k) / 200000;
      const e = Math.exp(x);
      const f = expForFloat32(x);
      if (x < -104) {
        expect(f).toBe(0);
        expect(Math.fround(e)).toBe(0);
        continue;
      }
      worst = Math.max(worst, Math.abs(f - e) / e);
      if (Math.fround(f) !== Math.fround(e)) flips++;
    }
    expect(worst).toBeLessThan(1e-15);
    expect(flips).toBe(0);
    expect(expForFloat32(0)).toBe(1);
    expect(expForFloat32(2)).toBe(Math.exp(2));
  });
});

/** Distance in float32 units in the last place between two float32 values ≥ 0 (their bit patterns' difference). */
function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const u = new Uint32Array(f.buffer);
  return Math.abs(u[0] - u[1]);
}

describe('expF32 (the float32 RBF columns\' exp)', () => {
  it('is within 1 float32 ulp of float32(Math.exp) on every float32 grid point of [−87, 0] tried (400,001 points, denser near 0)', () => {
    let worst = 0;
    let exact = 0;
    let notFloat32 = 0;
    const n = 400000;
    for (let k = 0; k <= n; k++) {
      const x = Math.fround(-87 * (k / n) ** 2);
      const f = expF32(x);
      if (Math.fround(f) !== f) notFloat32++;
      const u = ulps(f, Math.fround(Math.exp(x)));
      worst = Math.max(worst, u);
      if (u === 0) exact++;
    }
    expect(notFloat32).toBe(0);
    expect(worst).toBeLessThanOrEqual(1);
    expect(exact / (n + 1)).toBeGreaterThan(0.9);
  });

  it('is 1 at 0 and −0, 0 below −87 (the float32 value there is below 1.7e−38), and never above 1 for x ≤ 0', () => {
    expect(expF32(0)).toBe(1);
    expect(expF32(-0)).toBe(1);
    expect(expF32(Math.fround(-87.5))).toBe(0);
    expect(expF32(-1e30)).toBe(0);
    expect(expF32(-Infinity)).toBe(0);
    const at87 = expF32(-87);
    expect(at87).toBeGreaterThan(0);
    expect(ulps(at87, Math.fround(Math.exp(-87)))).toBeLessThanOrEqual(1);
    for (let k = 1; k <= 1000; k++) expect(expF32(Math.fround(-k * 1e-9))).toBeLessThanOrEqual(1);
  });
});
