/**
 * `ImagePreprocessing`: what turns a decoded image into a network input — colour mode, target size,
 * interpolation and rescale, as Keras' `flow_from_directory(target_size, color_mode, interpolation)`
 * with `ImageDataGenerator(rescale)`. Datasets carry it, and `ImageClassifier` saves it so `predict`
 * prepares new images the way the training images were prepared.
 */
import { toGrayscale, toRgb } from '../image/convert-color.js';
import { checkImage, type RawImage } from '../image/raw-image.js';
import { RESIZE_METHODS, resizeImage, type ResizeMethod } from '../image/resize-image.js';

/** Colour of the network input: 'rgb' (3 channels) or 'grayscale' (1). */
export type ColorMode = 'rgb' | 'grayscale';

/** How images become inputs `[height, width, channels]`. */
export interface ImagePreprocessing {
  /** Input height. */
  height: number;
  /** Input width. */
  width: number;
  /** 'rgb' or 'grayscale' (ITU-R 601-2 luma). */
  colorMode: ColorMode;
  /** Factor applied to the 0–255 values (e.g. 1/255). */
  rescale: number;
  /** Resampling when the size differs. */
  interpolation: ResizeMethod;
}

/** Channels of a colour mode. */
export function channelsOf(colorMode: ColorMode): 1 | 3 {
  return colorMode === 'grayscale' ? 1 : 3;
}

/** Validates a preprocessing object and returns a copy. */
export function checkPreprocessing(where: string, p: ImagePreprocessing): ImagePreprocessing {
  if (p === null || typeof p !== 'object') throw new TypeError(`${where}: 'preprocessing' must be an object; received ${p === null ? 'null' : typeof p}`);
  for (const k of ['height', 'width'] as const) {
    if (!Number.isInteger(p[k]) || p[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${String(p[k])}`);
  }
  if (p.colorMode !== 'rgb' && p.colorMode !== 'grayscale') throw new RangeError(`${where}: 'colorMode' must be 'rgb' or 'grayscale'; received ${String(p.colorMode)}`);
  if (typeof p.rescale !== 'number' || !Number.isFinite(p.rescale) || p.rescale === 0) throw new RangeError(`${where}: 'rescale' must be a finite non-zero number; received ${String(p.rescale)}`);
  if (!RESIZE_METHODS.includes(p.interpolation)) throw new RangeError(`${where}: 'interpolation' must be one of ${RESIZE_METHODS.join(', ')}; received ${String(p.interpolation)}`);
  return { height: p.height, width: p.width, colorMode: p.colorMode, rescale: p.rescale, interpolation: p.interpolation };
}

/** Writes the preprocessed pixels of `image` (`[height, width, channels]` floats) into `out` at `offset`. */
export function preprocessInto(image: RawImage, p: ImagePreprocessing, out: Float32Array, offset: number): void {
  checkImage('preprocessImage', image);
  let img = p.colorMode === 'grayscale' ? toGrayscale(image) : toRgb(image);
  if (img.width !== p.width || img.height !== p.height) img = resizeImage(img, p.width, p.height, p.interpolation);
  const d = img.data;
  for (let i = 0; i < d.length; i++) out[offset + i] = d[i] * p.rescale;
}

/** The preprocessed pixels of `image`: a Float32Array of `height·width·channels` values. */
export function preprocessImage(image: RawImage, p: ImagePreprocessing): Float32Array {
  const q = checkPreprocessing('preprocessImage', p);
  const out = new Float32Array(q.height * q.width * channelsOf(q.colorMode));
  preprocessInto(image, q, out, 0);
  return out;
}
