/**
 * Super-resolution training, the SRGAN recipe (Ledig et al. 2017, §3): `pretrainSr` fits the
 * generator with a pixel loss (MSE, the paper's SRResNet, or L1) on random patch pairs; `trainSrgan`
 * then fine-tunes it adversarially: each step updates the discriminator on real high-resolution
 * patches against the generator's outputs computed outside the discriminator's gradient (detached),
 * then the generator on content loss + λ·adversarial loss, with separate Adam optimisers. (The paper's
 * content loss is a VGG feature distance; here it is the pixel loss, as their SRGAN-MSE variant.)
 */
import { Adam, l1Loss, mseLoss, tf } from '@ml/core';
import type { Module } from '@ml/core/nn';
import { discriminatorLoss, generatorLoss, type GanLossKind } from '../losses/index.js';
import type { SrPatchSampler } from './sr-patch-sampler.js';

/** The pixel (content) loss. */
export type SrPixelLoss = 'mse' | 'l1';

/** Losses of one step, passed to `onStep`. */
export interface SrStepLogs {
  step: number;
  /** Pixel loss of the generator's output. */
  pixelLoss: number;
  /** Discriminator loss (`trainSrgan` only). */
  discriminatorLoss?: number;
  /** Generator adversarial loss before weighting (`trainSrgan` only). */
  adversarialLoss?: number;
}

export interface PretrainSrOptions {
  /** Optimizer steps (batches from the sampler). @default 1000 */
  steps?: number;
  /** Adam learning rate (the paper's 1e-4). @default 1e-4 */
  lr?: number;
  /** Pixel loss. @default 'mse' */
  loss?: SrPixelLoss;
  /** Read the loss back (a device sync) every this many steps, for `onStep` and the history. @default 10 */
  logEvery?: number;
  /** Called after every logged step. */
  onStep?: (logs: SrStepLogs) => void;
}

export const PRETRAIN_SR_DEFAULTS = { steps: 1000, lr: 1e-4, loss: 'mse', logEvery: 10 } as const satisfies Required<Omit<PretrainSrOptions, 'onStep'>>;

export interface TrainSrganOptions {
  /** Steps (one discriminator and one generator update each). @default 1000 */
  steps?: number;
  /** Generator Adam learning rate. @default 1e-4 */
  lrG?: number;
  /** Discriminator Adam learning rate. @default 1e-4 */
  lrD?: number;
  /** Adam (β1, β2) of both optimisers (the paper's β1 = 0.9). @default [0.9, 0.999] */
  betas?: readonly [number, number];
  /** Weight λ of the adversarial term (the paper's 1e-3). @default 1e-3 */
  adversarialWeight?: number;
  /** Content (pixel) loss. @default 'mse' */
  loss?: SrPixelLoss;
  /** Adversarial objective (see `discriminatorLoss`). @default 'bce' */
  ganLoss?: GanLossKind;
  /** Read the losses back every this many steps. @default 10 */
  logEvery?: number;
  /** Called after every logged step. */
  onStep?: (logs: SrStepLogs) => void;
}

export const TRAIN_SRGAN_DEFAULTS = {
  steps: 1000,
  lrG: 1e-4,
  lrD: 1e-4,
  betas: [0.9, 0.999],
  adversarialWeight: 1e-3,
  loss: 'mse',
  ganLoss: 'bce',
  logEvery: 10,
} as const satisfies Required<Omit<TrainSrganOptions, 'onStep'>>;

/** An image-to-image network (`SrResNet` or any module with that forward). */
export type SrGenerator = Module<[tf.Tensor], tf.Tensor>;

function pixelLoss(kind: SrPixelLoss, out: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return (kind === 'l1' ? l1Loss(out, target) : mseLoss(out, target)) as tf.Scalar;
}

function checkCommon(where: string, steps: number, logEvery: number, loss: string): void {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${where}: 'steps' must be a positive integer; received ${String(steps)}`);
  if (!Number.isInteger(logEvery) || logEvery < 1) throw new RangeError(`${where}: 'logEvery' must be a positive integer; received ${String(logEvery)}`);
  if (loss !== 'mse' && loss !== 'l1') throw new RangeError(`${where}: 'loss' must be 'mse' or 'l1'; received ${String(loss)}`);
}

function trainable(module: Module<[tf.Tensor], tf.Tensor>): tf.Variable[] {
  return module.parameters().filter((v) => v.trainable);
}

/**
 * Pixel-loss pretraining of `generator` on batches from `sampler`. Leaves the generator in training
 * mode. Returns the logged pixel losses, one per `logEvery` steps.
 */
export async function pretrainSr(generator: SrGenerator, sampler: SrPatchSampler, options: PretrainSrOptions = {}): Promise<{ pixelLoss: number[] }> {
  const o = { ...PRETRAIN_SR_DEFAULTS, ...options };
  checkCommon('pretrainSr', o.steps, o.logEvery, o.loss);
  const params = trainable(generator);
  const optimizer = new Adam(params, { lr: o.lr });
  const history: number[] = [];
  generator.train();
  try {
    for (let step = 1; step <= o.steps; step++) {
      const { lr, hr } = sampler.next();
      const { value, grads } = tf.variableGrads(() => pixelLoss(o.loss, generator.forward(lr), hr), params);
      optimizer.step(grads);
      tf.dispose([lr, hr, ...Object.values(grads)]);
      if (step % o.logEvery === 0 || step === o.steps) {
        const loss = (await value.data())[0]!;
        history.push(loss);
        o.onStep?.({ step, pixelLoss: loss });
      }
      value.dispose();
    }
  } finally {
    optimizer.dispose();
  }
  return { pixelLoss: history };
}

/**
 * Adversarial fine-tuning of `generator` against `discriminator` (raw logits out). Returns the
 * logged losses. Both modules are left in training mode.
 */
export async function trainSrgan(
  generator: SrGenerator,
  discriminator: Module<[tf.Tensor], tf.Tensor>,
  sampler: SrPatchSampler,
  options: TrainSrganOptions = {},
): Promise<{ pixelLoss: number[]; discriminatorLoss: number[]; adversarialLoss: number[] }> {
  const o = { ...TRAIN_SRGAN_DEFAULTS, ...options };
  const where = 'trainSrgan';
  checkCommon(where, o.steps, o.logEvery, o.loss);
  if (typeof o.adversarialWeight !== 'number' || !(o.adversarialWeight >= 0)) {
    throw new RangeError(`${where}: 'adversarialWeight' must be a non-negative number; received ${String(o.adversarialWeight)}`);
  }
  const gParams = trainable(generator);
  const dParams = trainable(discriminator);
  const optG = new Adam(gParams, { lr: o.lrG, betas: [o.betas[0], o.betas[1]] });
  const optD = new Adam(dParams, { lr: o.lrD, betas: [o.betas[0], o.betas[1]] });
  const history = { pixelLoss: [] as number[], discriminatorLoss: [] as number[], adversarialLoss: [] as number[] };
  generator.train();
  discriminator.train();
  try {
    for (let step = 1; step <= o.steps; step++) {
      const { lr, hr } = sampler.next();
      // Discriminator step: the fakes are computed outside the gradient scope, so no gradient reaches G.
      const fake = tf.tidy(() => generator.forward(lr));
      const d = tf.variableGrads(() => discriminatorLoss(o.ganLoss, discriminator.forward(hr), discriminator.forward(fake)), dParams);
      optD.step(d.grads);
      tf.dispose([fake, ...Object.values(d.grads)]);
      // Generator step: gradients only for G's parameters (D's are read, not updated).
      let pix: tf.Scalar | null = null;
      let adv: tf.Scalar | null = null;
      const g = tf.variableGrads(() => {
        const sr = generator.forward(lr);
        pix = tf.keep(pixelLoss(o.loss, sr, hr));
        adv = tf.keep(generatorLoss(o.ganLoss, discriminator.forward(sr)));
        return tf.add(pix, tf.mul(adv, o.adversarialWeight));
      }, gParams);
      optG.step(g.grads);
      tf.dispose([lr, hr, g.value, ...Object.values(g.grads)]);
      const scalars = [d.value, pix as tf.Scalar | null, adv as tf.Scalar | null];
      if (step % o.logEvery === 0 || step === o.steps) {
        const [dl, pl, al] = await Promise.all(scalars.map(async (t) => (t ? (await t.data())[0]! : NaN)));
        history.discriminatorLoss.push(dl!);
        history.pixelLoss.push(pl!);
        history.adversarialLoss.push(al!);
        o.onStep?.({ step, pixelLoss: pl!, discriminatorLoss: dl!, adversarialLoss: al! });
      }
      tf.dispose(scalars.filter((t): t is tf.Scalar => t !== null));
    }
  } finally {
    optG.dispose();
    optD.dispose();
  }
  return history;
}
