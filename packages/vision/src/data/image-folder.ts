/**
 * `ImageFolder`: a folder with one sub-folder of images per class, read as Keras'
 * `ImageDataGenerator(rescale, validation_split).flow_from_directory(directory, target_size,
 * color_mode, class_mode, interpolation, subset)` does (Keras 2.11 `DirectoryIterator`):
 * - classes are the sub-folder names, sorted; images are found recursively (folders visited in
 *   sorted path order, files sorted by name) with the extensions png/jpg/jpeg (any case);
 * - `validationSplit` keeps, per class, the first `floor(split·n)` files for 'validation' and the rest
 *   for 'training';
 * - targets per `classMode`: 'categorical' one-hot `[B, classes]` float32, 'binary' 0/1 `[B]` float32
 *   (exactly two classes), 'sparse' indices `[B]` int32, 'none' no targets.
 * Only the file list is held in memory: `getBatch` reads and decodes the files of that batch, so a
 * folder larger than memory streams. Shuffling is the `DataLoader`'s (seeded; see `loader`).
 * Node.js only (it reads the file system).
 * @see https://github.com/keras-team/keras/blob/v2.11.0/keras/preprocessing/image.py
 */
import { DataLoader, tf, type TensorBatch } from '@ml/core';
import { decodeImage } from '../image/decode-image.js';
import { ImageDecodeError } from '../image/raw-image.js';
import { RESIZE_METHODS, type ResizeMethod } from '../image/resize-image.js';
import type { ImageDataset } from './image-dataset.js';
import { channelsOf, checkPreprocessing, preprocessInto, type ColorMode, type ImagePreprocessing } from './image-preprocessing.js';

/** Targets `ImageFolder` yields. */
export type ClassMode = 'binary' | 'categorical' | 'sparse' | 'none';

/** Options of `ImageFolder.fromDirectory`. */
export interface ImageFolderOptions {
  /** `[height, width]` every image is resized to (Keras' `target_size`). @default [256, 256] */
  targetSize?: readonly [number, number];
  /** 'rgb' or 'grayscale' (Keras' `color_mode`). @default 'rgb' */
  colorMode?: ColorMode;
  /** Factor applied to the 0–255 values (Keras' `rescale`, e.g. 1/255). @default 1 */
  rescale?: number;
  /** Resampling when resizing (Keras' `interpolation`, whose default is nearest). @default 'nearest' */
  interpolation?: ResizeMethod;
  /** Targets (Keras' `class_mode`). @default 'categorical' */
  classMode?: ClassMode;
  /** Class sub-folders to use, in this index order; null takes every sub-folder, sorted. @default null */
  classes?: readonly string[] | null;
  /** Fraction of each class kept for validation (Keras' `validation_split`). @default 0 */
  validationSplit?: number;
  /** Which part to read when `validationSplit` > 0. @default 'training' */
  subset?: 'training' | 'validation';
  /** File extensions taken as images (lower case, with the dot). @default ['.png', '.jpg', '.jpeg'] */
  extensions?: readonly string[];
}

/** Defaults of `ImageFolderOptions`. */
export const IMAGE_FOLDER_DEFAULTS = {
  targetSize: [256, 256],
  colorMode: 'rgb',
  rescale: 1,
  interpolation: 'nearest',
  classMode: 'categorical',
  classes: null,
  validationSplit: 0,
  subset: 'training',
  extensions: ['.png', '.jpg', '.jpeg'],
} as const satisfies Required<ImageFolderOptions>;

interface SyncFs {
  readFileSync(path: string): Uint8Array;
}
interface NodeFsPromises {
  readdir(path: string, options: { withFileTypes: true }): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }[]>;
  stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean }>;
}

const CLASS_MODES: readonly ClassMode[] = ['binary', 'categorical', 'sparse', 'none'];

export class ImageFolder implements ImageDataset {
  /** The folder read. */
  readonly directory: string;
  readonly classNames: readonly string[];
  /** Class name → index. */
  readonly classIndices: Readonly<Record<string, number>>;
  readonly preprocessing: ImagePreprocessing;
  readonly classMode: ClassMode;
  /** Every image path, in dataset order (class by class). */
  readonly filepaths: readonly string[];
  /** The class index of every image. */
  readonly labels: Int32Array;
  readonly #fs: SyncFs;

  private constructor(directory: string, classNames: string[], filepaths: string[], labels: Int32Array, preprocessing: ImagePreprocessing, classMode: ClassMode, fs: SyncFs) {
    this.directory = directory;
    this.classNames = classNames;
    this.classIndices = Object.fromEntries(classNames.map((c, i) => [c, i]));
    this.filepaths = filepaths;
    this.labels = labels;
    this.preprocessing = preprocessing;
    this.classMode = classMode;
    this.#fs = fs;
  }

  /** Lists `directory` (one sub-folder per class) and returns the dataset; no image is decoded yet. */
  static async fromDirectory(directory: string, options: ImageFolderOptions = {}): Promise<ImageFolder> {
    const where = 'ImageFolder.fromDirectory';
    const o = { ...IMAGE_FOLDER_DEFAULTS, ...options };
    if (typeof directory !== 'string' || directory === '') throw new TypeError(`${where}: 'directory' must be a non-empty path; received ${JSON.stringify(directory)}`);
    if (!Array.isArray(o.targetSize) || o.targetSize.length !== 2) throw new RangeError(`${where}: 'targetSize' must be [height, width]; received ${JSON.stringify(o.targetSize)}`);
    if (!RESIZE_METHODS.includes(o.interpolation)) throw new RangeError(`${where}: 'interpolation' must be one of ${RESIZE_METHODS.join(', ')}; received ${String(o.interpolation)}`);
    const preprocessing = checkPreprocessing(where, { height: o.targetSize[0], width: o.targetSize[1], colorMode: o.colorMode, rescale: o.rescale, interpolation: o.interpolation });
    if (!CLASS_MODES.includes(o.classMode)) throw new RangeError(`${where}: 'classMode' must be one of ${CLASS_MODES.join(', ')}; received ${String(o.classMode)}`);
    if (typeof o.validationSplit !== 'number' || !(o.validationSplit >= 0 && o.validationSplit < 1)) throw new RangeError(`${where}: 'validationSplit' must be a number in [0, 1); received ${String(o.validationSplit)}`);
    if (o.subset !== 'training' && o.subset !== 'validation') throw new RangeError(`${where}: 'subset' must be 'training' or 'validation'; received ${String(o.subset)}`);
    const fsp = (await import('node:fs/promises')) as unknown as NodeFsPromises;
    const fs = (await import('node:fs')) as unknown as SyncFs;
    const path = await import('node:path');
    let entries: Awaited<ReturnType<NodeFsPromises['readdir']>>;
    try {
      entries = await fsp.readdir(directory, { withFileTypes: true });
    } catch (cause) {
      throw new Error(`${where}: cannot list '${directory}' (${(cause as Error).message})`, { cause });
    }
    const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const classNames = o.classes === null ? folders : [...o.classes];
    for (const c of classNames) {
      if (!folders.includes(c)) throw new RangeError(`${where}: class '${c}' has no sub-folder in '${directory}'; found [${folders.join(', ')}]`);
    }
    if (classNames.length === 0) throw new RangeError(`${where}: '${directory}' has no class sub-folders (expected one folder of images per class)`);
    if (o.classMode === 'binary' && classNames.length !== 2) throw new RangeError(`${where}: classMode 'binary' needs exactly 2 classes; '${directory}' has ${classNames.length} [${classNames.join(', ')}]`);
    const extensions = o.extensions.map((e) => e.toLowerCase());
    const filepaths: string[] = [];
    const labels: number[] = [];
    for (let ci = 0; ci < classNames.length; ci++) {
      const files = await listImages(fsp, path.join, path.join(directory, classNames[ci]), extensions);
      const n = files.length;
      const [start, stop] = o.validationSplit === 0 ? [0, n] : o.subset === 'validation' ? [0, Math.floor(o.validationSplit * n)] : [Math.floor(o.validationSplit * n), n];
      for (const f of files.slice(start, stop)) {
        filepaths.push(f);
        labels.push(ci);
      }
    }
    return new ImageFolder(directory, classNames, filepaths, Int32Array.from(labels), preprocessing, o.classMode, fs);
  }

  /** Images in this subset. */
  get length(): number {
    return this.filepaths.length;
  }

  /**
   * Reads and decodes the images at `indices`: `{ features: [B, H, W, C] float32, targets }` (see
   * `classMode`); the caller owns the tensors.
   * @throws {ImageDecodeError} naming the file that cannot be read or decoded.
   */
  getBatch(indices: Int32Array): TensorBatch {
    const p = this.preprocessing;
    const c = channelsOf(p.colorMode);
    const row = p.height * p.width * c;
    const out = new Float32Array(indices.length * row);
    indices.forEach((idx, b) => {
      const file = this.filepaths[idx];
      if (file === undefined) throw new RangeError(`ImageFolder.getBatch: index ${idx} is outside [0, ${this.length})`);
      let bytes: Uint8Array;
      try {
        bytes = this.#fs.readFileSync(file);
      } catch (cause) {
        throw new ImageDecodeError(`ImageFolder: cannot read '${file}' (${(cause as Error).message})`, file, { cause });
      }
      preprocessInto(decodeImage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { name: file }), p, out, b * row);
    });
    const features = tf.tensor4d(out, [indices.length, p.height, p.width, c]);
    const labels = Int32Array.from(indices, (i) => this.labels[i]);
    switch (this.classMode) {
      case 'none':
        return { features };
      case 'sparse':
        return { features, targets: tf.tensor1d(labels, 'int32') };
      case 'binary':
        return { features, targets: tf.tensor1d(Float32Array.from(labels), 'float32') };
      default: {
        const k = this.classNames.length;
        const onehot = new Float32Array(labels.length * k);
        labels.forEach((l, i) => (onehot[i * k + l] = 1));
        return { features, targets: tf.tensor2d(onehot, [labels.length, k]) };
      }
    }
  }

  /**
   * Batches for training loops (Keras' iterator): `batchSize` images, reshuffled every epoch from
   * `seed` when `shuffle`.
   */
  loader(options: { batchSize?: number; shuffle?: boolean; seed?: number } = {}): DataLoader<TensorBatch> {
    return new DataLoader(this, { batchSize: options.batchSize ?? 32, shuffle: options.shuffle ?? true, seed: options.seed ?? 0 });
  }
}

/** Image files under `dir`, recursively: folders in sorted path order, files sorted by name (as Keras). */
async function listImages(fsp: NodeFsPromises, join: (...p: string[]) => string, dir: string, extensions: readonly string[]): Promise<string[]> {
  const folders: { root: string; files: string[] }[] = [];
  const walk = async (root: string): Promise<void> => {
    const entries = await fsp.readdir(root, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      const full = join(root, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const s = await fsp.stat(full).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) await walk(full);
      else if (isFile && extensions.some((x) => e.name.toLowerCase().endsWith(x))) files.push(e.name);
    }
    folders.push({ root, files: files.sort() });
  };
  await walk(dir);
  folders.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  return folders.flatMap((f) => f.files.map((name) => join(f.root, name)));
}
