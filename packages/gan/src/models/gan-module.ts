/**
 * The shapes of GAN networks this package trains. A generator maps latent codes `z` `[N, latentDim]`
 * (and, when conditional, int32 class labels `[N]`) to images `[N, H, W, C]` (NHWC, in [-1, 1]); a
 * discriminator maps images (and labels) to raw scores (logits) `[N, 1]`.
 */
import type { Module, tf } from '@ml/core';

/** A generator: `forward(z, labels?)` → `[N, H, W, C]`. */
export interface GanGenerator extends Module<[z: tf.Tensor, labels?: tf.Tensor], tf.Tensor> {
  /** Size of the latent code z. */
  readonly latentDim: number;
  /** Number of classes it is conditioned on; 0 for an unconditional generator. */
  readonly numClasses: number;
  /** `[H, W, C]` of the images it makes. */
  readonly imageShape: readonly [number, number, number];
}

/** A discriminator (critic): `forward(x, labels?)` → logits `[N, 1]`. */
export interface GanDiscriminator extends Module<[x: tf.Tensor, labels?: tf.Tensor], tf.Tensor> {
  /** Number of classes it is conditioned on; 0 for an unconditional discriminator. */
  readonly numClasses: number;
  /** `[H, W, C]` of the images it judges. */
  readonly imageShape: readonly [number, number, number];
}

/** Throws unless `labels` is given exactly when `numClasses > 0`, as int32 `[N]`. */
export function checkLabels(where: string, numClasses: number, labels: tf.Tensor | undefined, n: number): void {
  if (numClasses === 0) {
    if (labels !== undefined) throw new TypeError(`${where}: 'labels' must be omitted for an unconditional model (numClasses 0); received a tensor`);
    return;
  }
  if (labels === undefined || labels.dtype !== 'int32' || labels.rank !== 1 || labels.shape[0] !== n) {
    throw new TypeError(
      `${where}: 'labels' must be an int32 tensor [${n}] of classes in [0, ${numClasses}) (the model is conditional); received ${labels === undefined ? 'undefined' : `${labels.dtype} [${labels.shape.join(', ')}]`}`,
    );
  }
}

/** Throws unless `x` is `[N, ...shape]`. */
export function checkBatch(where: string, name: string, x: tf.Tensor, shape: readonly number[], what: string): void {
  if (x.rank !== shape.length + 1 || shape.some((d, i) => x.shape[i + 1] !== d)) {
    throw new RangeError(`${where}: '${name}' must be [N, ${shape.join(', ')}] (${what}); received [${x.shape.join(', ')}]`);
  }
}

export function checkPositiveInt(where: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: '${name}' must be an integer >= ${min}; received ${JSON.stringify(value)}`);
  }
  return value;
}
