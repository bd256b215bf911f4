/**
 * DCGAN discriminator: Radford et al. (2016) — strided convolutions with LeakyReLU(0.2) and batch
 * norm (none on the first layer), a final convolution to one logit, DCGAN initialisation.
 * Conditional: the one-hot class broadcast to H×W and concatenated to the image as channels.
 *
 * x [N, H, W, C] (‖ onehot(y) [N, H, W, K]) → Conv2d stages (BN, LeakyReLU) → Conv2d → [N, 1]
 *   8×8: 8 → 4 (w) → 2 (2w) → 1 (k2)
 *   28×28: 28 → 14 (w) → 7 (2w) → 1 (k7)
 *   32×32: 32 → 16 (w) → 8 (2w) → 4 (4w) → 1 (k4)
 *
 * The LeakyReLU is `leakyReluTwice`. With a gradient penalty or R1 set `batchNorm: false` (batch norm
 * couples the samples, so per-sample input gradients are no longer what is penalised).
 */
import { BatchNorm2d, Conv2d, Module, ModuleList, Rng, tf, type SeedLike } from '@ml/core';
import { leakyReluTwice } from '../losses/leaky-relu-twice.js';
import { checkImageSize, type DcganImageSize } from './dcgan-generator.js';
import { dcganInit } from './dcgan-init.js';
import { checkBatch, checkLabels, checkPositiveInt, type GanDiscriminator } from './gan-module.js';

export interface DcganDiscriminatorOptions {
  /** Height and width of the input images: 8, 28 or 32. @default 32 */
  imageSize?: DcganImageSize;
  /** Channels of the input images. @default 1 */
  channels?: number;
  /** Base width w (PyTorch example's `ndf`); layers have w, 2w, 4w channels. @default 64 */
  width?: number;
  /** Batch norm after every convolution but the first and the last. @default true */
  batchNorm?: boolean;
  /** Slope of the LeakyReLU for negative inputs. @default 0.2 */
  negativeSlope?: number;
  /** Classes to condition on (0: unconditional). @default 0 */
  numClasses?: number;
  /** Seed of the (DCGAN) initial weights. @default 0 */
  seed?: SeedLike;
}

export const DCGAN_DISCRIMINATOR_DEFAULTS = {
  imageSize: 32,
  channels: 1,
  width: 64,
  batchNorm: true,
  negativeSlope: 0.2,
  numClasses: 0,
  seed: 0,
} as const satisfies Required<DcganDiscriminatorOptions>;

/** [channel multiplier of w (0: one logit), kernel, stride, padding] per convolution. */
const DISCRIMINATOR_STAGES: Record<DcganImageSize, [number, number, number, number][]> = {
  8: [[1, 4, 2, 1], [2, 4, 2, 1], [0, 2, 1, 0]],
  28: [[1, 4, 2, 1], [2, 4, 2, 1], [0, 7, 1, 0]],
  32: [[1, 4, 2, 1], [2, 4, 2, 1], [4, 4, 2, 1], [0, 4, 1, 0]],
};

export class DcganDiscriminator extends Module<[x: tf.Tensor, labels?: tf.Tensor], tf.Tensor> implements GanDiscriminator {
  readonly numClasses: number;
  readonly imageShape: readonly [number, number, number];
  readonly negativeSlope: number;
  readonly convs: ModuleList<Conv2d>;
  /** One per hidden convolution after the first (empty without batch norm). */
  readonly norms: ModuleList<BatchNorm2d>;

  constructor(options: DcganDiscriminatorOptions = {}) {
    super();
    const o = { ...DCGAN_DISCRIMINATOR_DEFAULTS, ...options };
    const where = 'DcganDiscriminator';
    const size = checkImageSize(where, o.imageSize);
    const channels = checkPositiveInt(where, 'channels', o.channels);
    const width = checkPositiveInt(where, 'width', o.width);
    this.numClasses = checkPositiveInt(where, 'numClasses', o.numClasses, 0);
    this.imageShape = [size, size, channels];
    this.negativeSlope = o.negativeSlope;
    const rng = Rng.from(o.seed);
    let inCh = channels + this.numClasses;
    const convs: Conv2d[] = [];
    const norms: BatchNorm2d[] = [];
    for (const [i, [mult, k, s, p]] of DISCRIMINATOR_STAGES[size].entries()) {
      const last = mult === 0;
      const outCh = last ? 1 : mult * width;
      const norm = o.batchNorm && i > 0 && !last;
      convs.push(new Conv2d(inCh, outCh, k, { stride: s, padding: p, bias: !norm, seed: rng }));
      if (norm) norms.push(new BatchNorm2d(outCh));
      inCh = outCh;
    }
    this.convs = new ModuleList(convs);
    this.norms = new ModuleList(norms);
    dcganInit(this, rng);
  }

  forward(x: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    checkBatch('DcganDiscriminator.forward', 'x', x, this.imageShape, 'images, NHWC');
    const n = x.shape[0] as number;
    checkLabels('DcganDiscriminator.forward', this.numClasses, labels, n);
    const [height, width] = this.imageShape;
    let h = x;
    if (this.numClasses > 0) {
      const onehot = tf.reshape(tf.oneHot(labels as tf.Tensor1D, this.numClasses, 1, 0, 'float32'), [n, 1, 1, this.numClasses]);
      h = tf.concat([x, tf.tile(onehot, [1, height, width, 1])], 3); // [N, H, W, C + K]
    }
    const last = this.convs.length - 1;
    for (const [i, conv] of [...this.convs].entries()) {
      h = conv.forward(h); // [N, H_i, W_i, C_i]
      if (i === last) break;
      if (i > 0 && this.norms.length > 0) h = this.norms.at(i - 1).forward(h);
      h = leakyReluTwice(h, this.negativeSlope);
    }
    return tf.reshape(h, [n, 1]); // [N, 1]
  }
}
