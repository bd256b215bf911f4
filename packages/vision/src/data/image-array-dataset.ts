/**
 * `ImageArrayDataset`: images held in memory (`[N, H, W, C]` typed array, e.g. from `readIdx` or
 * `parseCsvPixels`) with integer labels, as an `ImageDataset`. Values are multiplied by `rescale` when
 * a batch is made; only the batch is uploaded.
 */
import { tf, type ArrayData, type TensorBatch } from '@ml/core';
import type { ImageDataset } from './image-dataset.js';
import type { ImagePreprocessing } from './image-preprocessing.js';

/** Options of `ImageArrayDataset`. */
export interface ImageArrayDatasetOptions {
  /** Class names, index → name. @default the label values as strings, '0' … String(max label) */
  classNames?: readonly string[] | null;
  /** Factor applied to the stored values. @default 1 / 255 */
  rescale?: number;
}

/** Defaults of `ImageArrayDatasetOptions`. */
export const IMAGE_ARRAY_DATASET_DEFAULTS = { classNames: null, rescale: 1 / 255 } as const satisfies Required<ImageArrayDatasetOptions>;

export class ImageArrayDataset implements ImageDataset {
  readonly classNames: readonly string[];
  readonly preprocessing: ImagePreprocessing;
  readonly labels: Int32Array;
  readonly #data: ArrayLike<number>;
  readonly #row: number;

  /**
   * @param images `{ data, shape: [N, H, W, C] }` with C = 1 or 3
   * @param labels one class index per image (0 … classes − 1)
   */
  constructor(images: ArrayData | { data: Uint8Array | Float32Array | Int32Array; shape: readonly number[] }, labels: ArrayLike<number>, options: ImageArrayDatasetOptions = {}) {
    const where = 'ImageArrayDataset';
    const o = { ...IMAGE_ARRAY_DATASET_DEFAULTS, ...options };
    const shape = images?.shape;
    if (!Array.isArray(shape) || shape.length !== 4 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new RangeError(`${where}: 'images.shape' must be [N, H, W, C] positive integers; received ${JSON.stringify(shape)}`);
    }
    const [n, h, w, c] = shape as number[];
    if (c !== 1 && c !== 3) throw new RangeError(`${where}: 'images' must have 1 or 3 channels; received ${c}`);
    if (images.data.length !== n * h * w * c) throw new RangeError(`${where}: 'images.data' must hold N·H·W·C = ${n * h * w * c} values; received ${images.data.length}`);
    if (labels === null || typeof labels !== 'object' || labels.length !== n) {
      throw new RangeError(`${where}: 'labels' must have one class index per image (${n}); received ${labels === null || typeof labels !== 'object' ? String(labels) : `length ${labels.length}`}`);
    }
    let max = -1;
    const lab = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = labels[i];
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`${where}: 'labels[${i}]' must be a non-negative integer class index; received ${String(v)}`);
      lab[i] = v;
      max = Math.max(max, v);
    }
    const classNames = o.classNames ?? Array.from({ length: max + 1 }, (_, i) => String(i));
    if (classNames.length <= max) throw new RangeError(`${where}: 'classNames' must name every label (max label ${max}); received ${classNames.length} names`);
    if (!(typeof o.rescale === 'number' && Number.isFinite(o.rescale) && o.rescale !== 0)) throw new RangeError(`${where}: 'rescale' must be a finite non-zero number; received ${String(o.rescale)}`);
    this.classNames = [...classNames];
    this.labels = lab;
    this.preprocessing = { height: h, width: w, colorMode: c === 1 ? 'grayscale' : 'rgb', rescale: o.rescale, interpolation: 'bilinear' };
    this.#data = images.data;
    this.#row = h * w * c;
  }

  get length(): number {
    return this.labels.length;
  }

  /** `{ features: [B, H, W, C] float32, targets: [B] int32 }`; the caller owns both. */
  getBatch(indices: Int32Array): TensorBatch {
    const { height, width, colorMode, rescale } = this.preprocessing;
    const c = colorMode === 'grayscale' ? 1 : 3;
    const row = this.#row;
    const out = new Float32Array(indices.length * row);
    const targets = new Int32Array(indices.length);
    indices.forEach((idx, b) => {
      if (!Number.isInteger(idx) || idx < 0 || idx >= this.labels.length) throw new RangeError(`ImageArrayDataset.getBatch: index ${idx} is outside [0, ${this.labels.length})`);
      for (let k = 0; k < row; k++) out[b * row + k] = this.#data[idx * row + k] * rescale;
      targets[b] = this.labels[idx];
    });
    return { features: tf.tensor4d(out, [indices.length, height, width, c]), targets: tf.tensor1d(targets, 'int32') };
  }

  /** A dataset of the rows `indices` (a view; the pixels are not copied). */
  subset(indices: ArrayLike<number>): ImageDataset {
    const rows = Int32Array.from(indices);
    const parent = this;
    return {
      classNames: this.classNames,
      preprocessing: this.preprocessing,
      labels: Int32Array.from(rows, (r) => parent.labels[r]),
      get length() {
        return rows.length;
      },
      getBatch: (idx: Int32Array) => parent.getBatch(Int32Array.from(idx, (i) => rows[i])),
    };
  }
}
