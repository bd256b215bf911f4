import { describe, expect, it } from 'vitest';
import { expForFloat32 } from './kernel.js';

describe('expForFloat32 (the RBF columns\' exp)', () => {
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
