/**
 * `GanTrainer`: alternating discriminator and generator updates (Goodfellow et al. 2014, Algorithm 1;
 * `nCritic` discriminator steps per generator step as in WGAN, Arjovsky et al. 2017), with the tricks
 * of the DCGAN/WGAN-GP/StyleGAN line: Adam(2e-4, β = (0.5, 0.999)) per network, detached fakes in
 * the discriminator step, gradient penalty or R1, one-sided label smoothing, annealed instance noise,
 * an EMA of the generator's weights, sample grids and loss curves, checkpoints with resume.
 *
 * Shapes: real images `[N, H, W, C]` in [-1, 1] (NHWC), latent codes `[N, latentDim]` ~ N(0, 1),
 * labels int32 `[N]` for conditional networks, discriminator logits `[N, 1]`.
 */
import { Adam, Rng, tf } from '@ml/core';
import { discriminatorLoss } from '../losses/discriminator-loss.js';
import { checkKind, type GanLossKind } from '../losses/gan-loss-checks.js';
import { generatorLoss } from '../losses/generator-loss.js';
import { gradientPenalty } from '../losses/gradient-penalty.js';
import { annealedNoiseStd, instanceNoise } from '../losses/instance-noise.js';
import { r1Penalty } from '../losses/r1-penalty.js';
import type { GanDiscriminator, GanGenerator } from '../models/gan-module.js';
import { GeneratorEma } from './generator-ema.js';

/** What a callback sees after each generator step. */
export interface GanStepLogs {
  /** Generator steps taken so far (1 after the first). */
  step: number;
  /** Mean discriminator loss over the `nCritic` discriminator steps before this generator step. */
  dLoss: number;
  /** Generator loss of this step. */
  gLoss: number;
  /** Mean D(x) logit on the last real batch. */
  realScore: number;
  /** Mean D(G(z)) logit on the last fake batch (discriminator step). */
  fakeScore: number;
}

/** Hooks into training; every method is optional and may be async. */
export interface GanCallback {
  /**
   * Sees each step's gradients before the update, keyed by variable name (the discriminator step's
   * hold only the discriminator's variables, the generator step's only the generator's). Do not keep
   * or dispose them.
   */
  onGradients?(phase: 'discriminator' | 'generator', grads: tf.NamedTensorMap): void;
  /** After each generator step. */
  onStep?(logs: GanStepLogs, trainer: GanTrainer): void | Promise<void>;
  /** After each pass over the data. */
  onEpochEnd?(epoch: number, trainer: GanTrainer): void | Promise<void>;
}

export interface GanTrainerOptions {
  /** The adversarial objective (see `discriminatorLoss`). @default 'bce' */
  loss?: GanLossKind;
  /** Discriminator steps per generator step (5 for WGAN-GP). @default 1 */
  nCritic?: number;
  /** Generator learning rate. @default 2e-4 */
  lrG?: number;
  /** Discriminator learning rate. @default 2e-4 */
  lrD?: number;
  /** Adam's β for both optimisers (DCGAN: β1 = 0.5). @default [0.5, 0.999] */
  betas?: readonly [number, number];
  /** Weight λ of the WGAN-GP gradient penalty (10 in the paper); 0 disables it. @default 0 */
  gradientPenalty?: number;
  /** Weight γ of the R1 penalty, applied as γ/2·E‖∇D(x)‖²; 0 disables it. @default 0 */
  r1Gamma?: number;
  /** Target for real samples in 'bce'/'lsgan' (one-sided label smoothing: 0.9). @default 1 */
  realLabel?: number;
  /** Standard deviation of the instance noise added to D's inputs at step 0; 0 disables it. @default 0 */
  instanceNoise?: number;
  /** Generator steps over which the instance noise falls linearly to 0; 0 keeps it constant. @default 0 */
  instanceNoiseSteps?: number;
  /** Decay of the EMA of the generator's weights (e.g. 0.999); null: no EMA. @default null */
  emaDecay?: number | null;
  /** Seed of the latent noise, the batch order, the fake labels and the penalties. @default 0 */
  seed?: number;
  /** Callbacks. @default [] */
  callbacks?: GanCallback[];
}

export const GAN_TRAINER_DEFAULTS = {
  loss: 'bce',
  nCritic: 1,
  lrG: 2e-4,
  lrD: 2e-4,
  betas: [0.5, 0.999],
  gradientPenalty: 0,
  r1Gamma: 0,
  realLabel: 1,
  instanceNoise: 0,
  instanceNoiseSteps: 0,
  emaDecay: null,
  seed: 0,
  callbacks: [],
} as const satisfies Required<GanTrainerOptions>;

/** Training data: images `[N, H, W, C]` in [-1, 1] and, for conditional networks, int32 labels `[N]`. */
export interface GanData {
  images: tf.Tensor4D;
  labels?: tf.Tensor1D;
}

export interface GanFitOptions {
  /** Passes over the data. @default 1 */
  epochs?: number;
  /** Real images per discriminator step (and fakes per generator step). @default 64 */
  batchSize?: number;
  /** Stop after this many generator steps in total (null: run every epoch). @default null */
  maxSteps?: number | null;
}

export const GAN_FIT_DEFAULTS = { epochs: 1, batchSize: 64, maxSteps: null } as const satisfies Required<GanFitOptions>;

const finiteIn = (where: string, name: string, v: unknown, min: number, max = Infinity): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new RangeError(`${where}: '${name}' must be a number in [${min}, ${max}]; received ${JSON.stringify(v)}`);
  }
  return v;
};

export class GanTrainer {
  readonly generator: GanGenerator;
  readonly discriminator: GanDiscriminator;
  readonly optimizerG: Adam;
  readonly optimizerD: Adam;
  /** The EMA of the generator's weights, or null. */
  readonly ema: GeneratorEma | null;
  readonly options: Readonly<Required<Omit<GanTrainerOptions, 'callbacks'>>>;
  readonly callbacks: GanCallback[];
  /** Per generator step: the mean D loss and the G loss. */
  readonly history: { dLoss: number[]; gLoss: number[] } = { dLoss: [], gLoss: [] };
  /** Generator steps taken. */
  step = 0;
  /** Epochs completed by `fit`. */
  epoch = 0;
  #rng: Rng;
  #dSteps = 0;
  #dLossSum = 0;
  #scores = { real: NaN, fake: NaN };

  constructor(generator: GanGenerator, discriminator: GanDiscriminator, options: GanTrainerOptions = {}) {
    const where = 'GanTrainer';
    const o = { ...GAN_TRAINER_DEFAULTS, ...options };
    checkKind(where, o.loss);
    if (!Number.isInteger(o.nCritic) || o.nCritic < 1) throw new RangeError(`${where}: 'nCritic' must be an integer >= 1; received ${JSON.stringify(o.nCritic)}`);
    finiteIn(where, 'lrG', o.lrG, 0);
    finiteIn(where, 'lrD', o.lrD, 0);
    finiteIn(where, 'gradientPenalty', o.gradientPenalty, 0);
    finiteIn(where, 'r1Gamma', o.r1Gamma, 0);
    finiteIn(where, 'realLabel', o.realLabel, 0, 1);
    finiteIn(where, 'instanceNoise', o.instanceNoise, 0);
    finiteIn(where, 'instanceNoiseSteps', o.instanceNoiseSteps, 0);
    if (o.realLabel !== 1 && o.loss !== 'bce' && o.loss !== 'lsgan') {
      throw new RangeError(`${where}: 'realLabel' (label smoothing) applies to loss 'bce' and 'lsgan' only; received ${o.realLabel} with loss '${o.loss}'`);
    }
    if (generator.numClasses !== discriminator.numClasses) {
      throw new RangeError(`${where}: the generator and discriminator must be conditioned on the same classes; received numClasses ${generator.numClasses} and ${discriminator.numClasses}`);
    }
    if (!tf.util.arraysEqual([...generator.imageShape], [...discriminator.imageShape])) {
      throw new RangeError(`${where}: the generator makes [${generator.imageShape.join(', ')}] images but the discriminator takes [${discriminator.imageShape.join(', ')}]`);
    }
    const { callbacks, ...rest } = o;
    this.options = rest;
    this.callbacks = [...callbacks];
    this.generator = generator;
    this.discriminator = discriminator;
    this.optimizerG = new Adam(generator.parameters(), { lr: o.lrG, betas: o.betas });
    this.optimizerD = new Adam(discriminator.parameters(), { lr: o.lrD, betas: o.betas });
    this.ema = o.emaDecay === null ? null : new GeneratorEma(generator, o.emaDecay);
    this.#rng = new Rng(o.seed);
  }

  /** Latent codes `[n, latentDim]` ~ N(0, 1) from the trainer's stream (or from `seed`). The caller owns them. */
  noise(n: number, seed?: number): tf.Tensor2D {
    const rng = seed === undefined ? this.#rng : new Rng(seed);
    return tf.tensor2d(rng.fillNormal(new Float32Array(n * this.generator.latentDim)), [n, this.generator.latentDim]);
  }

  /** Uniform random class labels `[n]` (undefined for unconditional networks). The caller owns them. */
  randomLabels(n: number, seed?: number): tf.Tensor1D | undefined {
    if (this.generator.numClasses === 0) return undefined;
    const rng = seed === undefined ? this.#rng : new Rng(seed);
    return tf.tensor1d(Int32Array.from({ length: n }, () => rng.int(this.generator.numClasses)), 'int32');
  }

  /** The instance-noise level at the current step. */
  get noiseStd(): number {
    const { instanceNoise: start, instanceNoiseSteps: steps } = this.options;
    return steps === 0 ? start : annealedNoiseStd(start, this.step, steps);
  }

  /**
   * One discriminator update on a real batch. The fakes are generated OUTSIDE the gradient tape (so
   * they are constants for this step, as `.detach()` in PyTorch) with the real batch's labels, and
   * only the discriminator's variables are differentiated and updated. Returns the loss.
   */
  async discriminatorStep(real: tf.Tensor4D, labels?: tf.Tensor1D): Promise<number> {
    const n = real.shape[0];
    const g = this.generator;
    const d = this.discriminator;
    const z = this.noise(n);
    const fake = tf.tidy(() => g.forward(z, labels)); // detached: not recorded on the D step's tape
    const std = this.noiseStd;
    const realIn = std > 0 ? instanceNoise(real, std, this.#rng) : real;
    const fakeIn = std > 0 ? instanceNoise(fake, std, this.#rng) : fake;
    const { gradientPenalty: lambda, r1Gamma, loss: kind, realLabel } = this.options;
    let realScore: tf.Tensor | undefined;
    let fakeScore: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const realLogits = d.forward(realIn, labels); // [N, 1]
      const fakeLogits = d.forward(fakeIn, labels); // [N, 1]
      realScore = tf.keep(tf.mean(realLogits));
      fakeScore = tf.keep(tf.mean(fakeLogits));
      let loss: tf.Tensor = discriminatorLoss(kind, realLogits, fakeLogits, { realLabel });
      const critic = (x: tf.Tensor): tf.Tensor => d.forward(x, labels);
      if (lambda > 0) loss = tf.add(loss, tf.mul(lambda, gradientPenalty(critic, real, fake, { seed: this.#rng })));
      if (r1Gamma > 0) loss = tf.add(loss, tf.mul(r1Gamma / 2, r1Penalty(critic, real)));
      return loss as tf.Scalar;
    }, d.parameters());
    try {
      for (const cb of this.callbacks) cb.onGradients?.('discriminator', grads);
      this.optimizerD.step(grads);
      const [lossValue, rs, fs] = await Promise.all([value.data(), (realScore as tf.Tensor).data(), (fakeScore as tf.Tensor).data()]);
      this.#scores = { real: rs[0] as number, fake: fs[0] as number };
      this.#dSteps++;
      this.#dLossSum += lossValue[0] as number;
      return lossValue[0] as number;
    } finally {
      tf.dispose([value, ...Object.values(grads), z, fake, realScore as tf.Tensor, fakeScore as tf.Tensor]);
      if (realIn !== real) realIn.dispose();
      if (fakeIn !== fake) fakeIn.dispose();
    }
  }

  /**
   * One generator update on `batchSize` fresh codes (and random labels when conditional): only the
   * generator's variables are differentiated and updated; then the EMA moves. Returns the loss and
   * runs the `onStep` callbacks.
   */
  async generatorStep(batchSize: number): Promise<number> {
    const g = this.generator;
    const d = this.discriminator;
    const z = this.noise(batchSize);
    const labels = this.randomLabels(batchSize);
    const { value, grads } = tf.variableGrads(() => generatorLoss(this.options.loss, d.forward(g.forward(z, labels), labels)), g.parameters());
    let gLoss: number;
    try {
      for (const cb of this.callbacks) cb.onGradients?.('generator', grads);
      this.optimizerG.step(grads);
      gLoss = (await value.data())[0] as number;
    } finally {
      tf.dispose([value, ...Object.values(grads), z, ...(labels === undefined ? [] : [labels])]);
    }
    this.ema?.update(g);
    this.step++;
    const dLoss = this.#dSteps === 0 ? NaN : this.#dLossSum / this.#dSteps;
    this.#dSteps = 0;
    this.#dLossSum = 0;
    this.history.dLoss.push(dLoss);
    this.history.gLoss.push(gLoss);
    const logs: GanStepLogs = { step: this.step, dLoss, gLoss, realScore: this.#scores.real, fakeScore: this.#scores.fake };
    for (const cb of this.callbacks) await cb.onStep?.(logs, this);
    return gLoss;
  }

  /**
   * Trains on `data` for `epochs` passes: shuffled batches (seeded), one discriminator step per real
   * batch and one generator step after every `nCritic` of them. Returns the history.
   */
  async fit(data: GanData, options: GanFitOptions = {}): Promise<{ dLoss: number[]; gLoss: number[] }> {
    const where = 'GanTrainer.fit';
    const { epochs, batchSize, maxSteps } = { ...GAN_FIT_DEFAULTS, ...options };
    const { images, labels } = data;
    const shape = this.generator.imageShape;
    if (!(images instanceof tf.Tensor) || images.rank !== 4 || !shape.every((s, i) => images.shape[i + 1] === s)) {
      throw new RangeError(`${where}: 'data.images' must be [N, ${shape.join(', ')}] (NHWC, in [-1, 1]); received ${images instanceof tf.Tensor ? `[${images.shape.join(', ')}]` : typeof images}`);
    }
    const n = images.shape[0];
    if ((this.generator.numClasses > 0) !== (labels !== undefined) || (labels !== undefined && (labels.dtype !== 'int32' || labels.shape[0] !== n))) {
      throw new TypeError(`${where}: 'data.labels' must be an int32 tensor [${n}] exactly when the networks are conditional (numClasses ${this.generator.numClasses}); received ${labels === undefined ? 'undefined' : `${labels.dtype} [${labels.shape.join(', ')}]`}`);
    }
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) throw new RangeError(`${where}: 'batchSize' must be an integer in [1, ${n}]; received ${JSON.stringify(batchSize)}`);
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`${where}: 'epochs' must be an integer >= 1; received ${JSON.stringify(epochs)}`);
    this.generator.train();
    this.discriminator.train();
    const batches = Math.floor(n / batchSize); // drop the last partial batch (batch norm dislikes tiny batches)
    for (let e = 0; e < epochs; e++) {
      const order = this.#rng.permutation(n);
      for (let b = 0; b < batches; b++) {
        if (maxSteps !== null && this.step >= maxSteps) return this.history;
        const idx = tf.tensor1d(order.subarray(b * batchSize, (b + 1) * batchSize), 'int32');
        const real = tf.gather(images, idx) as tf.Tensor4D;
        const realLabels = labels === undefined ? undefined : (tf.gather(labels, idx) as tf.Tensor1D);
        try {
          await this.discriminatorStep(real, realLabels);
        } finally {
          tf.dispose([idx, real, ...(realLabels === undefined ? [] : [realLabels])]);
        }
        if (this.#dSteps >= this.options.nCritic) await this.generatorStep(batchSize);
      }
      this.epoch++;
      for (const cb of this.callbacks) await cb.onEpochEnd?.(this.epoch, this);
    }
    return this.history;
  }

  /**
   * `n` generated images `[n, H, W, C]` from codes drawn with `seed` (fixed codes show progress),
   * with the EMA weights when there are any (unless `ema: false`), in eval mode (batch norm uses its
   * running statistics) unless `trainMode`. The caller owns the result.
   */
  async sample(n: number, options: { seed?: number; labels?: tf.Tensor1D; ema?: boolean; trainMode?: boolean } = {}): Promise<tf.Tensor4D> {
    const g = this.generator;
    const z = this.noise(n, options.seed ?? 0);
    const labels = options.labels ?? (g.numClasses > 0 ? tf.tensor1d(Int32Array.from({ length: n }, (_, i) => i % g.numClasses), 'int32') : undefined);
    const wasTraining = g.training;
    const run = (): tf.Tensor4D => {
      g.train(options.trainMode ?? false);
      try {
        return g.call(z, labels) as tf.Tensor4D;
      } finally {
        g.train(wasTraining);
      }
    };
    try {
      return this.ema !== null && options.ema !== false ? await this.ema.withAveragedWeights(g, run) : run();
    } finally {
      z.dispose();
      if (labels !== undefined && labels !== options.labels) labels.dispose();
    }
  }

  /** Reseeds the trainer's stream (used on resume, where the stream's position is not stored). */
  reseed(seed: number): void {
    this.#rng = new Rng(seed);
  }

  /** Frees the optimisers' state and the EMA (not the networks, which the caller owns). */
  dispose(): void {
    this.optimizerG.dispose();
    this.optimizerD.dispose();
    this.ema?.dispose();
  }
}
