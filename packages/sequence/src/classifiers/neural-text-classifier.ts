/**
 * `NeuralTextClassifier`: the estimator facade shared by `TextCnnClassifier` and `RnnTextClassifier`,
 * in scikit-learn's shape: `fit(texts, labels)` tokenises (with `wordTokenize` or your tokenizer),
 * builds a `Vocabulary` from the training texts (`[PAD]` = 0, `[UNK]` = 1), encodes labels of any
 * kind, and trains the network with `@ml/core`'s `fit` (Adam, cross-entropy, optional validation
 * split and early stopping); `predict`/`predictProba`/`score` run it in eval mode. `save`/`toBytes`
 * store the weights, the vocabulary and the classes in one model folder or byte array.
 */
import {
  Adam,
  crossEntropy,
  fit as trainModel,
  stateDictTensors,
  Rng,
  tf,
  toTensor,
  saveModelFiles,
  packModel,
  type Callback,
  type EarlyStoppingOptions,
  type Embedding,
  type History,
  type LoadedModelFiles,
  type Module,
  type ProgressStream,
  type SafetensorsInput,
} from '@ml/core';
import { NotFittedError, Vocabulary } from '@ml/text';
import { KeyedVectors } from '../embeddings/keyed-vectors.js';
import { encodeLabels, uniqueLabels, type TextLabel } from './class-labels.js';
import { padBatch, TextBatches } from './text-batches.js';
import { wordTokenize } from './word-tokenize.js';

/** A text → tokens function. */
export type Tokenizer = (text: string) => string[];

/** Options every neural text classifier takes (the network's own options come with each class). */
export interface TextClassifierOptions {
  /** Splits a text into tokens; null uses `wordTokenize`. Not saved: pass it again to `load`. @default null */
  tokenizer?: Tokenizer | null;
  /** Lower-case the text (default tokenizer only). @default true */
  lowercase?: boolean;
  /** Tokens kept per text (longer texts are cut at the end). @default 256 */
  maxLength?: number;
  /** Vocabulary: keep tokens seen at least this often in the training texts. @default 1 */
  minFrequency?: number;
  /** Vocabulary: at most this many tokens (`[PAD]` and `[UNK]` included), or null. @default 20000 */
  maxVocabSize?: number | null;
  /** Pretrained vectors that initialise the embedding rows of the words they know (e.g. from `loadGloVe`). @default null */
  embeddings?: KeyedVectors | null;
  /** Keep the embedding table fixed during training. @default false */
  freezeEmbeddings?: boolean;
  /** Seed of the weights, dropout, shuffling and validation split. @default 0 */
  seed?: number;
}

/** Defaults of `TextClassifierOptions`. */
export const TEXT_CLASSIFIER_DEFAULTS = {
  tokenizer: null,
  lowercase: true,
  maxLength: 256,
  minFrequency: 1,
  maxVocabSize: 20000,
  embeddings: null,
  freezeEmbeddings: false,
  seed: 0,
} as const satisfies Required<TextClassifierOptions>;

/** Options of `fit`. */
export interface TextClassifierFitOptions {
  /** Passes over the training texts. @default 10 */
  epochs?: number;
  /** Texts per optimizer step. @default 32 */
  batchSize?: number;
  /** Adam's learning rate. @default 1e-3 */
  lr?: number;
  /** Adam's L2 weight decay. @default 0 */
  weightDecay?: number;
  /** Fraction of the texts held out (seeded) for validation loss and accuracy after each epoch. @default 0 */
  validationSplit?: number;
  /** Clip the global gradient norm to this value, or null. @default null */
  clipGradNorm?: number | null;
  /** Stop when the monitored value stops improving (e.g. `{ monitor: 'valLoss', patience: 2 }`). @default null */
  earlyStopping?: EarlyStoppingOptions | null;
  /** More `fit` callbacks. @default [] */
  callbacks?: Callback[];
  /** Progress bar stream, or false. @default false */
  progress?: ProgressStream | false;
  /** Log a line every N steps (0: never). @default 0 */
  logEvery?: number;
}

/** Defaults of `TextClassifierFitOptions`. */
export const TEXT_CLASSIFIER_FIT_DEFAULTS = {
  epochs: 10,
  batchSize: 32,
  lr: 1e-3,
  weightDecay: 0,
  validationSplit: 0,
  clipGradNorm: null,
  earlyStopping: null,
  callbacks: [],
  progress: false,
  logEvery: 0,
} as const satisfies Required<TextClassifierFitOptions>;

/** Options of `load`/`fromBytes`. */
export interface TextClassifierLoadOptions {
  /** The tokenizer the model was trained with, when it was not the default one. */
  tokenizer?: Tokenizer;
}

/** The network a classifier trains: ids `[B, T]` → logits `[B, C]`. */
export interface TextNetwork extends Module {
  readonly embedding: Embedding;
  readonly minLength: number;
}

/** Version of the saved config. */
export const TEXT_CLASSIFIER_FORMAT_VERSION = 1;
const PAD = '[PAD]';
const UNK = '[UNK]';

function checkInt(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${String(value)}`);
  return value;
}

export abstract class NeuralTextClassifier<L extends TextLabel, P extends TextClassifierOptions> {
  /** The options given to the constructor. */
  readonly params: Readonly<P>;
  #network: TextNetwork | undefined;
  #vocabulary: Vocabulary | undefined;
  #classes: L[] | undefined;
  #history: History | undefined;

  constructor(params: P) {
    this.params = { ...params };
  }

  /** Class name used in errors and saved configs. */
  protected abstract get kind(): string;
  /** Builds the untrained network. */
  protected abstract buildNetwork(vocabSize: number, numClasses: number, embeddingDim: number | undefined): TextNetwork;

  /** The classes, in `predictProba` column order. */
  get classes(): L[] {
    return this.#fitted('classes').classes.slice();
  }

  /** The vocabulary built by `fit`. */
  get vocabulary(): Vocabulary {
    return this.#fitted('vocabulary').vocabulary;
  }

  /** The trained network (owned by this classifier). */
  get network(): TextNetwork {
    return this.#fitted('network').network;
  }

  /** Per-epoch loss (and validation loss/accuracy) of the last `fit`. */
  get history(): History {
    if (this.#history === undefined) throw new NotFittedError(`${this.kind}.history`, `this ${this.kind}`);
    return this.#history;
  }

  #options(): Required<TextClassifierOptions> {
    return { ...TEXT_CLASSIFIER_DEFAULTS, ...this.params };
  }

  #fitted(what: string): { network: TextNetwork; vocabulary: Vocabulary; classes: L[] } {
    if (this.#network === undefined || this.#vocabulary === undefined || this.#classes === undefined) {
      throw new NotFittedError(`${this.kind}.${what}`, `this ${this.kind}`);
    }
    return { network: this.#network, vocabulary: this.#vocabulary, classes: this.#classes };
  }

  /** The tokens of `text` under this classifier's tokenizer. */
  tokenize(text: string): string[] {
    const o = this.#options();
    const tokens = o.tokenizer === null ? wordTokenize(text, { lowercase: o.lowercase }) : o.tokenizer(text);
    if (!Array.isArray(tokens)) throw new TypeError(`${this.kind}: the 'tokenizer' must return an array of strings; it returned ${typeof tokens}`);
    return tokens;
  }

  #checkTexts(where: string, texts: unknown): readonly string[] {
    if (!Array.isArray(texts)) throw new TypeError(`${where}: 'texts' must be an array of strings; received ${texts === null ? 'null' : typeof texts}`);
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`${where}: 'texts[${i}]' must be a string; received ${t === null ? 'null' : typeof t}`);
    });
    return texts as readonly string[];
  }

  /** Ids of each text, cut to `maxLength`; a text with no tokens becomes `[UNK]`. */
  #encode(texts: readonly string[], vocabulary: Vocabulary, tokens?: string[][]): Int32Array[] {
    const maxLength = this.#options().maxLength;
    const unk = vocabulary.tokenToId(UNK) as number;
    return texts.map((t, i) => {
      const ids = vocabulary.encode((tokens?.[i] ?? this.tokenize(t)).slice(0, maxLength));
      return ids.length === 0 ? Int32Array.of(unk) : Int32Array.from(ids);
    });
  }

  /** Trains on `texts` with their `labels` (strings, numbers or booleans) and resolves to `this`. */
  async fit(texts: readonly string[], labels: readonly L[], options: TextClassifierFitOptions = {}): Promise<this> {
    const where = `${this.kind}.fit`;
    this.#checkTexts(where, texts);
    if (!Array.isArray(labels) || labels.length !== texts.length) {
      throw new RangeError(`${where}: 'labels' must be an array with one label per text (${texts.length}); received ${Array.isArray(labels) ? `length ${labels.length}` : typeof labels}`);
    }
    if (texts.length === 0) throw new RangeError(`${where}: 'texts' is empty; give at least two labelled texts`);
    const o = this.#options();
    const f = { ...TEXT_CLASSIFIER_FIT_DEFAULTS, ...options };
    checkInt(where, 'maxLength', o.maxLength, 1);
    checkInt(where, 'minFrequency', o.minFrequency, 1);
    if (o.maxVocabSize !== null) checkInt(where, 'maxVocabSize', o.maxVocabSize, 3);
    checkInt(where, 'epochs', f.epochs, 1);
    checkInt(where, 'batchSize', f.batchSize, 1);
    checkInt(where, 'seed', o.seed, 0);
    if (typeof f.validationSplit !== 'number' || !(f.validationSplit >= 0 && f.validationSplit < 1)) {
      throw new RangeError(`${where}: 'validationSplit' must be a number in [0, 1); received ${String(f.validationSplit)}`);
    }
    if (!(typeof f.lr === 'number' && f.lr > 0)) throw new RangeError(`${where}: 'lr' must be a number > 0; received ${String(f.lr)}`);
    if (o.embeddings !== null && !(o.embeddings instanceof KeyedVectors)) {
      throw new TypeError(`${where}: 'embeddings' must be a KeyedVectors (e.g. from loadGloVe or Word2Vec) or null; received ${typeof o.embeddings}`);
    }
    const classes = uniqueLabels(where, labels);
    const targets = encodeLabels(where, labels, classes);

    // Split before building the vocabulary, so validation texts have unseen words as test texts will.
    const order = Int32Array.from({ length: texts.length }, (_, i) => i);
    const rng = new Rng(o.seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const nVal = Math.floor(texts.length * f.validationSplit);
    if (f.validationSplit > 0 && (nVal === 0 || nVal === texts.length)) {
      throw new RangeError(`${where}: 'validationSplit' ${f.validationSplit} of ${texts.length} texts leaves an empty training or validation part`);
    }
    const valRows = order.slice(0, nVal).sort();
    const trainRows = order.slice(nVal).sort();
    const tokens = texts.map((t) => this.tokenize(t));
    const vocabulary = Vocabulary.fromCorpus(
      Array.from(trainRows, (r) => tokens[r].slice(0, o.maxLength)),
      { specialTokens: [PAD, UNK], unkToken: UNK, minFrequency: o.minFrequency, maxSize: o.maxVocabSize },
    );
    const sequences = this.#encode(texts, vocabulary, tokens);

    this.dispose();
    const network = this.buildNetwork(vocabulary.size, classes.length, o.embeddings?.vectorSize);
    if (o.embeddings !== null) this.#initEmbeddings(network, vocabulary, o.embeddings);
    if (o.freezeEmbeddings) network.embedding.weight.trainable = false;
    this.#network = network;
    this.#vocabulary = vocabulary;
    this.#classes = classes;

    const params = network.parameters().filter((p) => p.trainable);
    const optimizer = new Adam(params, { lr: f.lr, weightDecay: f.weightDecay });
    const batches = (rows: Int32Array, shuffle: boolean): TextBatches =>
      new TextBatches(sequences, targets, rows, { batchSize: f.batchSize, minLength: network.minLength, shuffle, seed: o.seed });
    try {
      this.#history = await trainModel(network, batches(trainRows, true), {
        optimizer,
        loss: (logits, y) => crossEntropy(logits, y) as tf.Scalar,
        epochs: f.epochs,
        validation: nVal > 0 ? batches(valRows, false) : undefined,
        metrics: nVal > 0 ? { accuracy: (logits, y) => tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), y), 'float32')) as tf.Scalar } : undefined,
        clipGradNorm: f.clipGradNorm ?? undefined,
        earlyStopping: f.earlyStopping ?? undefined,
        callbacks: [...f.callbacks],
        progress: f.progress,
        logEvery: f.logEvery,
      });
    } catch (error) {
      this.dispose(); // a half-trained network must not pass for a fitted one
      throw error;
    } finally {
      optimizer.dispose();
      network.eval();
    }
    return this;
  }

  #initEmbeddings(network: TextNetwork, vocabulary: Vocabulary, vectors: KeyedVectors): void {
    const weight = network.embedding.weight;
    const [rows, dim] = weight.shape;
    if (dim !== vectors.vectorSize) {
      throw new RangeError(`${this.kind}.fit: 'embeddingDim' (${dim}) must equal the pretrained vectors' size (${vectors.vectorSize}); leave 'embeddingDim' unset to take it from 'embeddings'`);
    }
    const values = weight.dataSync().slice();
    for (let id = 2; id < rows; id++) {
      const word = vocabulary.idToToken(id) as string;
      if (vectors.has(word)) values.set(vectors.getVector(word), id * dim);
    }
    const t = tf.tensor2d(values, [rows, dim]);
    weight.assign(t);
    t.dispose();
  }

  /** Class probabilities `[texts.length][classes.length]`, columns in `classes` order. */
  predictProba(texts: readonly string[], batchSize = 256): number[][] {
    const where = `${this.kind}.predictProba`;
    const { network, vocabulary } = this.#fitted('predictProba');
    this.#checkTexts(where, texts);
    checkInt(where, 'batchSize', batchSize, 1);
    const sequences = this.#encode(texts, vocabulary);
    const out: number[][] = [];
    network.eval();
    for (let start = 0; start < sequences.length; start += batchSize) {
      const rows = Int32Array.from({ length: Math.min(batchSize, sequences.length - start) }, (_, i) => start + i);
      const probs = tf.tidy(() => tf.softmax(network.forward(padBatch(sequences, rows, network.minLength)) as tf.Tensor2D));
      const values = probs.arraySync() as number[][];
      probs.dispose();
      out.push(...values);
    }
    return out;
  }

  /** The most probable class of each text. */
  predict(texts: readonly string[]): L[] {
    const classes = this.#fitted('predict').classes;
    return this.predictProba(texts).map((p) => classes[p.indexOf(Math.max(...p))]);
  }

  /** Accuracy on `texts` against `labels`. */
  score(texts: readonly string[], labels: readonly L[]): number {
    if (!Array.isArray(labels) || labels.length !== texts.length) {
      throw new RangeError(`${this.kind}.score: 'labels' must have one label per text (${texts.length}); received ${Array.isArray(labels) ? `length ${labels.length}` : typeof labels}`);
    }
    const predicted = this.predict(texts);
    return predicted.filter((p, i) => p === labels[i]).length / Math.max(1, texts.length);
  }

  /** The config and tensors `save` and `toBytes` write. */
  async #files(): Promise<{ config: Record<string, unknown>; tensors: Record<string, SafetensorsInput> }> {
    const { network, vocabulary, classes } = this.#fitted('save');
    const { tokenizer, embeddings, ...rest } = this.params as TextClassifierOptions & Record<string, unknown>;
    const config = {
      format: 'ml-sequence/text-classifier',
      version: TEXT_CLASSIFIER_FORMAT_VERSION,
      kind: this.kind,
      params: rest,
      customTokenizer: tokenizer !== undefined && tokenizer !== null,
      embeddingDim: network.embedding.embeddingDim,
      vocabulary: vocabulary.toJSON(),
      classes,
    };
    void embeddings; // the pretrained rows live in the embedding weight
    const tensors = await stateDictTensors(network);
    return { config, tensors };
  }

  /** Writes `config.json` (options, vocabulary, classes) and `model.safetensors` into `dir` (Node.js). */
  async save(dir: string): Promise<void> {
    const { config, tensors } = await this.#files();
    await saveModelFiles(dir, { config, tensors });
  }

  /** The whole model as one safetensors byte array (for browsers); read it with `fromBytes`. */
  async toBytes(): Promise<Uint8Array> {
    const { config, tensors } = await this.#files();
    return packModel({ config, tensors });
  }

  /**
   * Restores a saved model into this (unfitted) instance. Internal: use the class's `load`/`fromBytes`.
   * @internal
   */
  restore(files: LoadedModelFiles, where: string): this {
    const c = files.config as Record<string, unknown>;
    if (c.format !== 'ml-sequence/text-classifier' || c.kind !== this.kind) {
      throw new TypeError(`${where}: expected a saved ${this.kind} (format 'ml-sequence/text-classifier'); received format ${JSON.stringify(c.format)}, kind ${JSON.stringify(c.kind)}`);
    }
    if (c.version !== TEXT_CLASSIFIER_FORMAT_VERSION) throw new RangeError(`${where}: unsupported version ${JSON.stringify(c.version)}; this release reads version ${TEXT_CLASSIFIER_FORMAT_VERSION}`);
    if (c.customTokenizer === true && (this.params.tokenizer ?? null) === null) {
      throw new TypeError(`${where}: this model was trained with a custom tokenizer; pass it again as { tokenizer }`);
    }
    const vocabulary = Vocabulary.fromJSON(c.vocabulary);
    const classes = c.classes as L[];
    const network = this.buildNetwork(vocabulary.size, classes.length, c.embeddingDim as number);
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
    this.dispose();
    this.#network = network;
    this.#vocabulary = vocabulary;
    this.#classes = classes;
    return this;
  }

  /** Frees the network's tensors; the classifier is unfitted afterwards. */
  dispose(): void {
    this.#network?.dispose();
    this.#network = undefined;
    this.#vocabulary = undefined;
    this.#classes = undefined;
  }
}
