/**
 * `LeNet`: a LeNet-style CNN in the modern form (LeCun et al., "Gradient-based learning applied to
 * document recognition", Proc. IEEE 1998; ReLU and max pooling instead of tanh and subsampling), as
 * the PyTorch/Keras MNIST examples: Conv 3×3 → ReLU → MaxPool 2 → Conv 3×3 → ReLU → MaxPool 2 →
 * Linear → ReLU → Dropout → Linear. Channels-last: input `[N, H, W, C]`, logits `[N, classes]`.
 * Letters: N batch, H/W height/width, C channels.
 */
import { tf, Conv2d, Dropout, Flatten, Linear, MaxPool2d, Module, ReLU, Rng, Sequential, type SeedLike } from '@ml/core';

/** Options of `LeNet`. */
export interface LeNetOptions {
  /** Input height. @default 28 */
  height?: number;
  /** Input width. @default 28 */
  width?: number;
  /** Filters of the two convolutions. @default [32, 64] */
  filters?: readonly [number, number];
  /** Units of the hidden dense layer. @default 128 */
  hidden?: number;
  /** Dropout before the output layer. @default 0.25 */
  dropout?: number;
  /** Seed of the initial weights and dropout masks. @default 0 */
  seed?: SeedLike;
}

/** Defaults of `LeNetOptions`. */
export const LENET_DEFAULTS = { height: 28, width: 28, filters: [32, 64], hidden: 128, dropout: 0.25, seed: 0 } as const satisfies Required<LeNetOptions>;

export class LeNet extends Module {
  readonly features: Sequential;
  readonly head: Sequential;

  constructor(inChannels: number, numClasses: number, options: LeNetOptions = {}) {
    super();
    const o = { ...LENET_DEFAULTS, ...options };
    const rng = Rng.from(o.seed);
    const [f1, f2] = o.filters;
    this.features = new Sequential(
      new Conv2d(inChannels, f1, 3, { padding: 1, seed: rng.fork() }), new ReLU(), new MaxPool2d(2), // [N, H/2, W/2, f1]
      new Conv2d(f1, f2, 3, { padding: 1, seed: rng.fork() }), new ReLU(), new MaxPool2d(2), // [N, H/4, W/4, f2]
    );
    const flat = Math.floor(Math.floor(o.height / 2) / 2) * Math.floor(Math.floor(o.width / 2) / 2) * f2;
    if (flat < 1) throw new RangeError(`LeNet: the input ${o.height}×${o.width} is too small for two 2×2 poolings; give height and width >= 4`);
    this.head = new Sequential(
      new Flatten(), // [N, H/4·W/4·f2]
      new Linear(flat, o.hidden, { seed: rng.fork() }), new ReLU(), // [N, hidden]
      new Dropout({ p: o.dropout, seed: rng.fork() }),
      new Linear(o.hidden, numClasses, { seed: rng.fork() }), // [N, classes]
    );
  }

  /** `x`: `[N, H, W, C]` → logits `[N, classes]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.head.forward(this.features.forward(x));
  }
}
