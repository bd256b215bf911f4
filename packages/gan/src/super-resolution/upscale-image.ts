/**
 * `upscaleImage`: runs a super-resolution model over an image of any size in tiles. Each tile of
 * `tileSize`² input pixels is run with `overlap` pixels of real context on every side (less at the
 * image border, where the model zero-pads as it would untiled), and only the tile's own output
 * region is kept. With `overlap` ≥ the model's receptive radius (the default for `SrResNet`), every
 * output pixel sees exactly the input it sees untiled, so the tiled result equals the untiled one
 * (BatchNorm in eval mode; the model runs in eval mode here).
 *
 * Letters: H×W input size, s scale, C channels.
 */
import { tf } from '@ml/core';
import { imageToTensor, tensorToImage, toRgb, type RawImage } from '@ml/vision';
import type { SrGenerator } from './train-sr.js';

export interface UpscaleImageOptions {
  /** Input pixels per tile side; bounds memory. @default 128 */
  tileSize?: number;
  /** Context pixels around each tile. @default the model's `receptiveRadius()` (exact), else 16 */
  overlap?: number;
}

export const UPSCALE_IMAGE_DEFAULTS = { tileSize: 128 } as const satisfies Partial<Record<keyof UpscaleImageOptions, number>>;

/** A model `upscaleImage` can run: image to image, with its scale (`SrResNet`). */
export interface UpscaleModel extends SrGenerator {
  readonly scale: number;
  receptiveRadius?(): number;
}

/**
 * `image` upscaled by `model.scale`. A `RawImage` gives a `RawImage` (RGBA and grayscale inputs go
 * through `toRgb` when the model is RGB; alpha is dropped); a `[H, W, C]` float32 tensor in 0–1 gives
 * a `[H·s, W·s, C]` tensor owned by the caller (values not clipped).
 */
export async function upscaleImage(model: UpscaleModel, image: RawImage, options?: UpscaleImageOptions): Promise<RawImage>;
export async function upscaleImage(model: UpscaleModel, image: tf.Tensor3D, options?: UpscaleImageOptions): Promise<tf.Tensor3D>;
export async function upscaleImage(model: UpscaleModel, image: RawImage | tf.Tensor3D, options: UpscaleImageOptions = {}): Promise<RawImage | tf.Tensor3D> {
  const where = 'upscaleImage';
  const scale = model?.scale;
  if (typeof model?.forward !== 'function' || !Number.isInteger(scale) || scale < 1) {
    throw new TypeError(`${where}: 'model' must be an SrResNet (a module with forward and an integer scale); received ${typeof model}`);
  }
  const tileSize = options.tileSize ?? UPSCALE_IMAGE_DEFAULTS.tileSize;
  const overlap = options.overlap ?? model.receptiveRadius?.() ?? 16;
  if (!Number.isInteger(tileSize) || tileSize < 1) throw new RangeError(`${where}: 'tileSize' must be a positive integer; received ${String(tileSize)}`);
  if (!Number.isInteger(overlap) || overlap < 0) throw new RangeError(`${where}: 'overlap' must be a non-negative integer; received ${String(overlap)}`);

  if (image instanceof tf.Tensor) {
    if (image.rank !== 3 || image.dtype !== 'float32') {
      throw new TypeError(`${where}: 'image' must be a RawImage or a float32 [H, W, C] tensor in 0–1; received ${image.dtype} [${image.shape.join(', ')}]`);
    }
    return runTiled(model, image, scale, tileSize, overlap);
  }
  if (image === null || typeof image !== 'object' || !(image.data instanceof Uint8Array)) {
    throw new TypeError(`${where}: 'image' must be a RawImage or a float32 [H, W, C] tensor; received ${image === null ? 'null' : typeof image}`);
  }
  const rgb = image.channels !== 3 && model.parameters().length > 0 && inputChannels(model) === 3 ? toRgb(image) : image;
  const input = imageToTensor(rgb); // [H, W, C] in 0–1
  const out = await runTiled(model, input, scale, tileSize, overlap);
  input.dispose();
  try {
    // tensorToImage reads synchronously; read asynchronously (WebGPU) into a CPU tensor first.
    const values = await out.data();
    const cpu = tf.tensor3d(values as Float32Array, out.shape as [number, number, number]);
    const result = tensorToImage(cpu);
    cpu.dispose();
    return result;
  } finally {
    out.dispose();
  }
}

/** The channel count the model's `options.channels` declares (3 when unknown). */
function inputChannels(model: UpscaleModel): number {
  const options = (model as { options?: { channels?: unknown } }).options;
  return typeof options?.channels === 'number' ? options.channels : 3;
}

async function runTiled(model: UpscaleModel, image: tf.Tensor3D, s: number, tile: number, overlap: number): Promise<tf.Tensor3D> {
  const [h, w] = image.shape;
  const wasTraining = model.training;
  model.eval();
  try {
    const rows: tf.Tensor3D[] = [];
    for (let y0 = 0; y0 < h; y0 += tile) {
      const y1 = Math.min(h, y0 + tile);
      const cols: tf.Tensor3D[] = [];
      for (let x0 = 0; x0 < w; x0 += tile) {
        const x1 = Math.min(w, x0 + tile);
        const cy0 = Math.max(0, y0 - overlap);
        const cx0 = Math.max(0, x0 - overlap);
        const cy1 = Math.min(h, y1 + overlap);
        const cx1 = Math.min(w, x1 + overlap);
        cols.push(
          tf.tidy(() => {
            const ctx = tf.slice(image, [cy0, cx0, 0], [cy1 - cy0, cx1 - cx0, -1]); // [ch, cw, C] tile with context
            const out = model.forward(tf.expandDims(ctx, 0)); // [1, ch·s, cw·s, C]
            return tf.squeeze(tf.slice(out, [0, (y0 - cy0) * s, (x0 - cx0) * s, 0], [1, (y1 - y0) * s, (x1 - x0) * s, -1]), [0]) as tf.Tensor3D;
          }),
        );
        // Let the backend finish one tile before queueing the next (bounds memory on WebGPU).
        await cols[cols.length - 1]!.data();
      }
      rows.push(cols.length === 1 ? cols[0]! : tf.concat(cols, 1));
      if (cols.length > 1) tf.dispose(cols);
    }
    const out = rows.length === 1 ? rows[0]! : tf.concat(rows, 0);
    if (rows.length > 1) tf.dispose(rows);
    return out;
  } finally {
    model.train(wasTraining);
  }
}
