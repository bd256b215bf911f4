/**
 * PSNR and SSIM against scripts/fixtures/gan_sr_metrics.py (numpy/scipy re-implementation of
 * skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255, channel_axis=-1) and peak_signal_noise_ratio), to 1e-6.
 * Plain JavaScript on Uint8 images: no tensors, so no backends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage, resizeImage, type RawImage } from '@ml/vision';
import { psnr, ssim } from './image-quality.js';

interface Case {
  height: number;
  width: number;
  channels: 1 | 3;
  a: number[];
  b: number[];
  psnr: number;
  ssim: number;
  psnrY?: number;
  ssimY?: number;
}
const FIX = join(__dirname, '__fixtures__');
const ref = JSON.parse(readFileSync(join(FIX, 'sr-metrics.json'), 'utf8')) as {
  cases: Case[];
  photo: { file: string; psnr: number; ssim: number; psnrY: number; ssimY: number };
};
const image = (c: Case, data: number[]): RawImage => ({ width: c.width, height: c.height, channels: c.channels, data: Uint8Array.from(data) });

describe('psnr / ssim (skimage-equivalent reference, 1e-6)', () => {
  ref.cases.forEach((c, i) => {
    it(`case ${i}: ${c.width}×${c.height}×${c.channels}`, () => {
      const a = image(c, c.a);
      const b = image(c, c.b);
      expect(Math.abs(psnr(a, b) - c.psnr)).toBeLessThan(1e-6);
      expect(Math.abs(ssim(a, b) - c.ssim)).toBeLessThan(1e-6);
      if (c.psnrY !== undefined && c.ssimY !== undefined) {
        expect(Math.abs(psnr(a, b, { channel: 'y' }) - c.psnrY)).toBeLessThan(1e-6);
        expect(Math.abs(ssim(a, b, { channel: 'y' }) - c.ssimY)).toBeLessThan(1e-6);
      }
    });
  });

  it('a held-out photo crop against its Pillow bicubic ×2 reconstruction', () => {
    const hr = decodeImage(new Uint8Array(readFileSync(join(FIX, ref.photo.file))));
    const up = resizeImage(resizeImage(hr, 48, 48, 'bicubic'), 96, 96, 'bicubic');
    // Our bicubic is within 1 level of Pillow's, so these match the reference loosely, not to 1e-6.
    expect(Math.abs(psnr(hr, up) - ref.photo.psnr)).toBeLessThan(0.05);
    expect(Math.abs(ssim(hr, up) - ref.photo.ssim)).toBeLessThan(2e-3);
    expect(Math.abs(ssim(hr, up, { channel: 'y' }) - ref.photo.ssimY)).toBeLessThan(2e-3);
  });

  it('identical images, borders and errors', () => {
    const c = ref.cases[0]!;
    const a = image(c, c.a);
    expect(psnr(a, a)).toBe(Infinity);
    expect(ssim(a, a)).toBeCloseTo(1, 12);
    const b = image(c, c.b);
    expect(psnr(a, b, { border: 2 })).not.toBe(psnr(a, b));
    expect(() => psnr(a, { ...b, width: b.width - 1, data: b.data.subarray(3 * b.height) })).toThrow(/'b' must have the size and channels of 'a' \(20×16×3\); received 19×16×3/);
    const gray = image(ref.cases[2]!, ref.cases[2]!.a);
    expect(() => psnr(gray, gray, { channel: 'y' })).toThrow(/channel 'y' needs RGB images; received 1 channel/);
    expect(() => ssim(a, b, { border: 4 })).toThrow(/at least 11×11/);
  });
});
