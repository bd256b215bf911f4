/**
 * A grid of images, as torchvision's `make_grid` (rows of `nrow` images separated by `padding`
 * pixels of `padValue`), returned as an 8-bit `RawImage` ready for `@ml/vision`'s `encodePng`.
 * @see https://pytorch.org/vision/0.14/generated/torchvision.utils.make_grid.html
 */
import type { tf } from '@ml/core';
import type { RawImage } from '@ml/vision';

export interface MakeImageGridOptions {
  /** Images per row. @default 8 */
  nrow?: number;
  /** Pixels between images and around the grid. @default 2 */
  padding?: number;
  /** The value range of the input, mapped to 0–255 (values outside are clipped). @default [-1, 1] */
  range?: readonly [number, number];
  /** Grey level (0–255) of the padding. @default 0 */
  padValue?: number;
}

export const MAKE_IMAGE_GRID_DEFAULTS = {
  nrow: 8,
  padding: 2,
  range: [-1, 1],
  padValue: 0,
} as const satisfies Required<MakeImageGridOptions>;

/**
 * Lays out `images` `[N, H, W, C]` (C 1 or 3; NHWC, as generators return them) in a grid. Reads the
 * tensor asynchronously (works on WebGPU); the caller keeps ownership of it.
 */
export async function makeImageGrid(images: tf.Tensor, options: MakeImageGridOptions = {}): Promise<RawImage> {
  const where = 'makeImageGrid';
  const { nrow, padding, range, padValue } = { ...MAKE_IMAGE_GRID_DEFAULTS, ...options };
  if (images.rank !== 4 || (images.shape[3] !== 1 && images.shape[3] !== 3) || images.shape[0] === 0) {
    throw new RangeError(`${where}: 'images' must be [N, H, W, C] with N >= 1 and C 1 or 3 (NHWC); received [${images.shape.join(', ')}]`);
  }
  if (!Number.isInteger(nrow) || nrow < 1) throw new RangeError(`${where}: 'nrow' must be an integer >= 1; received ${JSON.stringify(nrow)}`);
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`${where}: 'padding' must be an integer >= 0; received ${JSON.stringify(padding)}`);
  const [lo, hi] = range;
  if (!(hi > lo)) throw new RangeError(`${where}: 'range' must be [low, high] with high > low; received [${lo}, ${hi}]`);
  const [n, h, w, c] = images.shape as [number, number, number, 1 | 3];
  const cols = Math.min(nrow, n);
  const rows = Math.ceil(n / cols);
  const width = cols * (w + padding) + padding;
  const height = rows * (h + padding) + padding;
  const data = new Uint8Array(width * height * c).fill(padValue);
  const values = await images.data();
  for (let k = 0; k < n; k++) {
    const x0 = padding + (k % cols) * (w + padding);
    const y0 = padding + Math.floor(k / cols) * (h + padding);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let ch = 0; ch < c; ch++) {
          const v = values[((k * h + y) * w + x) * c + ch] as number;
          const scaled = Math.round(((v - lo) / (hi - lo)) * 255);
          data[((y0 + y) * width + x0 + x) * c + ch] = Math.min(255, Math.max(0, Number.isNaN(scaled) ? 0 : scaled));
        }
      }
    }
  }
  return { width, height, channels: c, data };
}
