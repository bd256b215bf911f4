/**
 * The R1 regulariser: Mescheder et al., "Which Training Methods for GANs do actually Converge?"
 * (2018), eq. 9: (γ/2)·E_x[‖∇D(x)‖²] on REAL data only. Unlike the WGAN-GP penalty it needs no
 * interpolates and works with any loss (StyleGAN uses it with the non-saturating loss).
 */
import { tf } from '@ml/core';
import { criticInputGradient, type CriticFn } from './gradient-penalty.js';

/**
 * mean over the batch of ‖∇ₓD(x)‖₂² at the real samples (without the γ/2 factor: the caller weights
 * it). Call it inside the D step's `tf.variableGrads`. Returns a scalar owned by the caller.
 */
export function r1Penalty(critic: CriticFn, real: tf.Tensor): tf.Scalar {
  const fn = 'r1Penalty';
  if (typeof critic !== 'function') throw new TypeError(`${fn}: 'critic' must be a function (x) => outputs; received ${typeof critic}`);
  if (!(real instanceof tf.Tensor) || real.dtype !== 'float32' || real.rank < 2) {
    throw new TypeError(`${fn}: 'real' must be a float32 tensor [N, ...] (batch first); received ${real instanceof tf.Tensor ? `${real.dtype} [${real.shape.join(', ')}]` : typeof real}`);
  }
  return tf.tidy(() => {
    const g = criticInputGradient(critic, real); // [N, D]
    return tf.mean(tf.sum(tf.square(g), 1)) as tf.Scalar;
  });
}
