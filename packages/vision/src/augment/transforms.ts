/**
 * The random transforms of `@ml/vision`, after Keras' `ImageDataGenerator` and torchvision's
 * `transforms`: flip, rotation, shift, zoom, crop (pad and crop back), brightness, contrast and
 * cutout (DeVries and Taylor, "Improved regularization of convolutional neural networks with
 * cutout", 2017), and `compose` to chain them. Every draw comes from the `Rng` passed to `apply`.
 */
import type { Rng } from '@ml/core';
import { checkPair, checkRange, type Augmentation, type FloatImage } from './augmentation.js';
import { warpAffine } from './warp-affine.js';

/** Options of `randomFlip`. */
export interface RandomFlipOptions {
  /** Mirror left–right. @default true */
  horizontal?: boolean;
  /** Mirror top–bottom. @default false */
  vertical?: boolean;
  /** Probability of each enabled flip. @default 0.5 */
  p?: number;
}
export const RANDOM_FLIP_DEFAULTS = { horizontal: true, vertical: false, p: 0.5 } as const satisfies Required<RandomFlipOptions>;

/** Mirrors the image left–right and/or top–bottom, each with probability `p`. */
export function randomFlip(options: RandomFlipOptions = {}): Augmentation {
  const o = { ...RANDOM_FLIP_DEFAULTS, ...options };
  checkRange('randomFlip', 'p', o.p, 0, 1);
  return {
    name: `randomFlip(${[o.horizontal ? 'horizontal' : '', o.vertical ? 'vertical' : ''].filter(Boolean).join('+')}, p=${o.p})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const flipX = o.horizontal && rng.random() < o.p;
      const flipY = o.vertical && rng.random() < o.p;
      if (!flipX && !flipY) return img;
      const { data, height: h, width: w, channels: c } = img;
      const out = new Float32Array(data.length);
      for (let y = 0; y < h; y++) {
        const sy = flipY ? h - 1 - y : y;
        for (let x = 0; x < w; x++) {
          const sx = flipX ? w - 1 - x : x;
          for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = data[(sy * w + sx) * c + k];
        }
      }
      return { ...img, data: out };
    },
  };
}

/** Options of the geometric transforms: the value of pixels from outside the image. */
export interface FillOptions {
  /** Value of pixels that come from outside the image. @default 0 */
  fill?: number;
}

/** Options of `randomRotation`. */
export interface RandomRotationOptions extends FillOptions {
  /** Rotate by a uniform angle in [−degrees, degrees] (Keras' `rotation_range`). @default 15 */
  degrees?: number;
}
export const RANDOM_ROTATION_DEFAULTS = { degrees: 15, fill: 0 } as const satisfies Required<RandomRotationOptions>;

/** Rotates about the centre by a uniform angle in ±`degrees` (bilinear, constant fill). */
export function randomRotation(options: RandomRotationOptions = {}): Augmentation {
  const o = { ...RANDOM_ROTATION_DEFAULTS, ...options };
  checkRange('randomRotation', 'degrees', o.degrees, 0, 180);
  return {
    name: `randomRotation(±${o.degrees}°)`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const t = (rng.uniform(-o.degrees, o.degrees) * Math.PI) / 180;
      const cos = Math.cos(t);
      const sin = Math.sin(t);
      return warpAffine(img, [cos, -sin, sin, cos], [0, 0], o.fill);
    },
  };
}

/** Options of `randomShift`. */
export interface RandomShiftOptions extends FillOptions {
  /** Largest horizontal shift, a fraction of the width (Keras' `width_shift_range`). @default 0.1 */
  width?: number;
  /** Largest vertical shift, a fraction of the height (`height_shift_range`). @default 0.1 */
  height?: number;
}
export const RANDOM_SHIFT_DEFAULTS = { width: 0.1, height: 0.1, fill: 0 } as const satisfies Required<RandomShiftOptions>;

/** Translates by uniform fractions of the size in ±`width`, ±`height` (sub-pixel, bilinear). */
export function randomShift(options: RandomShiftOptions = {}): Augmentation {
  const o = { ...RANDOM_SHIFT_DEFAULTS, ...options };
  checkRange('randomShift', 'width', o.width, 0, 1);
  checkRange('randomShift', 'height', o.height, 0, 1);
  return {
    name: `randomShift(±${o.width}, ±${o.height})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const tx = rng.uniform(-o.width, o.width) * img.width;
      const ty = rng.uniform(-o.height, o.height) * img.height;
      return warpAffine(img, [1, 0, 0, 1], [-tx, -ty], o.fill);
    },
  };
}

/** Options of `randomZoom`. */
export interface RandomZoomOptions extends FillOptions {
  /** Scale factors drawn uniformly from [low, high]; > 1 zooms in. @default [0.9, 1.1] */
  range?: readonly [number, number];
}
export const RANDOM_ZOOM_DEFAULTS = { range: [0.9, 1.1], fill: 0 } as const satisfies Required<RandomZoomOptions>;

/** Scales about the centre by a uniform factor in `range` (same factor on both axes). */
export function randomZoom(options: RandomZoomOptions = {}): Augmentation {
  const o = { ...RANDOM_ZOOM_DEFAULTS, ...options };
  const [lo, hi] = checkPair('randomZoom', 'range', o.range, 0.01, 100);
  return {
    name: `randomZoom(${lo}–${hi})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const z = rng.uniform(lo, hi);
      return warpAffine(img, [1 / z, 0, 0, 1 / z], [0, 0], o.fill);
    },
  };
}

/** Options of `randomCrop`. */
export interface RandomCropOptions extends FillOptions {
  /** Pixels of padding on each side before a crop back to the original size (torchvision's `RandomCrop(size, padding)`). @default 4 */
  padding?: number;
}
export const RANDOM_CROP_DEFAULTS = { padding: 4, fill: 0 } as const satisfies Required<RandomCropOptions>;

/** Pads by `padding` pixels and crops the original size at a uniform integer offset. */
export function randomCrop(options: RandomCropOptions = {}): Augmentation {
  const o = { ...RANDOM_CROP_DEFAULTS, ...options };
  if (!Number.isInteger(o.padding) || o.padding < 0) throw new RangeError(`randomCrop: 'padding' must be a non-negative integer; received ${String(o.padding)}`);
  return {
    name: `randomCrop(padding=${o.padding})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const dx = rng.int(2 * o.padding + 1) - o.padding;
      const dy = rng.int(2 * o.padding + 1) - o.padding;
      if (dx === 0 && dy === 0) return img;
      const { data, height: h, width: w, channels: c } = img;
      const out = new Float32Array(data.length).fill(o.fill);
      for (let y = 0; y < h; y++) {
        const sy = y + dy;
        if (sy < 0 || sy >= h) continue;
        for (let x = 0; x < w; x++) {
          const sx = x + dx;
          if (sx < 0 || sx >= w) continue;
          for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = data[(sy * w + sx) * c + k];
        }
      }
      return { ...img, data: out };
    },
  };
}

/** Options of `randomBrightness`. */
export interface RandomBrightnessOptions {
  /** Adds a uniform delta in ±maxDelta to every value (`tf.image.random_brightness`). @default 0.1 */
  maxDelta?: number;
}
export const RANDOM_BRIGHTNESS_DEFAULTS = { maxDelta: 0.1 } as const satisfies Required<RandomBrightnessOptions>;

/** Adds one uniform delta in ±`maxDelta` to every value of the image. */
export function randomBrightness(options: RandomBrightnessOptions = {}): Augmentation {
  const o = { ...RANDOM_BRIGHTNESS_DEFAULTS, ...options };
  checkRange('randomBrightness', 'maxDelta', o.maxDelta, 0, Number.MAX_VALUE);
  return {
    name: `randomBrightness(±${o.maxDelta})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const delta = rng.uniform(-o.maxDelta, o.maxDelta);
      const out = Float32Array.from(img.data, (v) => v + delta);
      return { ...img, data: out };
    },
  };
}

/** Options of `randomContrast`. */
export interface RandomContrastOptions {
  /** Contrast factors drawn from [low, high]: each channel becomes (x − mean)·f + mean (`tf.image.random_contrast`). @default [0.8, 1.2] */
  range?: readonly [number, number];
}
export const RANDOM_CONTRAST_DEFAULTS = { range: [0.8, 1.2] } as const satisfies Required<RandomContrastOptions>;

/** Scales each channel's deviation from its mean by a uniform factor in `range`. */
export function randomContrast(options: RandomContrastOptions = {}): Augmentation {
  const o = { ...RANDOM_CONTRAST_DEFAULTS, ...options };
  const [lo, hi] = checkPair('randomContrast', 'range', o.range, 0, 100);
  return {
    name: `randomContrast(${lo}–${hi})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      const f = rng.uniform(lo, hi);
      const { data, channels: c } = img;
      const n = data.length / c;
      const out = new Float32Array(data.length);
      for (let k = 0; k < c; k++) {
        let mean = 0;
        for (let i = 0; i < n; i++) mean += data[i * c + k];
        mean /= n;
        for (let i = 0; i < n; i++) out[i * c + k] = (data[i * c + k] - mean) * f + mean;
      }
      return { ...img, data: out };
    },
  };
}

/** Options of `cutout`. */
export interface CutoutOptions extends FillOptions {
  /** Side of the square, as a fraction of the shorter image side. @default 0.25 */
  size?: number;
  /** Probability of applying it. @default 1 */
  p?: number;
}
export const CUTOUT_DEFAULTS = { size: 0.25, p: 1, fill: 0 } as const satisfies Required<CutoutOptions>;

/** Fills a square of side `size`·min(H, W) centred at a uniform pixel (clipped at the borders) with `fill`. */
export function cutout(options: CutoutOptions = {}): Augmentation {
  const o = { ...CUTOUT_DEFAULTS, ...options };
  checkRange('cutout', 'size', o.size, 0, 1);
  checkRange('cutout', 'p', o.p, 0, 1);
  return {
    name: `cutout(size=${o.size}, p=${o.p})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      if (rng.random() >= o.p) return img;
      const { data, height: h, width: w, channels: c } = img;
      const side = Math.max(1, Math.round(o.size * Math.min(h, w)));
      const cy = rng.int(h);
      const cx = rng.int(w);
      const out = data.slice();
      const y0 = Math.max(0, cy - (side >> 1));
      const x0 = Math.max(0, cx - (side >> 1));
      for (let y = y0; y < Math.min(h, y0 + side); y++) out.fill(o.fill, (y * w + x0) * c, (y * w + Math.min(w, x0 + side)) * c);
      return { ...img, data: out };
    },
  };
}

/** Applies `transforms` in order. */
export function compose(transforms: readonly Augmentation[]): Augmentation {
  if (!Array.isArray(transforms) || !transforms.every((t) => t !== null && typeof t === 'object' && typeof t.apply === 'function')) {
    throw new TypeError("compose: 'transforms' must be an array of augmentations (objects with apply(image, rng))");
  }
  return {
    name: `compose(${transforms.map((t) => t.name).join(', ')})`,
    apply(img: FloatImage, rng: Rng): FloatImage {
      return transforms.reduce((acc, t) => t.apply(acc, rng), img);
    },
  };
}
