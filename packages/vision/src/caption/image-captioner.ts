/**
 * `ImageCaptioner`: image captioning behind one facade. `fit(images, captions)` builds a word
 * vocabulary (`@ml/text`'s `Vocabulary`) and trains a {@link CaptionNetwork} (CNN encoder + LSTM
 * decoder with Bahdanau attention over the CNN grid) with teacher forcing, Adam and gradient-norm
 * clipping; `caption` decodes greedily or with `@ml/sequence`'s beam search (GNMT length penalty);
 * `evaluate` gives corpus BLEU-1…4 (`@ml/core`'s `corpusBleu`, NLTK's `corpus_bleu` without
 * smoothing, cumulative uniform weights) against one or more references per image; `save`/`load`
 * (and `toBytes`/`fromBytes`) keep the weights, the vocabulary and the image size together.
 *
 * @see Xu et al., "Show, Attend and Tell: Neural Image Caption Generation with Visual Attention", ICML 2015
 */
import {
  Adam,
  Rng,
  clipGradNorm,
  corpusBleu,
  crossEntropy,
  stateDictTensors,
  loadModelFiles,
  packModel,
  saveModelFiles,
  tf,
  toTensor,
  unpackModel,
  type LoadedModelFiles,
  type SafetensorsInput,
} from '@ml/core';
import { beamSearch, wordTokenize } from '@ml/sequence';
import { Vocabulary } from '@ml/text';
import { checkImage, type RawImage } from '../image/raw-image.js';
import { CaptionNetwork, type CaptionNetworkOptions } from './caption-network.js';

/** Options of {@link ImageCaptioner}. */
export interface ImageCaptionerOptions {
  /** Sizes of the network (filters, embeddingDim, hiddenSize, attentionSize). @default {} (the `CAPTION_NETWORK_DEFAULTS`) */
  network?: Omit<CaptionNetworkOptions, 'padId' | 'bosId' | 'eosId' | 'seed'>;
  /** Seed of the weights and the shuffling. @default 0 */
  seed?: number;
}

/** Defaults of {@link ImageCaptionerOptions}. */
export const IMAGE_CAPTIONER_DEFAULTS = { network: {}, seed: 0 } as const satisfies Required<ImageCaptionerOptions>;

/** Options of `ImageCaptioner.fit`. */
export interface ImageCaptionerFitOptions {
  /** Passes over the training pairs. @default 20 */
  epochs?: number;
  /** Image–caption pairs per optimizer step. @default 32 */
  batchSize?: number;
  /** Adam's learning rate. @default 3e-3 */
  lr?: number;
  /** Clip the global gradient norm to this value (0: no clipping). @default 5 */
  clipNorm?: number;
  /** Words kept only if seen this often in the training captions (rarer ones become `<unk>`). @default 1 */
  minFrequency?: number;
  /** Called after every epoch with its number (from 1) and mean training loss. @default null */
  onEpochEnd?: ((epoch: number, loss: number) => void) | null;
}

/** Defaults of `ImageCaptionerFitOptions`. */
export const IMAGE_CAPTIONER_FIT_DEFAULTS = { epochs: 20, batchSize: 32, lr: 3e-3, clipNorm: 5, minFrequency: 1, onEpochEnd: null } as const satisfies Required<ImageCaptionerFitOptions>;

/** Options of `caption` and `evaluate`. */
export interface CaptionOptions {
  /** Beams of beam search (1: greedy decoding). @default 1 */
  beamSize?: number;
  /** Most words generated per caption (EOS included). @default the longest training caption + 5 */
  maxLength?: number;
  /** α of the GNMT length penalty ((5 + |Y|) / 6)^α in beam search. @default 0.6 */
  lengthPenalty?: number;
  /** Images encoded per greedy batch. @default 128 */
  batchSize?: number;
}

/** What `evaluate` returns: corpus BLEU-n (cumulative, uniform weights, no smoothing), in [0, 1]. */
export interface CaptionEvaluation {
  bleu1: number;
  bleu2: number;
  bleu3: number;
  bleu4: number;
  /** The generated captions, in image order. */
  captions: string[];
  /** Images evaluated. */
  samples: number;
}

/** Version of the saved config. */
export const IMAGE_CAPTIONER_FORMAT_VERSION = 1;
const FORMAT = 'ml-vision/image-captioner';
const SPECIALS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;
const [PAD, BOS, EOS] = [0, 1, 2];

/** The input size every image must have (the training images' size). */
export interface CaptionInputShape {
  height: number;
  width: number;
  channels: 1 | 3 | 4;
}

interface Fitted {
  network: CaptionNetwork;
  vocabulary: Vocabulary;
  input: CaptionInputShape;
  maxLength: number;
}

/** Floats in [0, 1], `[N, H, W, C]` row-major, of images that must all have `shape`. */
function pixels(where: string, images: readonly RawImage[], shape: CaptionInputShape | null): { data: Float32Array; shape: CaptionInputShape } {
  if (!Array.isArray(images) || images.length === 0) throw new RangeError(`${where}: 'images' must be a non-empty array of RawImage; received ${Array.isArray(images) ? 'an empty array' : typeof images}`);
  const first = checkImage(where, images[0] as RawImage, 'images[0]');
  const s = shape ?? { height: first.height, width: first.width, channels: first.channels };
  const row = s.height * s.width * s.channels;
  const data = new Float32Array(images.length * row);
  images.forEach((img, i) => {
    checkImage(where, img, `images[${i}]`);
    if (img.height !== s.height || img.width !== s.width || img.channels !== s.channels) {
      throw new RangeError(`${where}: 'images[${i}]' must be ${s.width}×${s.height} with ${s.channels} channels (the training size); received ${img.width}×${img.height} with ${img.channels}`);
    }
    for (let j = 0; j < row; j++) data[i * row + j] = (img.data[j] as number) / 255;
  });
  return { data, shape: s };
}

function referenceLists(where: string, name: string, captions: readonly (string | readonly string[])[], count: number): string[][] {
  if (!Array.isArray(captions) || captions.length !== count) {
    throw new RangeError(`${where}: '${name}' must hold one caption (or list of captions) per image (${count}); received ${Array.isArray(captions) ? `length ${captions.length}` : typeof captions}`);
  }
  return captions.map((c, i) => {
    const list = typeof c === 'string' ? [c] : c;
    if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && wordTokenize(s).length > 0)) {
      throw new TypeError(`${where}: '${name}[${i}]' must be a non-empty string or a non-empty array of non-empty strings; received ${JSON.stringify(c)}`);
    }
    return [...list];
  });
}

export class ImageCaptioner {
  readonly params: Readonly<Required<ImageCaptionerOptions>>;
  #fitted: Fitted | undefined;
  #losses: number[] = [];

  constructor(options: ImageCaptionerOptions = {}) {
    this.params = { ...IMAGE_CAPTIONER_DEFAULTS, ...options };
  }

  #state(what: string): Fitted {
    if (this.#fitted === undefined) throw new Error(`ImageCaptioner.${what}: this ImageCaptioner is not fitted; call fit(images, captions) or load a saved one first`);
    return this.#fitted;
  }

  /** The word vocabulary (ids 0–3 are `<pad>`, `<bos>`, `<eos>`, `<unk>`). */
  get vocabulary(): Vocabulary {
    return this.#state('vocabulary').vocabulary;
  }

  /** The trained network (owned by this captioner). */
  get network(): CaptionNetwork {
    return this.#state('network').network;
  }

  /** The image size the captioner takes. */
  get inputShape(): CaptionInputShape {
    return { ...this.#state('inputShape').input };
  }

  /** Mean training loss of every epoch of the last `fit`. */
  get lossHistory(): number[] {
    return this.#losses.slice();
  }

  #build(input: CaptionInputShape, vocabSize: number): CaptionNetwork {
    return new CaptionNetwork(input.channels, vocabSize, { ...this.params.network, padId: PAD, bosId: BOS, eosId: EOS, seed: this.params.seed });
  }

  /**
   * Trains a new network on `images` (RawImages of one size) and their `captions` (a string per
   * image, or several: each becomes a training pair), and resolves to `this`.
   */
  async fit(images: readonly RawImage[], captions: readonly (string | readonly string[])[], options: ImageCaptionerFitOptions = {}): Promise<this> {
    const where = 'ImageCaptioner.fit';
    const f = { ...IMAGE_CAPTIONER_FIT_DEFAULTS, ...options };
    for (const k of ['epochs', 'batchSize', 'minFrequency'] as const) {
      if (!Number.isInteger(f[k]) || f[k] < 1) throw new RangeError(`${where}: '${k}' must be a positive integer; received ${String(f[k])}`);
    }
    if (!(typeof f.lr === 'number' && f.lr > 0)) throw new RangeError(`${where}: 'lr' must be a number > 0; received ${String(f.lr)}`);
    if (!(typeof f.clipNorm === 'number' && f.clipNorm >= 0)) throw new RangeError(`${where}: 'clipNorm' must be a number >= 0; received ${String(f.clipNorm)}`);
    const seed = this.params.seed;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`${where}: 'seed' must be an integer in [0, 2^32 - 1]; received ${String(seed)}`);
    const { data, shape } = pixels(where, images, null);
    const lists = referenceLists(where, 'captions', captions, images.length);
    const pairs: { image: number; tokens: string[] }[] = lists.flatMap((list, image) => list.map((c) => ({ image, tokens: wordTokenize(c) })));
    const vocabulary = Vocabulary.fromCorpus(pairs.map((p) => p.tokens), { specialTokens: [...SPECIALS], unkToken: '<unk>', minFrequency: f.minFrequency });
    const ids = pairs.map((p) => vocabulary.encode(p.tokens));
    const longest = Math.max(...ids.map((s) => s.length));

    this.dispose();
    const network = this.#build(shape, vocabulary.size);
    this.#fitted = { network, vocabulary, input: shape, maxLength: longest + 5 };
    this.#losses = [];
    const params = network.parameters();
    const optimizer = new Adam(params, { lr: f.lr });
    const rng = new Rng(seed);
    const row = shape.height * shape.width * shape.channels;
    network.train();
    try {
      for (let epoch = 1; epoch <= f.epochs; epoch++) {
        const order = rng.permutation(pairs.length);
        let total = 0;
        for (let s = 0; s < order.length; s += f.batchSize) {
          const batch = Array.from(order.subarray(s, s + f.batchSize));
          const T = Math.max(...batch.map((i) => (ids[i] as number[]).length)) + 1;
          const x = new Float32Array(batch.length * row);
          const tgtIn = new Int32Array(batch.length * T);
          const tgtOut = new Int32Array(batch.length * T);
          batch.forEach((p, b) => {
            const pair = pairs[p] as { image: number };
            x.set(data.subarray(pair.image * row, (pair.image + 1) * row), b * row);
            const seq = ids[p] as number[];
            tgtIn.set([BOS, ...seq], b * T);
            tgtOut.set([...seq, EOS], b * T);
          });
          const { value, grads } = tf.variableGrads(() => {
            const images4d = tf.tensor4d(x, [batch.length, shape.height, shape.width, shape.channels]);
            const logits = network.forward(images4d, tf.tensor2d(tgtIn, [batch.length, T], 'int32')); // [B, T, V]
            return crossEntropy(logits, tf.tensor2d(tgtOut, [batch.length, T], 'int32'), { ignoreIndex: PAD }) as tf.Scalar;
          }, params);
          if (f.clipNorm > 0) {
            const clipped = clipGradNorm(grads, f.clipNorm);
            optimizer.step(clipped.grads);
            tf.dispose([clipped.grads, clipped.totalNorm]);
          } else {
            optimizer.step(grads);
          }
          total += (await value.data())[0] as number * batch.length;
          tf.dispose([value, grads]);
        }
        const loss = total / pairs.length;
        this.#losses.push(loss);
        f.onEpochEnd?.(epoch, loss);
      }
    } finally {
      optimizer.dispose();
      network.eval();
    }
    return this;
  }

  /** Captions one image. */
  caption(image: RawImage, options?: CaptionOptions): Promise<string>;
  /** Captions each image of a batch. */
  caption(images: readonly RawImage[], options?: CaptionOptions): Promise<string[]>;
  async caption(images: RawImage | readonly RawImage[], options: CaptionOptions = {}): Promise<string | string[]> {
    if (Array.isArray(images)) return this.#captions('caption', images, options);
    const [one] = await this.#captions('caption', [images as RawImage], options);
    return one as string;
  }

  async #captions(what: string, images: readonly RawImage[], options: CaptionOptions): Promise<string[]> {
    const where = `ImageCaptioner.${what}`;
    const { network, vocabulary, input, maxLength: defaultMax } = this.#state(what);
    const beamSize = options.beamSize ?? 1;
    const maxLength = options.maxLength ?? defaultMax;
    const lengthPenalty = options.lengthPenalty ?? 0.6;
    const batchSize = options.batchSize ?? 128;
    if (!Number.isInteger(beamSize) || beamSize < 1) throw new RangeError(`${where}: 'beamSize' must be an integer >= 1; received ${String(beamSize)}`);
    if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`${where}: 'maxLength' must be an integer >= 1; received ${String(maxLength)}`);
    if (!(lengthPenalty >= 0)) throw new RangeError(`${where}: 'lengthPenalty' must be >= 0; received ${String(lengthPenalty)}`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${where}: 'batchSize' must be an integer >= 1; received ${String(batchSize)}`);
    if (Array.isArray(images) && images.length === 0) return [];
    const { data } = pixels(where, images, input);
    const row = input.height * input.width * input.channels;
    network.eval();
    const decoded: number[][] = [];
    const step = beamSize === 1 ? batchSize : 1;
    for (let s = 0; s < images.length; s += step) {
      const n = Math.min(step, images.length - s);
      const x = tf.tensor4d(data.subarray(s * row, (s + n) * row), [n, input.height, input.width, input.channels]);
      try {
        if (beamSize === 1) decoded.push(...(await network.greedyDecode(x, maxLength)));
        else decoded.push(((await beamSearch(network, x, { beamSize, lengthPenalty, maxLength, nBest: 1 }))[0]?.tokens ?? []));
      } finally {
        x.dispose();
      }
    }
    return decoded.map((tokens) => vocabulary.decode(tokens).join(' '));
  }

  /**
   * Captions `images` and scores them against `references` (a string or several per image) with
   * corpus BLEU-1…4.
   */
  async evaluate(images: readonly RawImage[], references: readonly (string | readonly string[])[], options: CaptionOptions = {}): Promise<CaptionEvaluation> {
    const where = 'ImageCaptioner.evaluate';
    this.#state('evaluate');
    if (!Array.isArray(images) || images.length === 0) throw new RangeError(`${where}: 'images' must be a non-empty array of RawImage; received ${Array.isArray(images) ? 'an empty array' : typeof images}`);
    const refs = referenceLists(where, 'references', references, images.length).map((list) => list.map((r) => wordTokenize(r)));
    const captions = await this.#captions('evaluate', images, options);
    const hyps = captions.map((c) => wordTokenize(c));
    const bleu = (n: number): number => corpusBleu(hyps, refs, { maxOrder: n, smooth: 'none' }).score;
    return { bleu1: bleu(1), bleu2: bleu(2), bleu3: bleu(3), bleu4: bleu(4), captions, samples: images.length };
  }

  async #files(): Promise<{ config: Record<string, unknown>; tensors: Record<string, SafetensorsInput> }> {
    const { network, vocabulary, input, maxLength } = this.#state('save');
    const config = { format: FORMAT, version: IMAGE_CAPTIONER_FORMAT_VERSION, params: { ...this.params }, input: { ...input }, maxLength, vocabulary: vocabulary.toJSON() };
    const tensors = await stateDictTensors(network);
    return { config, tensors };
  }

  /** Writes `config.json` (options, image size, vocabulary) and `model.safetensors` into `dir` (Node.js). */
  async save(dir: string): Promise<void> {
    await saveModelFiles(dir, await this.#files());
  }

  /** The whole captioner as one byte array (browsers); read it with `fromBytes`. */
  async toBytes(): Promise<Uint8Array> {
    return packModel(await this.#files());
  }

  /** Reads a folder written by `save` (Node.js). */
  static async load(dir: string): Promise<ImageCaptioner> {
    return ImageCaptioner.#restore(await loadModelFiles(dir), 'ImageCaptioner.load');
  }

  /** Reads bytes written by `toBytes`. */
  static fromBytes(bytes: Uint8Array): ImageCaptioner {
    return ImageCaptioner.#restore(unpackModel(bytes), 'ImageCaptioner.fromBytes');
  }

  static #restore(files: LoadedModelFiles, where: string): ImageCaptioner {
    const c = files.config;
    if (c.format !== FORMAT) throw new TypeError(`${where}: expected a saved ImageCaptioner (format '${FORMAT}'); received format ${JSON.stringify(c.format)}`);
    if (c.version !== IMAGE_CAPTIONER_FORMAT_VERSION) throw new RangeError(`${where}: unsupported version ${JSON.stringify(c.version)}; this release reads version ${IMAGE_CAPTIONER_FORMAT_VERSION}`);
    const captioner = new ImageCaptioner(c.params as ImageCaptionerOptions);
    const vocabulary = Vocabulary.fromJSON(c.vocabulary);
    const input = c.input as CaptionInputShape;
    const maxLength = c.maxLength as number;
    const network = captioner.#build(input, vocabulary.size);
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
    captioner.#fitted = { network, vocabulary, input, maxLength };
    return captioner;
  }

  /** Frees the network's tensors; the captioner is unfitted afterwards. */
  dispose(): void {
    this.#fitted?.network.dispose();
    this.#fitted = undefined;
  }
}
