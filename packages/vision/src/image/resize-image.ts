/**
 * `resizeImage`: PIL's `Image.resize` (Pillow 9, `libImaging/Resample.c`) for 8-bit images.
 * - 'bilinear' and 'area' (PIL's BOX) are PIL's separable convolution resampling: each output pixel
 *   averages the input pixels under a triangle (bilinear, support 1) or box (support ½) filter that is
 *   widened by the scale when shrinking, so downscaling is antialiased (unlike OpenCV's INTER_LINEAR).
 *   Horizontal pass first, rounding to 8 bits, then vertical, as PIL does; PIL's fixed-point weights
 *   can move a value by one level, which the tests allow.
 * - 'nearest' takes the pixel at `floor((x + 0.5)·inW/outW)`, PIL's NEAREST.
 * - 'bicubic' is PIL's BICUBIC: the same separable resampling with Keys' cubic kernel, a = −0.5,
 *   support 2 (widened by the scale when shrinking).
 * @see https://github.com/python-pillow/Pillow/blob/9.4.0/src/libImaging/Resample.c
 */
import { checkImage, checkPositiveInt, type RawImage } from './raw-image.js';

/** Resampling filters. */
export type ResizeMethod = 'bilinear' | 'nearest' | 'area' | 'bicubic';

/** The methods `resizeImage` knows. */
export const RESIZE_METHODS: readonly ResizeMethod[] = ['bilinear', 'nearest', 'area', 'bicubic'];

/** PIL's `bicubic_filter` (Keys 1981 with a = −0.5). */
function bicubicFilter(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

const FILTERS = {
  bilinear: { support: 1, fn: (x: number): number => (x < 0 ? -x : x) < 1 ? 1 - Math.abs(x) : 0 },
  area: { support: 0.5, fn: (x: number): number => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bicubic: { support: 2, fn: bicubicFilter },
} as const;

type FilterName = keyof typeof FILTERS;

/** Per output index: the first input index and the normalised weights (PIL's `precompute_coeffs`). */
function coefficients(inSize: number, outSize: number, method: FilterName): { start: Int32Array; size: Int32Array; weights: Float64Array; kmax: number } {
  const { support: baseSupport, fn } = FILTERS[method];
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = baseSupport * filterScale;
  const kmax = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const size = new Int32Array(outSize);
  const weights = new Float64Array(outSize * kmax);
  const ss = 1 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      const w = fn((x + xmin - center + 0.5) * ss);
      weights[xx * kmax + x] = w;
      total += w;
    }
    for (let x = 0; x < xmax; x++) if (total !== 0) weights[xx * kmax + x] /= total;
    start[xx] = xmin;
    size[xx] = xmax;
  }
  return { start, size, weights, kmax };
}

const clip8 = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/** Resamples along x: `[H, inW, C]` → `[H, outW, C]`. */
function horizontal(src: Uint8Array, h: number, inW: number, outW: number, c: number, method: FilterName): Uint8Array {
  const { start, size, weights, kmax } = coefficients(inW, outW, method);
  const out = new Uint8Array(h * outW * c);
  for (let y = 0; y < h; y++) {
    for (let xx = 0; xx < outW; xx++) {
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let k = 0; k < size[xx]; k++) sum += src[(y * inW + start[xx] + k) * c + ch] * weights[xx * kmax + k];
        out[(y * outW + xx) * c + ch] = clip8(sum);
      }
    }
  }
  return out;
}

/** Resamples along y: `[inH, W, C]` → `[outH, W, C]`. */
function vertical(src: Uint8Array, inH: number, outH: number, w: number, c: number, method: FilterName): Uint8Array {
  const { start, size, weights, kmax } = coefficients(inH, outH, method);
  const out = new Uint8Array(outH * w * c);
  const row = w * c;
  for (let yy = 0; yy < outH; yy++) {
    for (let i = 0; i < row; i++) {
      let sum = 0;
      for (let k = 0; k < size[yy]; k++) sum += src[(start[yy] + k) * row + i] * weights[yy * kmax + k];
      out[yy * row + i] = clip8(sum);
    }
  }
  return out;
}

/**
 * `image` resampled to `width`×`height` with `method` (see the file header for the reference).
 * @param method @default 'bilinear'
 */
export function resizeImage(image: RawImage, width: number, height: number, method: ResizeMethod = 'bilinear'): RawImage {
  const where = 'resizeImage';
  const { width: inW, height: inH, channels: c, data } = checkImage(where, image);
  checkPositiveInt(where, 'width', width);
  checkPositiveInt(where, 'height', height);
  if (!RESIZE_METHODS.includes(method)) throw new RangeError(`${where}: 'method' must be one of ${RESIZE_METHODS.join(', ')}; received ${String(method)}`);
  if (width === inW && height === inH) return { width, height, channels: c, data: data.slice() };
  if (method === 'nearest') {
    const out = new Uint8Array(width * height * c);
    for (let y = 0; y < height; y++) {
      const sy = Math.min(inH - 1, Math.floor(((y + 0.5) * inH) / height));
      for (let x = 0; x < width; x++) {
        const sx = Math.min(inW - 1, Math.floor(((x + 0.5) * inW) / width));
        for (let ch = 0; ch < c; ch++) out[(y * width + x) * c + ch] = data[(sy * inW + sx) * c + ch];
      }
    }
    return { width, height, channels: c, data: out };
  }
  // PIL skips a pass whose size does not change.
  const wide = width === inW ? data : horizontal(data, inH, inW, width, c, method);
  const out = height === inH ? wide : vertical(wide, inH, height, width, c, method);
  return { width, height, channels: c, data: out };
}
