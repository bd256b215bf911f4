/**
 * Colour histograms and frame differences for shot-boundary detection: a normalised joint HSV (or
 * RGB) histogram per frame, compared with the Bhattacharyya distance or the symmetric chi-square
 * distance, and the mean absolute difference of 32×32 grayscale thumbnails for hard cuts between
 * frames with similar colours.
 * @see J. S. Boreczky, L. A. Rowe, "Comparison of video shot boundary detection techniques", 1996
 */
import { toGrayscale } from '../image/convert-color.js';
import { checkImage, type RawImage } from '../image/raw-image.js';
import { resizeImage } from '../image/resize-image.js';

/** The colour space of the histogram. */
export type HistogramColorSpace = 'hsv' | 'rgb';

/** How two histograms are compared. */
export type HistogramDistance = 'bhattacharyya' | 'chi-square';

/** Options of `colorHistogram`. */
export interface ColorHistogramOptions {
  /** 'hsv' (hue, saturation, value) or 'rgb'. @default 'hsv' */
  colorSpace?: HistogramColorSpace;
  /** Bins per channel, `[h, s, v]` or `[r, g, b]`. @default [8, 4, 4] */
  bins?: readonly [number, number, number];
}

/** Defaults of `ColorHistogramOptions`. */
export const COLOR_HISTOGRAM_DEFAULTS = { colorSpace: 'hsv', bins: [8, 4, 4] } as const satisfies Required<ColorHistogramOptions>;

/** The joint colour histogram of `image`, normalised to sum 1 (`bins[0]·bins[1]·bins[2]` values). Alpha is ignored. */
export function colorHistogram(image: RawImage, options: ColorHistogramOptions = {}): Float32Array {
  const where = 'colorHistogram';
  const { width, height, channels, data } = checkImage(where, image);
  const o = { ...COLOR_HISTOGRAM_DEFAULTS, ...options };
  if (o.colorSpace !== 'hsv' && o.colorSpace !== 'rgb') throw new RangeError(`${where}: 'colorSpace' must be 'hsv' or 'rgb'; received ${String(o.colorSpace)}`);
  const bins = o.bins;
  if (!Array.isArray(bins) || bins.length !== 3 || !bins.every((b) => Number.isInteger(b) && b >= 1 && b <= 256)) {
    throw new RangeError(`${where}: 'bins' must be three integers in [1, 256]; received ${JSON.stringify(bins)}`);
  }
  const [b0, b1, b2] = bins;
  const hist = new Float32Array(b0 * b1 * b2);
  const n = width * height;
  const hsv = o.colorSpace === 'hsv';
  for (let p = 0; p < n; p++) {
    const i = p * channels;
    const r = data[i];
    const g = channels >= 3 ? data[i + 1] : r;
    const b = channels >= 3 ? data[i + 2] : r;
    let x: number;
    let y: number;
    let z: number;
    if (hsv) {
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      const d = max - min;
      let h = 0; // hue in [0, 6)
      if (d > 0) {
        if (max === r) h = (g - b) / d + (g < b ? 6 : 0);
        else if (max === g) h = (b - r) / d + 2;
        else h = (r - g) / d + 4;
      }
      x = Math.min(b0 - 1, Math.floor((h / 6) * b0));
      y = max === 0 ? 0 : Math.min(b1 - 1, Math.floor((d / max) * b1));
      z = Math.min(b2 - 1, Math.floor((max / 256) * b2));
    } else {
      x = Math.floor((r * b0) / 256);
      y = Math.floor((g * b1) / 256);
      z = Math.floor((b * b2) / 256);
    }
    hist[(x * b1 + y) * b2 + z] += 1;
  }
  for (let k = 0; k < hist.length; k++) hist[k] /= n;
  return hist;
}

/**
 * The distance of two normalised histograms, in [0, 1]: Bhattacharyya `sqrt(1 − Σ sqrt(a·b))`
 * (OpenCV's HISTCMP_BHATTACHARYYA) or symmetric chi-square `½ Σ (a − b)² / (a + b)`.
 */
export function histogramDistance(a: ArrayLike<number>, b: ArrayLike<number>, metric: HistogramDistance = 'bhattacharyya'): number {
  if (a.length !== b.length) throw new RangeError(`histogramDistance: the histograms must have the same length; received ${a.length} and ${b.length}`);
  if (metric === 'bhattacharyya') {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += Math.sqrt(a[i] * b[i]);
    return Math.sqrt(Math.max(0, 1 - s));
  }
  if (metric === 'chi-square') {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const t = a[i] + b[i];
      if (t > 0) s += ((a[i] - b[i]) * (a[i] - b[i])) / t;
    }
    return s / 2;
  }
  throw new RangeError(`histogramDistance: 'metric' must be 'bhattacharyya' or 'chi-square'; received ${String(metric)}`);
}

/** Side of the grayscale thumbnails compared by `pixelDifference`. */
export const THUMBNAIL_SIZE = 32;

/** A `THUMBNAIL_SIZE`² grayscale thumbnail of `image` (area resampling), for `pixelDifference`. */
export function grayThumbnail(image: RawImage): Uint8Array {
  const gray = toGrayscale(checkImage('grayThumbnail', image));
  if (gray.width === THUMBNAIL_SIZE && gray.height === THUMBNAIL_SIZE) return gray.data;
  return resizeImage(gray, THUMBNAIL_SIZE, THUMBNAIL_SIZE, 'area').data;
}

/** Mean absolute difference of two thumbnails from `grayThumbnail`, in [0, 1]. */
export function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`pixelDifference: the thumbnails must have the same length; received ${a.length} and ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / (255 * a.length);
}
