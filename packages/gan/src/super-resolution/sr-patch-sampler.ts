/**
 * `SrPatchSampler`: random low-/high-resolution patch pairs for super-resolution training, the
 * protocol of SRResNet/SRGAN: each training image is cropped to a multiple of the scale and
 * downsampled once with Pillow's bicubic filter (`resizeImage(…, 'bicubic')`); a batch takes seeded
 * random aligned crops of both, with random horizontal/vertical flips.
 *
 * Letters: N batch, p high-resolution patch size, s scale, C channels.
 */
import { tf, Rng } from '@ml/core';
import { cropImage, resizeImage, type RawImage } from '@ml/vision';

export interface SrPatchSamplerOptions {
  /** Upscaling factor s. @default 2 */
  scale?: number;
  /** High-resolution patch side p (a multiple of `scale`); low-resolution patches are p/s. @default 64 */
  patchSize?: number;
  /** Patch pairs per batch. @default 16 */
  batchSize?: number;
  /** Random horizontal and vertical flips. @default true */
  flips?: boolean;
  /** Seed of the crops and flips. @default 0 */
  seed?: number;
}

export const SR_PATCH_SAMPLER_DEFAULTS = { scale: 2, patchSize: 64, batchSize: 16, flips: true, seed: 0 } as const satisfies Required<SrPatchSamplerOptions>;

/** One batch: `lr` `[N, p/s, p/s, C]` and `hr` `[N, p, p, C]`, float32 in 0–1, owned by the caller. */
export interface SrBatch {
  lr: tf.Tensor4D;
  hr: tf.Tensor4D;
}

export class SrPatchSampler {
  readonly options: Readonly<Required<SrPatchSamplerOptions>>;
  readonly channels: number;
  readonly #pairs: { hr: RawImage; lr: RawImage }[];
  readonly #rng: Rng;

  constructor(images: readonly RawImage[], options: SrPatchSamplerOptions = {}) {
    const where = 'SrPatchSampler';
    const o = { ...SR_PATCH_SAMPLER_DEFAULTS, ...options };
    for (const key of ['scale', 'patchSize', 'batchSize'] as const) {
      if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`${where}: '${key}' must be a positive integer; received ${String(o[key])}`);
    }
    if (o.patchSize % o.scale !== 0) throw new RangeError(`${where}: 'patchSize' must be a multiple of 'scale' = ${o.scale}; received ${o.patchSize}`);
    if (!Array.isArray(images) || images.length === 0) throw new TypeError(`${where}: 'images' must be a non-empty array of RawImage; received ${Array.isArray(images) ? 'an empty array' : typeof images}`);
    this.options = Object.freeze(o);
    this.channels = images[0]!.channels;
    this.#pairs = images.map((im, i) => {
      if (im.channels !== this.channels) throw new RangeError(`${where}: every image must have ${this.channels} channels (as images[0]); images[${i}] has ${im.channels}`);
      if (im.width < o.patchSize || im.height < o.patchSize) {
        throw new RangeError(`${where}: images[${i}] (${im.width}×${im.height}) is smaller than 'patchSize' = ${o.patchSize}`);
      }
      const w = im.width - (im.width % o.scale);
      const h = im.height - (im.height % o.scale);
      const hr = w === im.width && h === im.height ? im : cropImage(im, 0, 0, w, h);
      return { hr, lr: resizeImage(hr, w / o.scale, h / o.scale, 'bicubic') };
    });
    this.#rng = new Rng(o.seed);
  }

  /** The next random batch (see {@link SrBatch}). */
  next(): SrBatch {
    const { scale: s, patchSize: p, batchSize: n, flips } = this.options;
    const q = p / s;
    const c = this.channels;
    const hrData = new Float32Array(n * p * p * c);
    const lrData = new Float32Array(n * q * q * c);
    const copy = (src: RawImage, x0: number, y0: number, size: number, flipX: boolean, flipY: boolean, dst: Float32Array, offset: number): void => {
      for (let y = 0; y < size; y++) {
        const sy = y0 + (flipY ? size - 1 - y : y);
        for (let x = 0; x < size; x++) {
          const sx = x0 + (flipX ? size - 1 - x : x);
          const si = (sy * src.width + sx) * c;
          const di = offset + (y * size + x) * c;
          for (let k = 0; k < c; k++) dst[di + k] = src.data[si + k]! / 255;
        }
      }
    };
    for (let b = 0; b < n; b++) {
      const { hr, lr } = this.#pairs[this.#rng.int(this.#pairs.length)]!;
      const lx = this.#rng.int(lr.width - q + 1);
      const ly = this.#rng.int(lr.height - q + 1);
      const flipX = flips && this.#rng.random() < 0.5;
      const flipY = flips && this.#rng.random() < 0.5;
      copy(hr, lx * s, ly * s, p, flipX, flipY, hrData, b * p * p * c);
      copy(lr, lx, ly, q, flipX, flipY, lrData, b * q * q * c);
    }
    return { lr: tf.tensor4d(lrData, [n, q, q, c]), hr: tf.tensor4d(hrData, [n, p, p, c]) };
  }
}
