/**
 * `SmallResNet`: a ResNet for small images (He et al., "Deep residual learning for image
 * recognition", CVPR 2016, the CIFAR variant of §4.2): a 3×3 stem, stages of basic blocks
 * (conv–BN–ReLU–conv–BN plus the shortcut, then ReLU; a stride-2 1×1 conv + BN shortcut where the
 * shape changes), global average pooling and a linear classifier. Channels-last: `[N, H, W, C]` →
 * logits `[N, classes]`.
 */
import { tf, AdaptiveAvgPool2d, BatchNorm2d, Conv2d, Flatten, Linear, Module, Rng, Sequential, type SeedLike } from '@ml/core';

/** One basic residual block: `[N, H, W, in]` → `[N, H/stride, W/stride, out]`. */
export class BasicBlock extends Module {
  readonly conv1: Conv2d;
  readonly bn1: BatchNorm2d;
  readonly conv2: Conv2d;
  readonly bn2: BatchNorm2d;
  readonly shortcut: Sequential | null;

  constructor(inChannels: number, outChannels: number, stride: number, rng: Rng) {
    super();
    this.conv1 = new Conv2d(inChannels, outChannels, 3, { stride, padding: 1, bias: false, seed: rng.fork() });
    this.bn1 = new BatchNorm2d(outChannels);
    this.conv2 = new Conv2d(outChannels, outChannels, 3, { padding: 1, bias: false, seed: rng.fork() });
    this.bn2 = new BatchNorm2d(outChannels);
    this.shortcut = stride !== 1 || inChannels !== outChannels
      ? new Sequential(new Conv2d(inChannels, outChannels, 1, { stride, bias: false, seed: rng.fork() }), new BatchNorm2d(outChannels))
      : null;
  }

  forward(x: tf.Tensor): tf.Tensor {
    const y = this.bn2.forward(this.conv2.forward(tf.relu(this.bn1.forward(this.conv1.forward(x))))); // [N, H', W', out]
    const identity = this.shortcut === null ? x : this.shortcut.forward(x); // [N, H', W', out]
    return tf.relu(tf.add(y, identity));
  }
}

/** Options of `SmallResNet`. */
export interface SmallResNetOptions {
  /** Channels of each stage; every stage after the first halves the resolution. @default [16, 32, 64] */
  channels?: readonly number[];
  /** Basic blocks per stage (ResNet-20 for CIFAR has 3). @default 1 */
  blocksPerStage?: number;
  /** Seed of the initial weights. @default 0 */
  seed?: SeedLike;
}

/** Defaults of `SmallResNetOptions`. */
export const SMALL_RESNET_DEFAULTS = { channels: [16, 32, 64], blocksPerStage: 1, seed: 0 } as const satisfies Required<SmallResNetOptions>;

export class SmallResNet extends Module {
  readonly stem: Sequential;
  readonly blocks: BasicBlock[];
  readonly head: Sequential;

  constructor(inChannels: number, numClasses: number, options: SmallResNetOptions = {}) {
    super();
    const o = { ...SMALL_RESNET_DEFAULTS, ...options };
    if (o.channels.length === 0) throw new RangeError("SmallResNet: 'channels' must name at least one stage; received []");
    if (!Number.isInteger(o.blocksPerStage) || o.blocksPerStage < 1) throw new RangeError(`SmallResNet: 'blocksPerStage' must be a positive integer; received ${String(o.blocksPerStage)}`);
    const rng = Rng.from(o.seed);
    this.stem = new Sequential(new Conv2d(inChannels, o.channels[0], 3, { padding: 1, bias: false, seed: rng.fork() }), new BatchNorm2d(o.channels[0])); // [N, H, W, c0]
    this.blocks = [];
    let c = o.channels[0];
    o.channels.forEach((out, stage) => {
      for (let b = 0; b < o.blocksPerStage; b++) {
        this.blocks.push(new BasicBlock(c, out, stage > 0 && b === 0 ? 2 : 1, rng));
        c = out;
      }
    });
    this.head = new Sequential(new AdaptiveAvgPool2d(1), new Flatten(), new Linear(c, numClasses, { seed: rng.fork() })); // [N, classes]
  }

  /** `x`: `[N, H, W, C]` → logits `[N, classes]`. */
  forward(x: tf.Tensor): tf.Tensor {
    let h = tf.relu(this.stem.forward(x));
    for (const block of this.blocks) h = block.forward(h);
    return this.head.forward(h);
  }
}
