/**
 * `imageToTensor` / `tensorToImage`: a `RawImage` as a tfjs tensor `[H, W, C]` (int32 0–255, or
 * float32 0–1), and back.
 */
import { tf } from '@ml/core';
import { checkImage, type RawImage } from './raw-image.js';

/** Options of `imageToTensor`. */
export interface ImageToTensorOptions {
  /** 'int32' keeps 0–255; 'float32' divides by 255 (values in 0–1). @default 'float32' */
  dtype?: 'int32' | 'float32';
}

/** The pixels of `image` as a `[H, W, C]` tensor; the caller owns it. */
export function imageToTensor(image: RawImage, options: ImageToTensorOptions = {}): tf.Tensor3D {
  const { width, height, channels, data } = checkImage('imageToTensor', image);
  const dtype = options.dtype ?? 'float32';
  if (dtype === 'int32') return tf.tensor3d(Int32Array.from(data), [height, width, channels], 'int32');
  if (dtype !== 'float32') throw new RangeError(`imageToTensor: 'dtype' must be 'int32' or 'float32'; received ${String(dtype)}`);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] / 255;
  return tf.tensor3d(out, [height, width, channels], 'float32');
}

/**
 * The `RawImage` of a `[H, W, C]` tensor (C = 1, 3 or 4): int32 values are taken as 0–255, float32
 * as 0–1 (scaled by 255). Values are rounded and clipped to 0–255. Reads the tensor synchronously;
 * does not dispose it.
 */
export function tensorToImage(tensor: tf.Tensor): RawImage {
  const where = 'tensorToImage';
  if (!(tensor instanceof tf.Tensor) || tensor.rank !== 3) {
    throw new TypeError(`${where}: 'tensor' must be a [H, W, C] tensor; received ${tensor instanceof tf.Tensor ? `shape [${tensor.shape.join(', ')}]` : typeof tensor}`);
  }
  const [height, width, channels] = tensor.shape as [number, number, number];
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new RangeError(`${where}: 'tensor' must have 1, 3 or 4 channels; received ${channels}`);
  const values = tensor.dataSync();
  const scale = tensor.dtype === 'float32' ? 255 : 1;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i] * scale);
    if (Number.isNaN(v)) throw new RangeError(`${where}: 'tensor' holds NaN at flat index ${i}`);
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width, height, channels, data };
}
