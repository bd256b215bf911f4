/**
 * `Augmentation`: a random image transform, applied image by image to a batch on the host with a
 * seeded `Rng`, so the same seed and the same sequence of batches give the same images on every
 * backend. Images are float `[H, W, C]` (usually after `rescale`); transforms keep the size.
 */
import type { Rng } from '@ml/core';

/** A float image `[height, width, channels]`, row-major, channels interleaved. */
export interface FloatImage {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}

/** A random transform of one image; returns the new image (it may reuse `image.data`). */
export interface Augmentation {
  /** What it does, for logs, e.g. 'randomFlip(horizontal, p=0.5)'. */
  readonly name: string;
  apply(image: FloatImage, rng: Rng): FloatImage;
}

/** Checks a number option in a range. */
export function checkRange(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${where}: '${name}' must be a number in [${min}, ${max}]; received ${String(value)}`);
  }
  return value;
}

/** Checks a `[low, high]` pair within `[min, max]`. */
export function checkPair(where: string, name: string, value: unknown, min: number, max: number): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) || value[0] > value[1]) {
    throw new RangeError(`${where}: '${name}' must be [low, high] with ${min} <= low <= high <= ${max}; received ${JSON.stringify(value)}`);
  }
  return [value[0], value[1]];
}
