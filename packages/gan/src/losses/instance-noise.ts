/**
 * Instance noise: Sønderby et al., "Amortised MAP Inference for Image Super-resolution" (2017) §5 and
 * Arjovsky & Bottou (2017): Gaussian noise added to both real and fake inputs of the discriminator so
 * their distributions overlap, usually annealed to zero over training.
 */
import { Rng, tf, type SeedLike } from '@ml/core';
import { checkFinite } from './gan-loss-checks.js';

/**
 * x + std·N(0, 1), the noise drawn from `seed` (pass an `Rng` for a stream). `std = 0` returns a
 * copy. Returns a new tensor owned by the caller.
 */
export function instanceNoise(x: tf.Tensor, std: number, seed: SeedLike): tf.Tensor {
  const fn = 'instanceNoise';
  if (!(x instanceof tf.Tensor) || x.dtype !== 'float32') {
    throw new TypeError(`${fn}: 'x' must be a float32 tensor; received ${x instanceof tf.Tensor ? x.dtype : typeof x}`);
  }
  checkFinite(fn, 'std', std, 0);
  if (std === 0) return tf.clone(x);
  const noise = Rng.from(seed).fillNormal(new Float32Array(x.size), 0, std);
  return tf.tidy(() => tf.add(x, tf.tensor(noise, x.shape)));
}

/**
 * A linearly annealed instance-noise level: `start` at step 0, falling to 0 at `steps` (and after).
 */
export function annealedNoiseStd(start: number, step: number, steps: number): number {
  const fn = 'annealedNoiseStd';
  checkFinite(fn, 'start', start, 0);
  checkFinite(fn, 'step', step, 0);
  checkFinite(fn, 'steps', steps, 0);
  if (steps === 0) return 0;
  return start * Math.max(0, 1 - step / steps);
}
