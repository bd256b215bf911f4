/**
 * `SrganDiscriminator`: SRGAN's discriminator (Ledig et al. 2017, fig. 4), channels-last: a conv 3×3
 * + LeakyReLU(0.2), then per width c in `channels` a stride-1 and a stride-2 conv 3×3 block (conv →
 * BN → LeakyReLU; the first block has no BN), then a head. `'global'`: global average pooling → dense
 * `hidden` → LeakyReLU → dense 1, one logit per image (the paper flattens a fixed 96×96 input; pooling
 * accepts any size). `'patch'`: a conv 3×3 to one channel, a logit per receptive-field patch (PatchGAN,
 * Isola et al. 2017). Outputs are raw logits for `discriminatorLoss`/`generatorLoss`.
 *
 * Letters: N batch, H×W image, C image channels.
 */
import { tf, Rng } from '@ml/core';
import { AdaptiveAvgPool2d, BatchNorm2d, Conv2d, LeakyReLU, Linear, Module } from '@ml/core/nn';

export interface SrganDiscriminatorOptions {
  /** Image channels. @default 3 */
  channels?: number;
  /** Widths of the conv stages; each halves the resolution (the paper's [64, 128, 256, 512]). @default [64, 128, 256, 512] */
  widths?: readonly number[];
  /** Batch normalisation in the conv blocks. @default true */
  batchNorm?: boolean;
  /** `'global'`: one logit per image; `'patch'`: a logit map `[N, H/2^k, W/2^k, 1]`. @default 'global' */
  head?: 'global' | 'patch';
  /** Width of the dense layer of the global head (the paper's 1024). @default 1024 */
  hidden?: number;
  /** Seed of the initial weights. @default 0 */
  seed?: number;
}

export const SRGAN_DISCRIMINATOR_DEFAULTS = {
  channels: 3,
  widths: [64, 128, 256, 512],
  batchNorm: true,
  head: 'global',
  hidden: 1024,
  seed: 0,
} as const satisfies Required<SrganDiscriminatorOptions>;

class ConvBlock extends Module {
  readonly conv: Conv2d;
  readonly bn: BatchNorm2d | null;
  readonly act = new LeakyReLU({ negativeSlope: 0.2 });
  constructor(inC: number, outC: number, stride: number, batchNorm: boolean, rng: Rng) {
    super();
    this.conv = new Conv2d(inC, outC, 3, { stride, padding: 1, bias: !batchNorm, seed: rng });
    this.bn = batchNorm ? new BatchNorm2d(outC) : null;
  }
  forward(x: tf.Tensor): tf.Tensor {
    const y = this.conv.forward(x);
    return this.act.forward(this.bn ? this.bn.forward(y) : y);
  }
}

export class SrganDiscriminator extends Module {
  readonly options: Readonly<Required<SrganDiscriminatorOptions>>;
  readonly blocks: ConvBlock[];
  readonly pool: AdaptiveAvgPool2d | null;
  readonly dense1: Linear | null;
  readonly dense2: Linear | null;
  readonly patchConv: Conv2d | null;
  readonly act = new LeakyReLU({ negativeSlope: 0.2 });

  constructor(options: SrganDiscriminatorOptions = {}) {
    super();
    const o = { ...SRGAN_DISCRIMINATOR_DEFAULTS, ...options };
    const where = 'SrganDiscriminator';
    if (!Array.isArray(o.widths) || o.widths.length === 0 || !o.widths.every((w) => Number.isInteger(w) && w > 0)) {
      throw new RangeError(`${where}: 'widths' must be a non-empty array of positive integers; received ${JSON.stringify(o.widths)}`);
    }
    for (const key of ['channels', 'hidden'] as const) {
      if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`${where}: '${key}' must be a positive integer; received ${String(o[key])}`);
    }
    if (o.head !== 'global' && o.head !== 'patch') throw new RangeError(`${where}: 'head' must be 'global' or 'patch'; received ${String(o.head)}`);
    this.options = Object.freeze({ ...o, widths: [...o.widths] });
    const rng = new Rng(o.seed);
    const blocks: ConvBlock[] = [];
    let inC = o.channels;
    o.widths.forEach((c, i) => {
      blocks.push(new ConvBlock(inC, c, 1, o.batchNorm && i > 0, rng));
      blocks.push(new ConvBlock(c, c, 2, o.batchNorm, rng));
      inC = c;
    });
    this.blocks = blocks;
    const last = o.widths[o.widths.length - 1] ?? 1;
    const global = o.head === 'global';
    this.pool = global ? new AdaptiveAvgPool2d(1) : null;
    this.dense1 = global ? new Linear(last, o.hidden, { seed: rng }) : null;
    this.dense2 = global ? new Linear(o.hidden, 1, { seed: rng }) : null;
    this.patchConv = global ? null : new Conv2d(last, 1, 3, { padding: 1, seed: rng });
  }

  /** `x`: `[N, H, W, C]` → logits `[N, 1]` ('global') or `[N, H', W', 1]` ('patch'). */
  forward(x: tf.Tensor): tf.Tensor {
    const c = this.options.channels;
    if (x.rank !== 4 || x.shape[3] !== c) {
      throw new Error(`SrganDiscriminator.forward: 'input' must have shape [N, H, W, ${c}] (NHWC); received [${x.shape.join(', ')}]`);
    }
    let y = x;
    for (const b of this.blocks) y = b.forward(y); // [N, H/2^k, W/2^k, c_k]
    if (this.patchConv) return this.patchConv.forward(y); // [N, H', W', 1]
    const pooled = tf.reshape(this.pool!.forward(y), [x.shape[0], -1]); // [N, c]
    return this.dense2!.forward(this.act.forward(this.dense1!.forward(pooled))); // [N, 1]
  }
}
