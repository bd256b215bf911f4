/**
 * `ImageClassifier`: a CNN image classifier behind a Keras-like facade. `fit(dataset)` builds the
 * network (LeNet, a small VGG or a small ResNet) for the dataset's input size and classes and trains
 * it with `@ml/core`'s `fit` (Adam, cross-entropy, optional validation accuracy, early stopping and
 * per-batch augmentation); `evaluate` gives accuracy and the confusion matrix; `predict` gives
 * top-k labels with probabilities for decoded images or prepared tensors; `save`/`load` (and
 * `toBytes`/`fromBytes`) keep the weights, the class names and the preprocessing together.
 */
import {
  Adam,
  accuracyScore,
  confusionMatrix,
  crossEntropy,
  fit as trainModel,
  stateDictTensors,
  loadModelFiles,
  packModel,
  saveModelFiles,
  tf,
  toTensor,
  unpackModel,
  type AnyModule,
  type Callback,
  type EarlyStoppingOptions,
  type History,
  type LoadedModelFiles,
  type ProgressStream,
  type SafetensorsInput,
  type TensorBatch,
} from '@ml/core';
import type { RawImage } from '../image/raw-image.js';
import type { Augmentation } from '../augment/augmentation.js';
import { augmentDataset } from '../augment/augment-dataset.js';
import type { ImageDataset } from '../data/image-dataset.js';
import { channelsOf, checkPreprocessing, preprocessInto, type ImagePreprocessing } from '../data/image-preprocessing.js';
import { LeNet, type LeNetOptions } from '../models/lenet.js';
import { SmallVgg, type SmallVggOptions } from '../models/small-vgg.js';
import { SmallResNet, type SmallResNetOptions } from '../models/small-resnet.js';

/** The networks `ImageClassifier` can build. */
export type ImageArchitecture = 'lenet' | 'vgg' | 'resnet';

/** Options of `ImageClassifier`. */
export interface ImageClassifierOptions {
  /** The network. @default 'lenet' */
  architecture?: ImageArchitecture;
  /** Options of the network (`LeNetOptions`, `SmallVggOptions` or `SmallResNetOptions`, without size and seed). @default {} */
  network?: Omit<LeNetOptions, 'height' | 'width' | 'seed'> | Omit<SmallVggOptions, 'seed'> | Omit<SmallResNetOptions, 'seed'>;
  /** Seed of the weights, dropout, shuffling and augmentation. @default 0 */
  seed?: number;
}

/** Defaults of `ImageClassifierOptions`. */
export const IMAGE_CLASSIFIER_DEFAULTS = { architecture: 'lenet', network: {}, seed: 0 } as const satisfies Required<ImageClassifierOptions>;

/** Options of `ImageClassifier.fit`. */
export interface ImageClassifierFitOptions {
  /** Passes over the training images. @default 10 */
  epochs?: number;
  /** Images per optimizer step. @default 32 */
  batchSize?: number;
  /** Adam's learning rate. @default 1e-3 */
  lr?: number;
  /** Adam's L2 weight decay. @default 0 */
  weightDecay?: number;
  /** Images for validation loss and accuracy after every epoch (same classes and preprocessing). @default null */
  validationData?: ImageDataset | null;
  /** Random transforms applied to every training batch (seeded from `seed`). @default null */
  augmentation?: Augmentation | null;
  /** Stop when the monitored value stops improving (e.g. `{ monitor: 'val:accuracy', mode: 'max', patience: 2 }`). @default null */
  earlyStopping?: EarlyStoppingOptions | null;
  /** More `fit` callbacks. @default [] */
  callbacks?: Callback[];
  /** Progress bar stream, or false. @default false */
  progress?: ProgressStream | false;
  /** Log a line every N steps (0: never). @default 0 */
  logEvery?: number;
}

/** Defaults of `ImageClassifierFitOptions`. */
export const IMAGE_CLASSIFIER_FIT_DEFAULTS = {
  epochs: 10,
  batchSize: 32,
  lr: 1e-3,
  weightDecay: 0,
  validationData: null,
  augmentation: null,
  earlyStopping: null,
  callbacks: [],
  progress: false,
  logEvery: 0,
} as const satisfies Required<ImageClassifierFitOptions>;

/** One image's prediction. */
export interface ImagePrediction {
  /** The most probable class name. */
  label: string;
  /** Its index in `classNames`. */
  index: number;
  /** Its probability. */
  probability: number;
  /** The `topK` most probable classes, most probable first. */
  top: { label: string; index: number; probability: number }[];
}

/** What `evaluate` returns. */
export interface ImageEvaluation {
  /** Fraction of images whose most probable class is the true one. */
  accuracy: number;
  /** `matrix[i][j]`: images of class i predicted as class j (rows and columns in `classNames` order). */
  confusionMatrix: number[][];
  classNames: string[];
  /** Images seen. */
  samples: number;
}

/** Version of the saved config. */
export const IMAGE_CLASSIFIER_FORMAT_VERSION = 1;
const FORMAT = 'ml-vision/image-classifier';

/** Thrown when a method needs a fitted (or loaded) classifier. */
export class NotFittedError extends Error {
  constructor(what: string) {
    super(`${what}: this ImageClassifier is not fitted; call fit(dataset) or load a saved one first`);
    this.name = 'NotFittedError';
  }
}

/** Class indices `[B]` int32 from sparse, one-hot or 0/1 targets. */
function targetIndices(targets: tf.Tensor): tf.Tensor {
  if (targets.rank === 2) return tf.cast(tf.argMax(targets, -1), 'int32');
  return targets.dtype === 'int32' ? targets : tf.cast(tf.round(targets), 'int32');
}

export class ImageClassifier {
  readonly params: Readonly<Required<ImageClassifierOptions>>;
  #network: AnyModule | undefined;
  #classNames: string[] | undefined;
  #preprocessing: ImagePreprocessing | undefined;
  #history: History | undefined;

  constructor(options: ImageClassifierOptions = {}) {
    this.params = { ...IMAGE_CLASSIFIER_DEFAULTS, ...options };
  }

  /** Class names, index order of the probabilities. */
  get classNames(): string[] {
    return this.#fitted('classNames').classNames.slice();
  }

  /** The preprocessing new images go through in `predict`. */
  get preprocessing(): ImagePreprocessing {
    return { ...this.#fitted('preprocessing').preprocessing };
  }

  /** The trained network (owned by this classifier). */
  get network(): AnyModule {
    return this.#fitted('network').network;
  }

  /** Per-epoch history of the last `fit`. */
  get history(): History {
    if (this.#history === undefined) throw new NotFittedError('ImageClassifier.history');
    return this.#history;
  }

  #fitted(what: string): { network: AnyModule; classNames: string[]; preprocessing: ImagePreprocessing } {
    if (this.#network === undefined || this.#classNames === undefined || this.#preprocessing === undefined) throw new NotFittedError(`ImageClassifier.${what}`);
    return { network: this.#network, classNames: this.#classNames, preprocessing: this.#preprocessing };
  }

  #build(p: ImagePreprocessing, numClasses: number): AnyModule {
    const c = channelsOf(p.colorMode);
    const seed = this.params.seed;
    const net = this.params.network as Record<string, unknown>;
    switch (this.params.architecture) {
      case 'lenet':
        return new LeNet(c, numClasses, { ...(net as LeNetOptions), height: p.height, width: p.width, seed });
      case 'vgg':
        return new SmallVgg(c, numClasses, { ...(net as SmallVggOptions), seed });
      case 'resnet':
        return new SmallResNet(c, numClasses, { ...(net as SmallResNetOptions), seed });
      default:
        throw new RangeError(`ImageClassifier: 'architecture' must be 'lenet', 'vgg' or 'resnet'; received ${String(this.params.architecture)}`);
    }
  }

  /** Trains a new network on `dataset` and resolves to `this`. */
  async fit(dataset: ImageDataset, options: ImageClassifierFitOptions = {}): Promise<this> {
    const where = 'ImageClassifier.fit';
    checkDataset(where, 'dataset', dataset);
    const f = { ...IMAGE_CLASSIFIER_FIT_DEFAULTS, ...options };
    for (const k of ['epochs', 'batchSize'] as const) {
      if (!Number.isInteger(f[k]) || f[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${String(f[k])}`);
    }
    if (!(typeof f.lr === 'number' && f.lr > 0)) throw new RangeError(`${where}: 'lr' must be a number > 0; received ${String(f.lr)}`);
    const seed = this.params.seed;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`${where}: 'seed' must be an integer in [0, 2^32 - 1]; received ${String(seed)}`);
    const preprocessing = checkPreprocessing(where, dataset.preprocessing);
    const classNames = [...dataset.classNames];
    if (classNames.length < 2) throw new RangeError(`${where}: the dataset must have at least 2 classes; received ${classNames.length}`);
    const validation = f.validationData ?? undefined;
    if (validation !== undefined) {
      checkDataset(where, 'validationData', validation);
      if (validation.classNames.join('\u0000') !== classNames.join('\u0000')) {
        throw new RangeError(`${where}: 'validationData.classNames' must equal the training classes [${classNames.join(', ')}]; received [${validation.classNames.join(', ')}]`);
      }
    }

    this.dispose();
    const network = this.#build(preprocessing, classNames.length);
    this.#network = network;
    this.#classNames = classNames;
    this.#preprocessing = preprocessing;
    const train = f.augmentation === null ? dataset : augmentDataset(dataset, f.augmentation, { seed });
    const optimizer = new Adam(network.parameters(), { lr: f.lr, weightDecay: f.weightDecay });
    const computeLoss = (m: AnyModule, batch: TensorBatch): tf.Scalar => {
      if (batch.targets === undefined) throw new TypeError(`${where}: the dataset yields no targets (ImageFolder classMode 'none'?); training needs 'sparse', 'categorical' or 'binary' targets`);
      const logits = (m as unknown as { forward(x: tf.Tensor): tf.Tensor }).forward(batch.features);
      return crossEntropy(logits, targetIndices(batch.targets)) as tf.Scalar;
    };
    try {
      this.#history = await trainModel(network, train, {
        optimizer,
        computeLoss,
        epochs: f.epochs,
        batchSize: f.batchSize,
        seed,
        validation,
        metrics: validation === undefined ? undefined : { accuracy: (logits, y) => tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), targetIndices(y)), 'float32')) as tf.Scalar },
        earlyStopping: f.earlyStopping ?? undefined,
        callbacks: [...f.callbacks],
        progress: f.progress,
        logEvery: f.logEvery,
      });
    } finally {
      optimizer.dispose();
      network.eval();
    }
    return this;
  }

  /** Class probabilities `[N, classes]` of prepared inputs `[N, H, W, C]`; the caller owns the result. */
  predictProbaTensor(inputs: tf.Tensor4D, batchSize = 256): tf.Tensor2D {
    const { network, preprocessing } = this.#fitted('predictProbaTensor');
    const c = channelsOf(preprocessing.colorMode);
    if (!(inputs instanceof tf.Tensor) || inputs.rank !== 4 || inputs.shape[1] !== preprocessing.height || inputs.shape[2] !== preprocessing.width || inputs.shape[3] !== c) {
      throw new RangeError(`ImageClassifier.predict: 'inputs' must be [N, ${preprocessing.height}, ${preprocessing.width}, ${c}]; received ${inputs instanceof tf.Tensor ? `[${inputs.shape.join(', ')}]` : typeof inputs}`);
    }
    network.eval();
    const n = inputs.shape[0];
    const parts: tf.Tensor2D[] = [];
    for (let s = 0; s < n; s += batchSize) {
      const size = Math.min(batchSize, n - s);
      parts.push(tf.tidy(() => tf.softmax((network as unknown as { forward(x: tf.Tensor): tf.Tensor }).forward(tf.slice(inputs, [s, 0, 0, 0], [size, -1, -1, -1])) as tf.Tensor2D)));
    }
    if (parts.length === 1) return parts[0];
    const out = tf.concat(parts, 0);
    tf.dispose(parts);
    return out;
  }

  /** Prepared inputs `[N, H, W, C]` for decoded images (colour, size and rescale as in training); the caller owns them. */
  prepare(images: readonly RawImage[]): tf.Tensor4D {
    const { preprocessing: p } = this.#fitted('prepare');
    if (!Array.isArray(images)) throw new TypeError(`ImageClassifier.prepare: 'images' must be an array of RawImage; received ${typeof images}`);
    const c = channelsOf(p.colorMode);
    const row = p.height * p.width * c;
    const out = new Float32Array(images.length * row);
    images.forEach((img, i) => preprocessInto(img, p, out, i * row));
    return tf.tensor4d(out, [images.length, p.height, p.width, c]);
  }

  /**
   * The `topK` most probable classes of each image: decoded `RawImage`s (prepared as the training
   * images were) or a prepared tensor `[N, H, W, C]`.
   */
  async predict(images: readonly RawImage[] | tf.Tensor4D, options: { topK?: number } = {}): Promise<ImagePrediction[]> {
    const { classNames } = this.#fitted('predict');
    const topK = options.topK ?? 1;
    if (!Number.isInteger(topK) || topK < 1 || topK > classNames.length) throw new RangeError(`ImageClassifier.predict: 'topK' must be an integer in [1, ${classNames.length}]; received ${String(topK)}`);
    if ((images instanceof tf.Tensor ? images.shape[0] : images.length) === 0) return [];
    const inputs = images instanceof tf.Tensor ? images : this.prepare(images);
    let probs: tf.Tensor2D | undefined;
    try {
      probs = this.predictProbaTensor(inputs);
      const rows = (await probs.array()) as number[][];
      return rows.map((p) => {
        const order = p.map((v, i) => i).sort((a, b) => p[b] - p[a] || a - b).slice(0, topK);
        const top = order.map((i) => ({ label: classNames[i], index: i, probability: p[i] }));
        return { label: top[0].label, index: top[0].index, probability: top[0].probability, top };
      });
    } finally {
      probs?.dispose();
      if (!(images instanceof tf.Tensor)) inputs.dispose();
    }
  }

  /** Accuracy and confusion matrix on `dataset` (targets sparse, one-hot or 0/1). */
  async evaluate(dataset: ImageDataset, options: { batchSize?: number } = {}): Promise<ImageEvaluation> {
    const where = 'ImageClassifier.evaluate';
    const { network, classNames } = this.#fitted('evaluate');
    checkDataset(where, 'dataset', dataset);
    const batchSize = options.batchSize ?? 256;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: 'batchSize' must be a positive integer; received ${String(batchSize)}`);
    network.eval();
    const yTrue: number[] = [];
    const yPred: number[] = [];
    for (let s = 0; s < dataset.length; s += batchSize) {
      const idx = Int32Array.from({ length: Math.min(batchSize, dataset.length - s) }, (_, i) => s + i);
      const batch = dataset.getBatch(idx);
      try {
        if (batch.targets === undefined) throw new TypeError(`${where}: the dataset has no targets (classMode 'none'?); evaluation needs labels`);
        const [t, p] = tf.tidy(() => [targetIndices(batch.targets as tf.Tensor), tf.argMax((network as unknown as { forward(x: tf.Tensor): tf.Tensor }).forward(batch.features), -1)]);
        yTrue.push(...(await t.data()));
        yPred.push(...(await p.data()));
        tf.dispose([t, p]);
      } finally {
        tf.dispose([batch.features, batch.targets as tf.Tensor]);
      }
    }
    if (yTrue.length === 0) throw new RangeError(`${where}: 'dataset' is empty`);
    const labels = classNames.map((_, i) => i);
    return {
      accuracy: accuracyScore(yTrue, yPred),
      confusionMatrix: confusionMatrix(yTrue, yPred, { labels }),
      classNames: [...classNames],
      samples: yTrue.length,
    };
  }

  async #files(): Promise<{ config: Record<string, unknown>; tensors: Record<string, SafetensorsInput> }> {
    const { network, classNames, preprocessing } = this.#fitted('save');
    const config = { format: FORMAT, version: IMAGE_CLASSIFIER_FORMAT_VERSION, params: { ...this.params }, classNames, preprocessing };
    const tensors = await stateDictTensors(network);
    return { config, tensors };
  }

  /** Writes `config.json` (options, class names, preprocessing) and `model.safetensors` into `dir` (Node.js). */
  async save(dir: string): Promise<void> {
    await saveModelFiles(dir, await this.#files());
  }

  /** The whole model as one byte array (browsers); read it with `fromBytes`. */
  async toBytes(): Promise<Uint8Array> {
    return packModel(await this.#files());
  }

  /** Reads a folder written by `save` (Node.js). */
  static async load(dir: string): Promise<ImageClassifier> {
    return restore(await loadModelFiles(dir), 'ImageClassifier.load');
  }

  /** Reads bytes written by `toBytes`. */
  static fromBytes(bytes: Uint8Array): ImageClassifier {
    return restore(unpackModel(bytes), 'ImageClassifier.fromBytes');
  }

  /** @internal */
  setState(network: AnyModule, classNames: string[], preprocessing: ImagePreprocessing): void {
    this.dispose();
    this.#network = network;
    this.#classNames = classNames;
    this.#preprocessing = preprocessing;
  }

  /** @internal */
  buildNetwork(p: ImagePreprocessing, numClasses: number): AnyModule {
    return this.#build(p, numClasses);
  }

  /** Frees the network's tensors; the classifier is unfitted afterwards. */
  dispose(): void {
    this.#network?.dispose();
    this.#network = undefined;
    this.#classNames = undefined;
    this.#preprocessing = undefined;
  }
}

function checkDataset(where: string, name: string, d: ImageDataset): void {
  if (d === null || typeof d !== 'object' || typeof d.getBatch !== 'function' || !Array.isArray(d.classNames) || typeof d.preprocessing !== 'object') {
    throw new TypeError(`${where}: '${name}' must be an ImageDataset (ImageFolder, ImageArrayDataset, …) with getBatch, classNames and preprocessing; received ${d === null ? 'null' : typeof d}`);
  }
  if (!Number.isInteger(d.length) || d.length < 1) throw new RangeError(`${where}: '${name}' must hold at least one image; received length ${String(d.length)}`);
}

function restore(files: LoadedModelFiles, where: string): ImageClassifier {
  const c = files.config as Record<string, unknown>;
  if (c.format !== FORMAT) throw new TypeError(`${where}: expected a saved ImageClassifier (format '${FORMAT}'); received format ${JSON.stringify(c.format)}`);
  if (c.version !== IMAGE_CLASSIFIER_FORMAT_VERSION) throw new RangeError(`${where}: unsupported version ${JSON.stringify(c.version)}; this release reads version ${IMAGE_CLASSIFIER_FORMAT_VERSION}`);
  const classifier = new ImageClassifier(c.params as ImageClassifierOptions);
  const preprocessing = checkPreprocessing(where, c.preprocessing as ImagePreprocessing);
  const classNames = c.classNames as string[];
  const network = classifier.buildNetwork(preprocessing, classNames.length);
  const state = new Map<string, tf.Tensor>();
  try {
    for (const [name, entry] of files.tensors) state.set(name, toTensor(entry, name));
    network.loadStateDict(state);
  } catch (cause) {
    network.dispose();
    throw new Error(`${where}: the weights do not fit the saved config (${(cause as Error).message})`, { cause });
  } finally {
    tf.dispose([...state.values()]);
  }
  network.eval();
  classifier.setState(network, classNames, preprocessing);
  return classifier;
}
