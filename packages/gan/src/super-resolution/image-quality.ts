/**
 * `psnr` and `ssim`: full-reference image quality of 8-bit images, as super-resolution papers report.
 * SSIM is Wang et al., "Image Quality Assessment: From Error Visibility to Structural Similarity"
 * (IEEE TIP 2004) as scikit-image computes it with
 * `structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 * data_range=255, channel_axis=-1)`: an 11-tap Gaussian window (σ 1.5, truncated at 3.5σ), K1 = 0.01,
 * K2 = 0.03, the SSIM map averaged over the pixels at least 5 from the border, then over channels.
 * `channel: 'rgb'` compares every channel (alpha included); `'y'` compares ITU-R BT.601 luma as MATLAB's
 * `rgb2ycbcr` (16 + (65.481 R + 128.553 G + 24.966 B) / 255, unrounded), the usual SR protocol.
 * @see https://scikit-image.org/docs/0.19.x/api/skimage.metrics.html#skimage.metrics.structural_similarity
 */
import type { RawImage } from '@ml/vision';

export interface ImageQualityOptions {
  /** Compare every channel ('rgb') or BT.601 luma ('y'; needs 3 or 4 channels). @default 'rgb' */
  channel?: 'rgb' | 'y';
  /** Pixels to drop at each border before comparing (SR papers shave the scale). @default 0 */
  border?: number;
}

export const IMAGE_QUALITY_DEFAULTS = { channel: 'rgb', border: 0 } as const satisfies Required<ImageQualityOptions>;

const RANGE = 255;

/** The compared planes (`Float64Array` per channel, row-major) after the checks. */
function planes(where: string, a: RawImage, b: RawImage, options: ImageQualityOptions): { pa: Float64Array[]; pb: Float64Array[]; h: number; w: number } {
  const { channel, border } = { ...IMAGE_QUALITY_DEFAULTS, ...options };
  for (const [name, im] of [['a', a], ['b', b]] as const) {
    if (im === null || typeof im !== 'object' || !(im.data instanceof Uint8Array) || im.data.length !== im.width * im.height * im.channels) {
      throw new TypeError(`${where}: '${name}' must be a RawImage {width, height, channels, data: Uint8Array}; received ${im === null ? 'null' : typeof im}`);
    }
  }
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new RangeError(`${where}: 'b' must have the size and channels of 'a' (${a.width}×${a.height}×${a.channels}); received ${b.width}×${b.height}×${b.channels}`);
  }
  if (channel !== 'rgb' && channel !== 'y') throw new RangeError(`${where}: 'channel' must be 'rgb' or 'y'; received ${String(channel)}`);
  if (channel === 'y' && a.channels < 3) throw new RangeError(`${where}: channel 'y' needs RGB images; received ${a.channels} channel(s)`);
  if (!Number.isInteger(border) || border < 0 || 2 * border >= Math.min(a.width, a.height)) {
    throw new RangeError(`${where}: 'border' must be an integer in [0, ${Math.ceil(Math.min(a.width, a.height) / 2) - 1}]; received ${String(border)}`);
  }
  const h = a.height - 2 * border;
  const w = a.width - 2 * border;
  const extract = (im: RawImage): Float64Array[] => {
    const c = im.channels;
    const n = channel === 'y' ? 1 : c;
    const out = Array.from({ length: n }, () => new Float64Array(h * w));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = ((y + border) * im.width + x + border) * c;
        const o = y * w + x;
        if (channel === 'y') out[0]![o] = 16 + (65.481 * im.data[i]! + 128.553 * im.data[i + 1]! + 24.966 * im.data[i + 2]!) / 255;
        else for (let k = 0; k < c; k++) out[k]![o] = im.data[i + k]!;
      }
    }
    return out;
  };
  return { pa: extract(a), pb: extract(b), h, w };
}

/**
 * Peak signal-to-noise ratio in dB, 10·log10(255² / MSE) over the compared values (Infinity for
 * identical images).
 */
export function psnr(a: RawImage, b: RawImage, options: ImageQualityOptions = {}): number {
  const { pa, pb } = planes('psnr', a, b, options);
  let sum = 0;
  let n = 0;
  pa.forEach((p, k) => {
    const q = pb[k]!;
    for (let i = 0; i < p.length; i++) sum += (p[i]! - q[i]!) ** 2;
    n += p.length;
  });
  return 10 * Math.log10((RANGE * RANGE) / (sum / n));
}

/** scipy's `gaussian_filter` weights for σ 1.5, truncate 3.5: 11 taps. */
const TAPS = ((): Float64Array => {
  const radius = Math.trunc(3.5 * 1.5 + 0.5);
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += w[i + radius] = Math.exp((-0.5 * i * i) / (1.5 * 1.5));
  for (let i = 0; i < w.length; i++) w[i]! /= sum;
  return w;
})();

/** The Gaussian-filtered `[h, w]` plane, only at the positions at least `r` from every border (`[h−2r, w−2r]`). */
function filterValid(p: Float64Array, h: number, w: number): Float64Array {
  const k = TAPS.length;
  const r = (k - 1) / 2;
  const ow = w - 2 * r;
  const oh = h - 2 * r;
  const rows = new Float64Array(h * ow); // horizontal pass
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += TAPS[t]! * p[y * w + x + t]!;
      rows[y * ow + x] = s;
    }
  }
  const out = new Float64Array(oh * ow); // vertical pass
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += TAPS[t]! * rows[(y + t) * ow + x]!;
      out[y * ow + x] = s;
    }
  }
  return out;
}

function ssimPlane(x: Float64Array, y: Float64Array, h: number, w: number): number {
  const xx = new Float64Array(x.length);
  const yy = new Float64Array(x.length);
  const xy = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    xx[i] = x[i]! * x[i]!;
    yy[i] = y[i]! * y[i]!;
    xy[i] = x[i]! * y[i]!;
  }
  const [ux, uy, uxx, uyy, uxy] = [x, y, xx, yy, xy].map((p) => filterValid(p, h, w)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const c1 = (0.01 * RANGE) ** 2;
  const c2 = (0.03 * RANGE) ** 2;
  let sum = 0;
  for (let i = 0; i < ux.length; i++) {
    const mx = ux[i]!;
    const my = uy[i]!;
    const vx = uxx[i]! - mx * mx;
    const vy = uyy[i]! - my * my;
    const vxy = uxy[i]! - mx * my;
    sum += ((2 * mx * my + c1) * (2 * vxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
  }
  return sum / ux.length;
}

/**
 * Mean structural similarity (see the file header for the exact definition). Both images must be at
 * least 11×11 after `border` is removed.
 */
export function ssim(a: RawImage, b: RawImage, options: ImageQualityOptions = {}): number {
  const { pa, pb, h, w } = planes('ssim', a, b, options);
  if (h < TAPS.length || w < TAPS.length) throw new RangeError(`ssim: images must be at least ${TAPS.length}×${TAPS.length} (after 'border'); received ${w}×${h}`);
  let sum = 0;
  pa.forEach((p, k) => (sum += ssimPlane(p, pb[k]!, h, w)));
  return sum / pa.length;
}
