/**
 * The discriminator's (critic's) side of the adversarial objectives: non-saturating BCE
 * (Goodfellow et al., "Generative Adversarial Nets", 2014), least squares (Mao et al., "Least Squares
 * Generative Adversarial Networks", 2017), hinge (Lim & Ye, "Geometric GAN", 2017) and Wasserstein
 * (Arjovsky et al., "Wasserstein GAN", 2017). One-sided label smoothing follows Salimans et al.,
 * "Improved Techniques for Training GANs" (2016).
 */
import { binaryCrossEntropyWithLogits, tf } from '@ml/core';
import { checkFinite, checkKind, checkLogits, type GanLossKind } from './gan-loss-checks.js';

export interface DiscriminatorLossOptions {
  /**
   * Target for real samples in `'bce'` and `'lsgan'`. One-sided label smoothing sets it below 1
   * (0.9 is common); the fake target stays at 0. Must be 1 for `'hinge'` and `'wasserstein'`.
   * @default 1
   */
  realLabel?: number;
  /** Target for fake samples in `'bce'` and `'lsgan'`. Must be 0 for `'hinge'` and `'wasserstein'`. @default 0 */
  fakeLabel?: number;
}

export const DISCRIMINATOR_LOSS_DEFAULTS = {
  realLabel: 1,
  fakeLabel: 0,
} as const satisfies Required<DiscriminatorLossOptions>;

/**
 * The discriminator loss for one batch, to minimise, given D's raw outputs (logits, any shape) on
 * real and on fake samples (the fakes must be detached from the generator by the caller):
 *
 * | kind | loss |
 * |---|---|
 * | `'bce'` | BCE(D(x), realLabel) + BCE(D(G(z)), fakeLabel), each a mean, on logits (stable softplus form) |
 * | `'lsgan'` | ½·mean((D(x) − realLabel)²) + ½·mean((D(G(z)) − fakeLabel)²) |
 * | `'hinge'` | mean(relu(1 − D(x))) + mean(relu(1 + D(G(z)))) |
 * | `'wasserstein'` | mean(D(G(z))) − mean(D(x)) |
 *
 * Returns a scalar owned by the caller.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BCEWithLogitsLoss.html
 */
export function discriminatorLoss(
  kind: GanLossKind,
  realLogits: tf.Tensor,
  fakeLogits: tf.Tensor,
  options: DiscriminatorLossOptions = {},
): tf.Scalar {
  const fn = 'discriminatorLoss';
  checkKind(fn, kind);
  checkLogits(fn, 'realLogits', realLogits);
  checkLogits(fn, 'fakeLogits', fakeLogits);
  const { realLabel, fakeLabel } = { ...DISCRIMINATOR_LOSS_DEFAULTS, ...options };
  checkFinite(fn, 'realLabel', realLabel, 0, 1);
  checkFinite(fn, 'fakeLabel', fakeLabel, 0, 1);
  if ((kind === 'hinge' || kind === 'wasserstein') && (realLabel !== 1 || fakeLabel !== 0)) {
    throw new RangeError(
      `${fn}: label smoothing ('realLabel'/'fakeLabel') applies to 'bce' and 'lsgan' only; received realLabel ${realLabel}, fakeLabel ${fakeLabel} with kind '${kind}'`,
    );
  }
  return tf.tidy(() => {
    switch (kind) {
      case 'bce':
        return tf.add(
          binaryCrossEntropyWithLogits(realLogits, tf.fill(realLogits.shape, realLabel)),
          binaryCrossEntropyWithLogits(fakeLogits, tf.fill(fakeLogits.shape, fakeLabel)),
        ) as tf.Scalar;
      case 'lsgan':
        return tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(realLogits, realLabel))), tf.mean(tf.square(tf.sub(fakeLogits, fakeLabel))))) as tf.Scalar;
      case 'hinge':
        return tf.add(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits)))) as tf.Scalar;
      case 'wasserstein':
        return tf.sub(tf.mean(fakeLogits), tf.mean(realLogits)) as tf.Scalar;
    }
  });
}
