import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { resizeImage } from './resize-image.js';

// Reference: scripts/fixtures/vision_bicubic.py (Pillow 9.4's Image.resize(BICUBIC)) on the committed
// rgb.png and gray.png. PIL sums with 22-bit fixed-point weights, which can move a value by one level.
const DIR = join(__dirname, '__fixtures__');
interface Fixture {
  cases: { source: string; width: number; height: number; pixels: number[] }[];
}
const FIX = JSON.parse(readFileSync(join(DIR, 'bicubic.json'), 'utf8')) as Fixture;

describe('resizeImage bicubic (Pillow reference, within 1 level)', () => {
  for (const c of FIX.cases) {
    it(`${c.source} → ${c.width}×${c.height}`, () => {
      const src = decodeImage(new Uint8Array(readFileSync(join(DIR, c.source))));
      const out = resizeImage(src, c.width, c.height, 'bicubic');
      expect([out.width, out.height, out.channels]).toEqual([c.width, c.height, src.channels]);
      expect(out.data.length).toBe(c.pixels.length);
      let maxDiff = 0;
      let exact = 0;
      for (let i = 0; i < c.pixels.length; i++) {
        const d = Math.abs(out.data[i] - c.pixels[i]);
        maxDiff = Math.max(maxDiff, d);
        if (d === 0) exact++;
      }
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(exact / c.pixels.length).toBeGreaterThan(0.9);
    });
  }
});
