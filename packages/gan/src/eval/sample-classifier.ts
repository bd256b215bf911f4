/**
 * `SampleClassifier`: a small MLP classifier trained on REAL images, used to judge generated ones —
 * its class probabilities give `classifierScores` and its penultimate activations the feature space
 * of `frechetDistance` (the role Inception-v3 plays for natural images).
 *
 * x [N, H, W, C] → flatten [N, HWC] → Linear → ReLU → Linear → ReLU = features [N, F] → Linear → logits [N, K]
 */
import { Adam, Linear, Module, Rng, crossEntropy, tf, type SeedLike } from '@ml/core';

export interface SampleClassifierOptions {
  /** `[H, W, C]` of the images. */
  imageShape: readonly [number, number, number];
  /** Number of classes K. */
  numClasses: number;
  /** Widths of the two hidden layers (the second is the feature width F). @default [128, 64] */
  hidden?: readonly [number, number];
  /** Seed of the initial weights. @default 0 */
  seed?: SeedLike;
}

export interface SampleClassifierFitOptions {
  /** @default 30 */
  epochs?: number;
  /** @default 64 */
  batchSize?: number;
  /** Adam learning rate. @default 2e-3 */
  lr?: number;
  /** Seed of the batch order. @default 0 */
  seed?: number;
}

export const SAMPLE_CLASSIFIER_FIT_DEFAULTS = { epochs: 30, batchSize: 64, lr: 2e-3, seed: 0 } as const satisfies Required<SampleClassifierFitOptions>;

export class SampleClassifier extends Module {
  readonly imageShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly fc1: Linear;
  readonly fc2: Linear;
  readonly head: Linear;

  constructor(options: SampleClassifierOptions) {
    super();
    const [h1, h2] = options.hidden ?? [128, 64];
    const rng = Rng.from(options.seed ?? 0);
    if (!Number.isInteger(options.numClasses) || options.numClasses < 2) {
      throw new RangeError(`SampleClassifier: 'numClasses' must be an integer >= 2; received ${JSON.stringify(options.numClasses)}`);
    }
    this.imageShape = [...options.imageShape] as [number, number, number];
    this.numClasses = options.numClasses;
    this.fc1 = new Linear(this.imageShape[0] * this.imageShape[1] * this.imageShape[2], h1, { seed: rng });
    this.fc2 = new Linear(h1, h2, { seed: rng });
    this.head = new Linear(h2, this.numClasses, { seed: rng });
  }

  /** Penultimate activations `[N, F]`. */
  features(x: tf.Tensor): tf.Tensor2D {
    const n = x.shape[0] as number;
    if (x.rank !== 4 || !this.imageShape.every((s, i) => x.shape[i + 1] === s)) {
      throw new RangeError(`SampleClassifier: 'x' must be [N, ${this.imageShape.join(', ')}] (NHWC); received [${x.shape.join(', ')}]`);
    }
    const h = tf.relu(this.fc1.forward(tf.reshape(x, [n, -1]))); // [N, h1]
    return tf.relu(this.fc2.forward(h)) as tf.Tensor2D; // [N, F]
  }

  /** Logits `[N, K]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.head.forward(this.features(x));
  }

  /** Trains on real images `[N, H, W, C]` (in the generator's value range) and int32 labels `[N]` with Adam and cross-entropy. */
  async fit(images: tf.Tensor4D, labels: tf.Tensor1D, options: SampleClassifierFitOptions = {}): Promise<this> {
    const { epochs, batchSize, lr, seed } = { ...SAMPLE_CLASSIFIER_FIT_DEFAULTS, ...options };
    const n = images.shape[0];
    if (labels.dtype !== 'int32' || labels.shape[0] !== n) {
      throw new TypeError(`SampleClassifier.fit: 'labels' must be an int32 tensor [${n}]; received ${labels.dtype} [${labels.shape.join(', ')}]`);
    }
    const opt = new Adam(this.parameters(), { lr });
    const rng = new Rng(seed);
    try {
      for (let e = 0; e < epochs; e++) {
        const order = rng.permutation(n);
        for (let b = 0; b < n; b += batchSize) {
          const idx = tf.tensor1d(order.subarray(b, Math.min(n, b + batchSize)), 'int32');
          const { value, grads } = tf.variableGrads(() => crossEntropy(this.forward(tf.gather(images, idx)), tf.gather(labels, idx)) as tf.Scalar, this.parameters());
          opt.step(grads);
          tf.dispose([idx, value, ...Object.values(grads)]);
        }
      }
    } finally {
      opt.dispose();
    }
    return this;
  }

  /** Class probabilities `[N, K]` and features `[N, F]` as arrays (read asynchronously), in batches. */
  async probabilitiesAndFeatures(x: tf.Tensor4D, batchSize = 256): Promise<{ probs: Float32Array; features: Float32Array; featureDim: number }> {
    const n = x.shape[0];
    const featureDim = this.fc2.weight.shape[1] as number;
    const probs = new Float32Array(n * this.numClasses);
    const features = new Float32Array(n * featureDim);
    for (let b = 0; b < n; b += batchSize) {
      const [p, f] = tf.tidy(() => {
        const batch = tf.slice(x, [b, 0, 0, 0], [Math.min(batchSize, n - b), -1, -1, -1]);
        const feats = this.features(batch);
        return [tf.softmax(this.head.forward(feats)), feats];
      });
      probs.set(await p.data(), b * this.numClasses);
      features.set(await f.data(), b * featureDim);
      tf.dispose([p, f]);
    }
    return { probs, features, featureDim };
  }
}
