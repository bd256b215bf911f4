/**
 * `SmallVgg`: a VGG-style CNN (Simonyan and Zisserman, "Very deep convolutional networks for
 * large-scale image recognition", ICLR 2015) sized for small images: stages of `convsPerStage`
 * 3×3 convolutions (+ BatchNorm) + ReLU, each closed by a 2×2 max pool; then global average pooling,
 * Dropout and a linear classifier. Channels-last: `[N, H, W, C]` → logits `[N, classes]`.
 */
import { tf, AdaptiveAvgPool2d, BatchNorm2d, Conv2d, Dropout, Flatten, Linear, MaxPool2d, Module, ReLU, Rng, Sequential, type SeedLike } from '@ml/core';

/** Options of `SmallVgg`. */
export interface SmallVggOptions {
  /** Filters of each stage. @default [32, 64, 128] */
  channels?: readonly number[];
  /** 3×3 convolutions per stage. @default 2 */
  convsPerStage?: number;
  /** BatchNorm after each convolution. @default true */
  batchNorm?: boolean;
  /** Dropout before the classifier. @default 0.3 */
  dropout?: number;
  /** Seed of the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

/** Defaults of `SmallVggOptions`. */
export const SMALL_VGG_DEFAULTS = { channels: [32, 64, 128], convsPerStage: 2, batchNorm: true, dropout: 0.3, seed: 0 } as const satisfies Required<SmallVggOptions>;

export class SmallVgg extends Module {
  readonly features: Sequential;
  readonly head: Sequential;

  constructor(inChannels: number, numClasses: number, options: SmallVggOptions = {}) {
    super();
    const o = { ...SMALL_VGG_DEFAULTS, ...options };
    if (o.channels.length === 0) throw new RangeError("SmallVgg: 'channels' must name at least one stage; received []");
    const rng = Rng.from(o.seed);
    const layers: Module[] = [];
    let c = inChannels;
    for (const out of o.channels) {
      for (let k = 0; k < o.convsPerStage; k++) {
        layers.push(new Conv2d(c, out, 3, { padding: 1, bias: !o.batchNorm, seed: rng.fork() })); // [N, h, w, out]
        if (o.batchNorm) layers.push(new BatchNorm2d(out));
        layers.push(new ReLU());
        c = out;
      }
      layers.push(new MaxPool2d(2)); // [N, h/2, w/2, out]
    }
    this.features = new Sequential(...layers);
    this.head = new Sequential(
      new AdaptiveAvgPool2d(1), new Flatten(), // [N, c]
      new Dropout({ p: o.dropout, seed: rng.fork() }),
      new Linear(c, numClasses, { seed: rng.fork() }), // [N, classes]
    );
  }

  /** `x`: `[N, H, W, C]` → logits `[N, classes]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.head.forward(this.features.forward(x));
  }
}
