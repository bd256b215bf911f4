/**
 * The generator's side of the adversarial objectives (see `discriminatorLoss` for the references).
 * `'bce'` is the non-saturating form −log σ(D(G(z))), whose gradient does not vanish when the
 * discriminator confidently rejects the fakes (Goodfellow et al. 2014, §3).
 */
import { tf } from '@ml/core';
import { checkKind, checkLogits, type GanLossKind } from './gan-loss-checks.js';

/**
 * The generator loss for one batch, to minimise, given D's raw outputs on generated samples (NOT
 * detached: the gradient must reach G):
 *
 * | kind | loss |
 * |---|---|
 * | `'bce'` | mean(softplus(−D(G(z)))) = BCE(D(G(z)), 1) (non-saturating) |
 * | `'lsgan'` | ½·mean((D(G(z)) − 1)²) |
 * | `'hinge'`, `'wasserstein'` | −mean(D(G(z))) |
 *
 * Returns a scalar owned by the caller.
 */
export function generatorLoss(kind: GanLossKind, fakeLogits: tf.Tensor): tf.Scalar {
  const fn = 'generatorLoss';
  checkKind(fn, kind);
  checkLogits(fn, 'fakeLogits', fakeLogits);
  return tf.tidy(() => {
    switch (kind) {
      case 'bce':
        return tf.mean(tf.softplus(tf.neg(fakeLogits))) as tf.Scalar; // −log σ(x), stable for large |x|
      case 'lsgan':
        return tf.mul(0.5, tf.mean(tf.square(tf.sub(fakeLogits, 1)))) as tf.Scalar;
      case 'hinge':
      case 'wasserstein':
        return tf.neg(tf.mean(fakeLogits)) as tf.Scalar;
    }
  });
}
