/**
 * DCGAN generator: Radford et al., "Unsupervised Representation Learning with Deep Convolutional
 * Generative Adversarial Networks" (2016), Fig. 1 — transposed convolutions with batch norm and ReLU,
 * tanh output, DCGAN initialisation. Conditional: a class embedding concatenated to z.
 *
 * z [N, Z] (‖ embed(y)) → [N, 1, 1, Z'] → ConvTranspose2d stages (BN, ReLU) → ConvTranspose2d → tanh
 *   8×8:  1 → 4 (2w) → 8 (w) → 8 (C, k3)
 *   28×28: 1 → 7 (4w) → 14 (2w) → 28 (C)
 *   32×32: 1 → 4 (4w) → 8 (2w) → 16 (w) → 32 (C)
 */
import { BatchNorm2d, ConvTranspose2d, Embedding, Module, ModuleList, Rng, tf, type SeedLike } from '@ml/core';
import { dcganInit } from './dcgan-init.js';
import { checkBatch, checkLabels, checkPositiveInt, type GanGenerator } from './gan-module.js';

/** Image sizes the DCGAN networks are laid out for. */
export const DCGAN_IMAGE_SIZES = [8, 28, 32] as const;
export type DcganImageSize = (typeof DCGAN_IMAGE_SIZES)[number];

export interface DcganGeneratorOptions {
  /** Size of the latent code z. @default 100 */
  latentDim?: number;
  /** Height and width of the generated images: 8, 28 or 32. @default 32 */
  imageSize?: DcganImageSize;
  /** Channels of the generated images (1 grayscale, 3 RGB). @default 1 */
  channels?: number;
  /** Base width w (PyTorch example's `ngf`); layers have 4w, 2w, w channels. @default 64 */
  width?: number;
  /** Classes to condition on (0: unconditional). @default 0 */
  numClasses?: number;
  /** Width of the class embedding concatenated to z (conditional only). @default 16 */
  embeddingDim?: number;
  /** Seed of the (DCGAN) initial weights. @default 0 */
  seed?: SeedLike;
}

export const DCGAN_GENERATOR_DEFAULTS = {
  latentDim: 100,
  imageSize: 32,
  channels: 1,
  width: 64,
  numClasses: 0,
  embeddingDim: 16,
  seed: 0,
} as const satisfies Required<DcganGeneratorOptions>;

/** [channel multiplier of w (0: image channels), kernel, stride, padding] per transposed conv. */
const GENERATOR_STAGES: Record<DcganImageSize, [number, number, number, number][]> = {
  8: [[2, 4, 1, 0], [1, 4, 2, 1], [0, 3, 1, 1]],
  28: [[4, 7, 1, 0], [2, 4, 2, 1], [0, 4, 2, 1]],
  32: [[4, 4, 1, 0], [2, 4, 2, 1], [1, 4, 2, 1], [0, 4, 2, 1]],
};

export function checkImageSize(where: string, size: unknown): DcganImageSize {
  if (!(DCGAN_IMAGE_SIZES as readonly unknown[]).includes(size)) {
    throw new RangeError(`${where}: 'imageSize' must be one of ${DCGAN_IMAGE_SIZES.join(', ')}; received ${JSON.stringify(size)}`);
  }
  return size as DcganImageSize;
}

export class DcganGenerator extends Module<[z: tf.Tensor, labels?: tf.Tensor], tf.Tensor> implements GanGenerator {
  readonly latentDim: number;
  readonly numClasses: number;
  readonly imageShape: readonly [number, number, number];
  readonly embedding: Embedding | null;
  readonly convs: ModuleList<ConvTranspose2d>;
  readonly norms: ModuleList<BatchNorm2d>;

  constructor(options: DcganGeneratorOptions = {}) {
    super();
    const o = { ...DCGAN_GENERATOR_DEFAULTS, ...options };
    const where = 'DcganGenerator';
    this.latentDim = checkPositiveInt(where, 'latentDim', o.latentDim);
    this.numClasses = checkPositiveInt(where, 'numClasses', o.numClasses, 0);
    const size = checkImageSize(where, o.imageSize);
    const channels = checkPositiveInt(where, 'channels', o.channels);
    const width = checkPositiveInt(where, 'width', o.width);
    this.imageShape = [size, size, channels];
    const rng = Rng.from(o.seed);
    this.embedding = this.numClasses > 0 ? new Embedding(this.numClasses, checkPositiveInt(where, 'embeddingDim', o.embeddingDim), { seed: rng }) : null;
    let inCh = this.latentDim + (this.embedding?.embeddingDim ?? 0);
    const convs: ConvTranspose2d[] = [];
    const norms: BatchNorm2d[] = [];
    for (const [mult, k, s, p] of GENERATOR_STAGES[size]) {
      const last = mult === 0;
      const outCh = last ? channels : mult * width;
      convs.push(new ConvTranspose2d(inCh, outCh, k, { stride: s, padding: p, bias: last, seed: rng }));
      if (!last) norms.push(new BatchNorm2d(outCh));
      inCh = outCh;
    }
    this.convs = new ModuleList(convs);
    this.norms = new ModuleList(norms);
    dcganInit(this, rng);
  }

  forward(z: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    checkBatch('DcganGenerator.forward', 'z', z, [this.latentDim], 'latent codes');
    const n = z.shape[0] as number;
    checkLabels('DcganGenerator.forward', this.numClasses, labels, n);
    const code = this.embedding === null ? z : tf.concat([z, this.embedding.forward(labels as tf.Tensor)], 1); // [N, Z']
    let h = tf.reshape(code, [n, 1, 1, code.shape[1] as number]); // [N, 1, 1, Z']
    const last = this.convs.length - 1;
    for (const [i, conv] of [...this.convs].entries()) {
      h = conv.forward(h); // [N, H_i, W_i, C_i]
      h = i === last ? tf.tanh(h) : tf.relu(this.norms.at(i).forward(h));
    }
    return h; // [N, H, W, C]
  }
}
