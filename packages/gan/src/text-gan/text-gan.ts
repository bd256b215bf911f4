/**
 * `TextGan`: a text GAN trained through the Gumbel-softmax relaxation (Kusner & Hernández-Lobato,
 * "GANS for Sequences of Discrete Elements with the Gumbel-softmax Distribution", 2016; Jang et al.
 * 2017): an LSTM generator (`TextGenerator`) emits a sequence of token distributions, a Kim-style CNN
 * (`TextDiscriminator`) scores sequences as real or generated, and the generator is trained on the
 * discriminator's gradient flowing back through the relaxed samples.
 *
 * Training (`fit`):
 * 1. optional maximum-likelihood pretraining of the generator (teacher forcing; standard practice in
 *    text GANs since SeqGAN, Yu et al. 2017), `pretrainSteps` Adam steps;
 * 2. `adversarialSteps` rounds of: `discriminatorSteps` discriminator updates on real one-hot batches
 *    against detached generated batches, then one generator update through the discriminator, with
 *    the Gumbel temperature annealed exponentially from `temperatureStart` to `temperatureEnd` and
 *    straight-through (hard one-hot) samples by default, so the discriminator cannot tell fakes by
 *    their softness. `mleWeight` > 0 adds the MLE loss to the generator's adversarial loss.
 *
 * `sample` draws exact samples from the generator (Gumbel-max on `logits / temperature`).
 */
import { Adam, Rng, crossEntropy, fromTensor, loadModelFiles, saveModelFiles, tf, toTensor, type SafetensorsInput } from '@ml/core';
import { SPECIAL_TOKENS, Vocabulary } from '@ml/text';
import { discriminatorLoss, generatorLoss, type GanLossKind } from '../losses/index.js';
import type { SentenceSource } from './probabilistic-grammar.js';
import { TextDiscriminator } from './text-discriminator.js';
import { TextGenerator, type GenerateOptions, type GeneratorTokens } from './text-generator.js';
import { decodeIds, drawBatch, encodeSentences } from './text-batches.js';
import { oneHotFloat } from './one-hot.js';

/** Architecture of a {@link TextGan}. */
export interface TextGanOptions {
  /** Generator token embedding size. @default 32 */
  embeddingSize?: number;
  /** Generator LSTM hidden size. @default 64 */
  hiddenSize?: number;
  /** Discriminator token embedding size. @default 32 */
  discriminatorEmbeddingSize?: number;
  /** Discriminator convolution widths (Kim's region sizes). @default [2, 3, 4] */
  windowSizes?: readonly number[];
  /** Discriminator filters per width. @default 32 */
  filters?: number;
  /** Longest sentence in tokens; null: the longest of the training sentences. @default null */
  maxLength?: number | null;
  /** Seed of the initial weights and of the training batches and noise. @default 0 */
  seed?: number;
}

/** Defaults of {@link TextGanOptions}. */
export const TEXT_GAN_DEFAULTS = {
  embeddingSize: 32,
  hiddenSize: 64,
  discriminatorEmbeddingSize: 32,
  windowSizes: [2, 3, 4],
  filters: 32,
  maxLength: null,
  seed: 0,
} as const satisfies Required<TextGanOptions>;

/** What `onProgress` receives after every training step. */
export interface TextGanProgress {
  /** MLE pretraining of the generator, pretraining of the discriminator, or adversarial training. */
  phase: 'pretrain' | 'discriminator' | 'adversarial';
  /** Step within the phase, from 1. */
  step: number;
  /** Steps in the phase. */
  steps: number;
  /** Generator loss (MLE cross-entropy in pretraining; adversarial (+ weighted MLE) loss after; NaN while only the discriminator trains). */
  generatorLoss: number;
  /** Discriminator loss (NaN in MLE pretraining). */
  discriminatorLoss: number;
  /** Gumbel-softmax temperature of the generated batches (NaN in MLE pretraining). */
  temperature: number;
}

/** Options of {@link TextGan.fit}. */
export interface TextGanFitOptions {
  /** Sentences drawn from a grammar (when `fit` is given one). @default 2000 */
  corpusSize?: number;
  /** Maximum-likelihood pretraining steps of the generator. @default 150 */
  pretrainSteps?: number;
  /** Discriminator updates against the pretrained generator before the adversarial rounds (as SeqGAN). @default 100 */
  discriminatorPretrainSteps?: number;
  /** Adversarial rounds (discriminator steps + one generator step each). @default 100 */
  adversarialSteps?: number;
  /** Sequences per batch. @default 64 */
  batchSize?: number;
  /** Adam learning rate of MLE pretraining. @default 0.01 */
  pretrainLr?: number;
  /** Adam learning rate of the generator in the adversarial phase. @default 0.0002 */
  generatorLr?: number;
  /** Adam learning rate of the discriminator. @default 0.002 */
  discriminatorLr?: number;
  /** Adam β1, β2 of the adversarial phase (β1 = 0.5 as in DCGAN). @default [0.5, 0.999] */
  betas?: readonly [number, number];
  /** Discriminator updates per generator update. @default 2 */
  discriminatorSteps?: number;
  /** Adversarial objective (see `discriminatorLoss`). @default 'bce' */
  loss?: GanLossKind;
  /** Gumbel temperature at the first adversarial step. @default 1 */
  temperatureStart?: number;
  /** Gumbel temperature at the last adversarial step (exponential annealing in between). @default 0.1 */
  temperatureEnd?: number;
  /** Straight-through samples (one-hot forward, soft gradient). @default true */
  straightThrough?: boolean;
  /** Weight of the MLE loss added to the generator's adversarial loss. @default 0 */
  mleWeight?: number;
  /** Called after every step. @default none */
  onProgress?: ((progress: TextGanProgress) => void) | null;
}

/** Defaults of {@link TextGanFitOptions}. */
export const TEXT_GAN_FIT_DEFAULTS = {
  corpusSize: 2000,
  pretrainSteps: 150,
  discriminatorPretrainSteps: 100,
  adversarialSteps: 100,
  batchSize: 64,
  pretrainLr: 0.01,
  generatorLr: 0.0002,
  discriminatorLr: 0.002,
  betas: [0.5, 0.999],
  discriminatorSteps: 2,
  loss: 'bce',
  temperatureStart: 1,
  temperatureEnd: 0.1,
  straightThrough: true,
  mleWeight: 0,
  onProgress: null,
} as const satisfies Required<TextGanFitOptions>;

/** Options of {@link TextGan.sample}. */
export interface TextGanSampleOptions {
  /** Sampling temperature: logits are divided by it (1: the model's distribution). @default 1 */
  temperature?: number;
  /** Seed of the sampling noise. @default 0 */
  seed?: number;
}

/** Version of the saved `config.json`. */
export const TEXT_GAN_FORMAT_VERSION = 1;

interface Fitted {
  vocabulary: Vocabulary;
  tokens: GeneratorTokens;
  generator: TextGenerator;
  discriminator: TextDiscriminator;
}

const positiveInt = (where: string, name: string, v: unknown, min = 1): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${String(v)}`);
  return v;
};

export class TextGan {
  readonly options: Required<TextGanOptions>;
  #fitted: Fitted | null = null;

  constructor(options: TextGanOptions = {}) {
    this.options = { ...TEXT_GAN_DEFAULTS, ...options };
  }

  /** The vocabulary (special tokens first); throws before `fit`. */
  get vocabulary(): Vocabulary {
    return this.#need('vocabulary').vocabulary;
  }

  /** The generator module; throws before `fit`. */
  get generator(): TextGenerator {
    return this.#need('generator').generator;
  }

  /** The discriminator module; throws before `fit`. */
  get discriminator(): TextDiscriminator {
    return this.#need('discriminator').discriminator;
  }

  /**
   * Builds the vocabulary and the networks from `data` (token arrays, or a grammar sampled
   * `corpusSize` times with the model's seed), then pretrains and trains adversarially (see the file
   * header). Refitting starts from fresh weights. With 0 steps of both it leaves the untrained
   * generator, a baseline. Returns `this`.
   */
  async fit(data: readonly (readonly string[])[] | SentenceSource, options: TextGanFitOptions = {}): Promise<this> {
    const where = 'TextGan.fit';
    const o = { ...TEXT_GAN_FIT_DEFAULTS, ...options };
    for (const name of ['pretrainSteps', 'discriminatorPretrainSteps', 'adversarialSteps'] as const) positiveInt(where, name, o[name], 0);
    for (const name of ['corpusSize', 'batchSize', 'discriminatorSteps'] as const) positiveInt(where, name, o[name]);
    if (!(o.temperatureStart > 0 && o.temperatureEnd > 0)) {
      throw new RangeError(`${where}: 'temperatureStart' and 'temperatureEnd' must be > 0; received ${o.temperatureStart}, ${o.temperatureEnd}`);
    }
    if (!(o.mleWeight >= 0)) throw new RangeError(`${where}: 'mleWeight' must be >= 0; received ${String(o.mleWeight)}`);
    const rng = new Rng(this.options.seed);
    const sentences = Array.isArray(data) ? (data as readonly (readonly string[])[]) : (data as SentenceSource).sample(o.corpusSize, rng.fork());
    if (sentences.length === 0 || !sentences.every((s) => Array.isArray(s) && s.length > 0 && s.every((t) => typeof t === 'string'))) {
      throw new TypeError(`${where}: 'data' must be a non-empty array of non-empty token arrays, or a grammar with sample(n, seed)`);
    }
    const longest = Math.max(...sentences.map((s) => s.length));
    const maxLength = this.options.maxLength ?? longest;
    positiveInt(where, 'maxLength', maxLength);
    if (longest > maxLength) throw new RangeError(`${where}: a sentence has ${longest} tokens, more than 'maxLength' = ${maxLength}`);
    const steps = Math.max(maxLength + 1, ...this.options.windowSizes);

    this.dispose();
    const vocabulary = Vocabulary.fromCorpus(sentences, { specialTokens: [SPECIAL_TOKENS.pad, SPECIAL_TOKENS.bos, SPECIAL_TOKENS.eos] });
    const fitted = this.#build(vocabulary, steps);
    this.#fitted = fitted;
    const { generator, discriminator, tokens } = fitted;
    const encoded = encodeSentences(sentences, vocabulary, tokens, steps);
    const B = o.batchSize;
    const report = o.onProgress ?? (() => undefined);
    const gParams = generator.parameters();
    const dParams = discriminator.parameters();

    const mle = (inputs: tf.Tensor, targets: tf.Tensor): tf.Scalar => {
      const logits = tf.reshape(generator.forward(inputs), [B * steps, vocabulary.size]); // [B·T, V]
      return crossEntropy(logits, tf.reshape(targets, [B * steps]), { ignoreIndex: tokens.pad }) as tf.Scalar;
    };

    const pretrain = new Adam(gParams, { lr: o.pretrainLr });
    try {
      for (let step = 1; step <= o.pretrainSteps; step++) {
        const batch = drawBatch(encoded, B, rng);
        const { value, grads } = tf.variableGrads(() => mle(batch.inputs, batch.targets), gParams);
        pretrain.step(grads);
        const loss = (await value.data())[0] ?? NaN;
        tf.dispose([value, batch.inputs, batch.targets, ...Object.values(grads)]);
        report({ phase: 'pretrain', step, steps: o.pretrainSteps, generatorLoss: loss, discriminatorLoss: NaN, temperature: NaN });
      }
    } finally {
      pretrain.dispose();
    }

    const optG = new Adam(gParams, { lr: o.generatorLr, betas: [o.betas[0], o.betas[1]] });
    const optD = new Adam(dParams, { lr: o.discriminatorLr, betas: [o.betas[0], o.betas[1]] });
    try {
      const discriminatorStep = async (gen: GenerateOptions): Promise<number> => {
        const batch = drawBatch(encoded, B, rng);
        const real = oneHotFloat(batch.targets, vocabulary.size); // [B, T, V]
        const fake = tf.tidy(() => generator.generate(gen)); // [B, T, V], outside the D tape: detached
        const { value, grads } = tf.variableGrads(() => discriminatorLoss(o.loss, discriminator.forward(real), discriminator.forward(fake)), dParams);
        optD.step(grads);
        const loss = (await value.data())[0] ?? NaN;
        tf.dispose([value, real, fake, batch.inputs, batch.targets, ...Object.values(grads)]);
        return loss;
      };
      for (let step = 1; step <= o.discriminatorPretrainSteps; step++) {
        const temperature = o.temperatureStart;
        const dLoss = await discriminatorStep({ batchSize: B, temperature, hard: o.straightThrough, seed: rng });
        report({ phase: 'discriminator', step, steps: o.discriminatorPretrainSteps, generatorLoss: NaN, discriminatorLoss: dLoss, temperature });
      }
      const n = o.adversarialSteps;
      for (let step = 1; step <= n; step++) {
        const temperature = n === 1 ? o.temperatureStart : o.temperatureStart * (o.temperatureEnd / o.temperatureStart) ** ((step - 1) / (n - 1));
        const gen = { batchSize: B, temperature, hard: o.straightThrough, seed: rng };
        let dLoss = NaN;
        for (let k = 0; k < o.discriminatorSteps; k++) dLoss = await discriminatorStep(gen);
        const batch = o.mleWeight > 0 ? drawBatch(encoded, B, rng) : null;
        const { value, grads } = tf.variableGrads(() => {
          const adversarial = generatorLoss(o.loss, discriminator.forward(generator.generate(gen)));
          return batch === null ? adversarial : (tf.add(adversarial, tf.mul(o.mleWeight, mle(batch.inputs, batch.targets))) as tf.Scalar);
        }, gParams);
        optG.step(grads);
        const gLoss = (await value.data())[0] ?? NaN;
        tf.dispose([value, ...Object.values(grads)]);
        if (batch !== null) tf.dispose([batch.inputs, batch.targets]);
        report({ phase: 'adversarial', step, steps: n, generatorLoss: gLoss, discriminatorLoss: dLoss, temperature });
      }
    } finally {
      optG.dispose();
      optD.dispose();
    }
    return this;
  }

  /** `n` sentences sampled from the generator (tokens before the end token). */
  async sample(n: number, options: TextGanSampleOptions = {}): Promise<string[][]> {
    const where = 'TextGan.sample';
    positiveInt(where, 'n', n);
    const { temperature = 1, seed = 0 } = options;
    if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`${where}: 'temperature' must be a finite number > 0; received ${String(temperature)}`);
    const { generator, vocabulary, tokens } = this.#need('sample');
    const ids = tf.tidy(() => tf.argMax(generator.generate({ batchSize: n, hard: true, logitScale: temperature, seed }), -1)); // [n, T]
    try {
      return decodeIds(await ids.data(), n, generator.maxSteps, vocabulary, tokens);
    } finally {
      ids.dispose();
    }
  }

  /** Writes `config.json` (options, vocabulary, steps) and `model.safetensors` (both networks) into `dir` (Node.js). */
  async save(dir: string): Promise<void> {
    const { vocabulary, generator, discriminator } = this.#need('save');
    const tensors: Record<string, SafetensorsInput> = {};
    for (const [prefix, module] of [['generator', generator], ['discriminator', discriminator]] as const) {
      const state = module.stateDict();
      try {
        for (const [name, t] of Object.entries(state)) tensors[`${prefix}.${name}`] = await fromTensor(t);
      } finally {
        tf.dispose(Object.values(state));
      }
    }
    const config = {
      format: 'ml-gan/text-gan',
      version: TEXT_GAN_FORMAT_VERSION,
      options: { ...this.options, windowSizes: this.options.windowSizes.slice() },
      steps: generator.maxSteps,
      vocabulary: vocabulary.toJSON(),
    };
    await saveModelFiles(dir, { config, tensors });
  }

  /** Reads a model written by `save`. */
  static async load(dir: string): Promise<TextGan> {
    const where = 'TextGan.load';
    const files = await loadModelFiles(dir);
    const c = files.config as { format?: unknown; version?: unknown; options?: TextGanOptions; steps?: unknown; vocabulary?: unknown };
    if (c.format !== 'ml-gan/text-gan') throw new TypeError(`${where}: expected format 'ml-gan/text-gan' in '${dir}'; received ${JSON.stringify(c.format)}`);
    if (c.version !== TEXT_GAN_FORMAT_VERSION) throw new RangeError(`${where}: unsupported version ${JSON.stringify(c.version)}; this release reads version ${TEXT_GAN_FORMAT_VERSION}`);
    const gan = new TextGan(c.options ?? {});
    const fitted = gan.#build(Vocabulary.fromJSON(c.vocabulary), positiveInt(where, 'steps', c.steps));
    gan.#fitted = fitted;
    for (const [prefix, module] of [['generator', fitted.generator], ['discriminator', fitted.discriminator]] as const) {
      const state = new Map<string, tf.Tensor>();
      try {
        for (const [name, entry] of files.tensors) if (name.startsWith(`${prefix}.`)) state.set(name.slice(prefix.length + 1), toTensor(entry, name));
        module.loadStateDict(state);
      } catch (cause) {
        gan.dispose();
        throw new Error(`${where}: the weights in '${dir}' do not fit the saved config (${(cause as Error).message})`, { cause });
      } finally {
        tf.dispose([...state.values()]);
      }
    }
    return gan;
  }

  /** Frees the networks' weights. */
  dispose(): void {
    if (this.#fitted === null) return;
    this.#fitted.generator.dispose();
    this.#fitted.discriminator.dispose();
    this.#fitted = null;
  }

  #build(vocabulary: Vocabulary, steps: number): Fitted {
    const id = (token: string): number => {
      const i = vocabulary.tokenToId(token);
      if (i === undefined) throw new Error(`TextGan: the vocabulary lacks the special token '${token}'`);
      return i;
    };
    const tokens = { pad: id(SPECIAL_TOKENS.pad), bos: id(SPECIAL_TOKENS.bos), eos: id(SPECIAL_TOKENS.eos) };
    const o = this.options;
    const generator = new TextGenerator(vocabulary.size, steps, tokens, { embeddingSize: o.embeddingSize, hiddenSize: o.hiddenSize, seed: o.seed });
    const discriminator = new TextDiscriminator(vocabulary.size, {
      embeddingSize: o.discriminatorEmbeddingSize,
      windowSizes: o.windowSizes,
      filters: o.filters,
      seed: o.seed + 1000,
    });
    return { vocabulary, tokens, generator, discriminator };
  }

  #need(what: string): Fitted {
    if (this.#fitted === null) throw new Error(`TextGan.${what}: the model is not fitted; call fit() or TextGan.load() first`);
    return this.#fitted;
  }
}
