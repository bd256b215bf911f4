/**
 * The WGAN-GP gradient penalty: Gulrajani et al., "Improved Training of Wasserstein GANs" (2017),
 * Algorithm 1: E[(‖∇D(x̂)‖₂ − 1)²] at x̂ = ε·x + (1 − ε)·G(z), ε ~ U[0, 1] per sample.
 *
 * The penalty is itself differentiated w.r.t. D's weights, so D's forward pass is differentiated
 * twice. tfjs records the inner gradient's ops on the outer tape; matmul, strided conv2d and
 * relu-based LeakyReLU are checked to second order against PyTorch on every backend
 * (gan-losses.test.ts). tfjs-core 4.22's own `leakyRelu` (hence `@ml/core/nn`'s `LeakyReLU`) CANNOT
 * be differentiated twice — its gradient uses a `Greater` op without a gradient ("gradient function
 * not found for Greater") — so critics here use `leakyReluTwice` (relu(x) − α·relu(−x)). Do not use batch normalisation in a critic trained with a gradient
 * penalty: it mixes samples, so the per-sample gradient norm is no longer what is penalised (the
 * paper's advice; use layer normalisation or none).
 */
import { Rng, tf, type SeedLike } from '@ml/core';
import { checkFinite, checkSamplePair } from './gan-loss-checks.js';

/** A critic as a function of its input batch: returns its raw outputs, one (or more) per sample. */
export type CriticFn = (x: tf.Tensor) => tf.Tensor;

export interface GradientPenaltyOptions {
  /** Seed or RNG stream for the interpolation weights ε. Pass an `Rng` to draw fresh ε at every step. */
  seed: SeedLike;
  /** The target gradient norm (the 1-Lipschitz constraint). @default 1 */
  target?: number;
  /**
   * Interpolation weights ε, shape [N], instead of drawing them (for tests and reproductions).
   * `null`: drawn uniformly from `seed`.
   * @default null
   */
  alpha?: tf.Tensor | null;
}

export const GRADIENT_PENALTY_DEFAULTS = {
  target: 1,
  alpha: null,
} as const satisfies Required<Omit<GradientPenaltyOptions, 'seed'>>;

/** Guards the square root's gradient at a zero gradient (PyTorch's norm would give NaN there). */
const NORM_EPS = 1e-12;

/** ∇ₓ Σ critic(x), per sample, flattened to [N, D]. Recorded on the caller's tape (call inside `variableGrads`). */
export function criticInputGradient(critic: CriticFn, x: tf.Tensor): tf.Tensor2D {
  const g = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x);
  return tf.reshape(g, [x.shape[0] ?? 0, -1]) as tf.Tensor2D;
}

/**
 * mean over the batch of (‖∇D(x̂)‖₂ − target)², x̂ = ε·real + (1 − ε)·fake. Call it inside the D
 * step's `tf.variableGrads` (with `fake` detached) so the penalty's gradient reaches D's weights;
 * weight it by λ (10 in the paper). Returns a scalar owned by the caller.
 */
export function gradientPenalty(critic: CriticFn, real: tf.Tensor, fake: tf.Tensor, options: GradientPenaltyOptions): tf.Scalar {
  const fn = 'gradientPenalty';
  checkSamplePair(fn, real, fake);
  if (typeof critic !== 'function') throw new TypeError(`${fn}: 'critic' must be a function (x) => outputs; received ${typeof critic}`);
  const { target, alpha } = { ...GRADIENT_PENALTY_DEFAULTS, ...options };
  checkFinite(fn, 'target', target, 0);
  const n = real.shape[0] ?? 0;
  if (alpha !== null && (!(alpha instanceof tf.Tensor) || !tf.util.arraysEqual(alpha.shape, [n]))) {
    throw new RangeError(`${fn}: 'alpha' must be a tensor of shape [${n}] (one ε per sample); received ${alpha instanceof tf.Tensor ? `[${alpha.shape.join(', ')}]` : typeof alpha}`);
  }
  let eps: Float32Array | undefined;
  if (alpha === null) {
    if (options.seed === undefined) throw new TypeError(`${fn}: 'seed' is required (a number or an Rng); received undefined`);
    eps = Rng.from(options.seed).fillUniform(new Float32Array(n));
  }
  return tf.tidy(() => {
    const epsShape = [n, ...real.shape.slice(1).map(() => 1)];
    const e = alpha === null ? tf.tensor(eps as Float32Array, epsShape) : tf.reshape(alpha, epsShape);
    const xHat = tf.add(tf.mul(e, real), tf.mul(tf.sub(1, e), fake)); // [N, ...]
    const g = criticInputGradient(critic, xHat); // [N, D]
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1), NORM_EPS)); // [N]
    return tf.mean(tf.square(tf.sub(norm, target))) as tf.Scalar;
  });
}
