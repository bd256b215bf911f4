import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { decodeImage, sniffImageFormat } from './decode-image.js';
import { encodePng } from './encode-png.js';
import { toGrayscale, toRgb } from './convert-color.js';
import { resizeImage, type ResizeMethod } from './resize-image.js';
import { cropImage, centerCropImage } from './crop-image.js';
import { padImage } from './pad-image.js';
import { imageToTensor, tensorToImage } from './image-tensor.js';
import { normalizeImage } from './normalize-image.js';
import { readImage } from './read-image.js';
import { ImageDecodeError, type RawImage } from './raw-image.js';

// Reference: scripts/fixtures/vision_image_io.py (Pillow 9.4).
const DIR = join(__dirname, '__fixtures__');
interface Fixture {
  source: { width: number; height: number; pixels: number[] };
  decode: Record<string, { mode: string; shape: number[]; pixels: number[] }>;
  luma: number[];
  resize: { method: ResizeMethod; width: number; height: number; pixels: number[] }[];
}
const FIX = JSON.parse(readFileSync(join(DIR, 'image-io.json'), 'utf8')) as Fixture;
const source: RawImage = { width: FIX.source.width, height: FIX.source.height, channels: 3, data: Uint8Array.from(FIX.source.pixels) };
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('decodeImage (PNG, pixel-exact against Pillow)', () => {
  for (const name of ['rgb.png', 'gray.png', 'rgba.png', 'palette.png', 'bilevel.png', 'gray16.png']) {
    it(name, () => {
      const ref = FIX.decode[name];
      const img = decodeImage(bytes(name), { name });
      const [h, w, c = 1] = ref.shape;
      expect([img.height, img.width, img.channels]).toEqual([h, w, c]);
      expect(Array.from(img.data)).toEqual(ref.pixels);
    });
  }
});

// libjpeg-turbo (WebAssembly, @jsquash/jpeg) decodes as Pillow's libjpeg does: islow IDCT, fancy
// chroma upsampling, fixed-point YCbCr → RGB. Every layout Pillow/jpegtran wrote must match exactly.
const EXACT_JPEGS = ['gray.jpg', 'rgb.jpg', 'progressive.jpg', 'rgb420.jpg', 'rgb422.jpg', 'odd420.jpg', 'odd422.jpg', 'progressive420.jpg', 'progressive-gray.jpg', 'q100-420.jpg', 'restart420.jpg', 'restart-progressive.jpg'];

describe('decodeImage (JPEG, pixel-exact against Pillow/libjpeg-turbo)', () => {
  for (const name of EXACT_JPEGS) {
    it(name, () => {
      const ref = FIX.decode[name];
      const img = decodeImage(bytes(name), { name });
      const [h, w, c = 1] = ref.shape;
      expect([img.height, img.width, img.channels]).toEqual([h, w, c]);
      expect(maxDiff(img.data, ref.pixels)).toBe(0);
    });
  }
  // CMYK files take jpeg-js (the WebAssembly build only outputs RGB(A) from YCbCr/gray); Pillow's
  // own CMYK → RGB is nk - c·nk/255 with nk = 255 - k, which jpeg-js computes in floating point.
  it('cmyk.jpg (Adobe, 4 components, via jpeg-js) within 2 levels of Pillow', () => {
    const ref = FIX.decode['cmyk.jpg'];
    expect(ref.mode).toBe('CMYK');
    const img = decodeImage(bytes('cmyk.jpg'), { name: 'cmyk.jpg' });
    expect([img.height, img.width, img.channels]).toEqual(ref.shape);
    // Measured: max 2, mean 0.41 (jpeg-js's IDCT rounding); decoding the Adobe-inverted inks as
    // YCCK, as before, gave a mean of 87.
    expect(maxDiff(img.data, ref.pixels)).toBeLessThanOrEqual(2);
  });
});

describe("decodeImage (JPEG with jpegDecoder: 'jpeg-js', approximate)", () => {
  it('gray.jpg within 1 level', () => {
    const ref = FIX.decode['gray.jpg'];
    const img = decodeImage(bytes('gray.jpg'), { jpegDecoder: 'jpeg-js' });
    expect([img.height, img.width, img.channels]).toEqual([...ref.shape, 1]);
    expect(maxDiff(img.data, ref.pixels)).toBeLessThanOrEqual(1);
  });
  // jpeg-js's IDCT rounds differently from libjpeg's; the colour transform scales a one-level chroma
  // difference by up to 1.772, so colour values may move by up to 3 levels (measured: ≤ 3, 97% within 1).
  for (const name of ['rgb.jpg', 'progressive.jpg']) {
    it(`${name} (4:4:4) within 3 levels, ≥ 95% within 1`, () => {
      const ref = FIX.decode[name];
      const img = decodeImage(bytes(name), { name, jpegDecoder: 'jpeg-js' });
      expect([img.height, img.width, img.channels]).toEqual(ref.shape);
      expect(maxDiff(img.data, ref.pixels)).toBeLessThanOrEqual(3);
      const close = Array.from(img.data).filter((v, i) => Math.abs(v - ref.pixels[i]) <= 1).length;
      expect(close / img.data.length).toBeGreaterThanOrEqual(0.95);
    });
  }
  it('rgb420.jpg: chroma upsampled by replication (libjpeg interpolates): close on average', () => {
    const ref = FIX.decode['rgb420.jpg'];
    const img = decodeImage(bytes('rgb420.jpg'), { jpegDecoder: 'jpeg-js' });
    expect([img.height, img.width, img.channels]).toEqual(ref.shape);
    let sum = 0;
    for (let i = 0; i < img.data.length; i++) sum += Math.abs(img.data[i] - ref.pixels[i]);
    // Measured mean 5.1 on this noisy 13×9 image (pixel-level chroma noise is the worst case for
    // replication); a broken colour transform or a swapped channel gives tens.
    expect(sum / img.data.length).toBeLessThan(7);
  });
  it('rejects an unknown decoder name', () => {
    expect(() => decodeImage(bytes('rgb.jpg'), { jpegDecoder: 'libjpeg' as 'jpeg-js' })).toThrow(/'jpegDecoder' must be 'auto', 'libjpeg-turbo' or 'jpeg-js'; received libjpeg/);
  });
});

describe('decode errors name the file and the problem', () => {
  it('truncated PNG', () => {
    expect(() => decodeImage(bytes('truncated.png'), { name: 'truncated.png' })).toThrow(/'truncated\.png' is a corrupt or truncated PNG/);
  });
  it('not an image', () => {
    expect(() => decodeImage(bytes('not-an-image.png'), { name: 'x.png' })).toThrow(/'x\.png' is not a PNG or JPEG file \(first bytes 68 65 6c 6c\)/);
  });
  it('unsupported format', () => {
    expect(sniffImageFormat(bytes('image.gif'))).toBe('gif');
    expect(() => decodeImage(bytes('image.gif'), { name: 'image.gif' })).toThrow(/'image\.gif' is a GIF file; supported formats are PNG and JPEG/);
  });
  it('empty and corrupted JPEG', () => {
    expect(() => decodeImage(new Uint8Array(0), { name: 'e.jpg' })).toThrow(ImageDecodeError);
    const jpg = bytes('rgb.jpg').slice(0, 200);
    expect(() => decodeImage(jpg, { name: 'cut.jpg' })).toThrow(/'cut\.jpg' is a corrupt or truncated JPEG \(libjpeg-turbo: Premature end of JPEG file/);
    expect(() => decodeImage(jpg, { name: 'cut.jpg', jpegDecoder: 'jpeg-js' })).toThrow(/'cut\.jpg' is a corrupt or truncated JPEG/);
  });
  it('a JPEG cut inside its entropy-coded data is refused, not padded with gray (Pillow refuses it too)', () => {
    const full = bytes('odd420.jpg');
    expect(() => decodeImage(full.slice(0, full.length - 100), { name: 'short.jpg' })).toThrow(/'short\.jpg' is a corrupt or truncated JPEG \(libjpeg-turbo: Premature end of JPEG file/);
  });
  it('maxMegapixels is checked from the JPEG header before decoding', () => {
    expect(() => decodeImage(bytes('odd420.jpg'), { name: 'big.jpg', maxMegapixels: 500 / 1e6 })).toThrow(/'big\.jpg' is 33×17, larger than 'maxMegapixels' allows/);
  });
  it('readImage names a missing file', async () => {
    await expect(readImage(join(DIR, 'missing.png'))).rejects.toThrow(/cannot read '.*missing\.png'/);
    await expect(readImage(join(DIR, 'truncated.png'))).rejects.toThrow(ImageDecodeError);
  });
});

describe('encodePng', () => {
  it('round-trips every channel count', () => {
    for (const img of [source, toGrayscale(source), { ...source, channels: 4 as const, width: 3, height: 13, data: source.data.slice(0, 3 * 13 * 4) }]) {
      const back = decodeImage(encodePng(img));
      expect(back.channels).toBe(img.channels);
      expect(Array.from(back.data)).toEqual(Array.from(img.data));
    }
  });
});

describe('colour conversion', () => {
  it('RGB → L equals Pillow (ITU-R 601-2 luma)', () => {
    expect(Array.from(toGrayscale(source).data)).toEqual(FIX.luma);
  });
  it('L → RGB repeats the value; RGBA → RGB drops alpha', () => {
    const g = toGrayscale(source);
    const rgb = toRgb(g);
    expect(rgb.channels).toBe(3);
    expect([rgb.data[0], rgb.data[1], rgb.data[2]]).toEqual([g.data[0], g.data[0], g.data[0]]);
    const rgba = decodeImage(bytes('rgba.png'));
    expect(Array.from(toRgb(rgba).data.subarray(0, 6))).toEqual([rgba.data[0], rgba.data[1], rgba.data[2], rgba.data[4], rgba.data[5], rgba.data[6]]);
  });
});

describe('resizeImage (Pillow reference, within 1 level)', () => {
  for (const r of FIX.resize) {
    it(`${r.method} 13×9 → ${r.width}×${r.height}`, () => {
      const out = resizeImage(source, r.width, r.height, r.method);
      expect([out.width, out.height, out.channels]).toEqual([r.width, r.height, 3]);
      const d = maxDiff(out.data, r.pixels);
      if (r.method === 'nearest') expect(d).toBe(0);
      else expect(d).toBeLessThanOrEqual(1);
    });
  }
  it('rejects bad sizes and methods', () => {
    expect(() => resizeImage(source, 0, 3)).toThrow(/'width' must be a positive integer; received 0/);
    expect(() => resizeImage(source, 3, 3, 'cubic' as ResizeMethod)).toThrow(/'method' must be one of bilinear, nearest, area, bicubic; received cubic/);
  });
});

describe('crop and pad', () => {
  const tiny: RawImage = { width: 3, height: 2, channels: 1, data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
  it('crops a window', () => {
    expect(Array.from(cropImage(tiny, 1, 0, 2, 2).data)).toEqual([2, 3, 5, 6]);
    expect(Array.from(centerCropImage(tiny, 1, 2).data)).toEqual([2, 5]);
    expect(() => cropImage(tiny, 2, 0, 2, 2)).toThrow(/must lie inside the 3×2 image/);
  });
  it('pads as numpy (constant, edge, reflect)', () => {
    expect(Array.from(padImage(tiny, 0, 1, 0, 1, { value: 9 }).data)).toEqual([9, 1, 2, 3, 9, 9, 4, 5, 6, 9]);
    expect(Array.from(padImage(tiny, 1, 0, 0, 0, { mode: 'edge' }).data)).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(padImage(tiny, 0, 2, 0, 0, { mode: 'reflect' }).data)).toEqual([1, 2, 3, 2, 1, 4, 5, 6, 5, 4]);
  });
});

await describeBackends('image tensors', (backend) => {
  // tensorToImage reads synchronously (dataSync), which tfjs-backend-webgpu 4.22 cannot do in Node
  // (it needs OffscreenCanvas); in Node on WebGPU, read with `await t.data()` instead.
  it.skipIf(backend === 'webgpu')('to and from [H, W, C] tensors (int32 and float32), normalise', async () => {
    await assertNoLeaks(() => {
      const t = imageToTensor(source, { dtype: 'int32' });
      expect(t.shape).toEqual([9, 13, 3]);
      expect(t.dtype).toBe('int32');
      expect(Array.from(tensorToImage(t).data)).toEqual(Array.from(source.data));
      const f = imageToTensor(source);
      expect(f.dtype).toBe('float32');
      expect(f.dataSync()[0]).toBeCloseTo(source.data[0] / 255, 6);
      expect(Array.from(tensorToImage(f).data)).toEqual(Array.from(source.data));
      const n = normalizeImage(f, [0.5, 0.5, 0.5], [0.25, 0.5, 1]);
      const v = n.dataSync();
      expect(v[0]).toBeCloseTo((source.data[0] / 255 - 0.5) / 0.25, 5);
      expect(v[1]).toBeCloseTo((source.data[1] / 255 - 0.5) / 0.5, 5);
      expect(() => normalizeImage(f, [0.5], 1)).toThrow(/'mean' must have one value per channel \(3\); received 1/);
      tf.dispose([t, f, n]);
    });
  });
});
