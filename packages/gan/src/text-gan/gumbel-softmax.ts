/**
 * Gumbel-softmax (concrete) relaxation of a categorical sample: Jang, Gu & Poole, "Categorical
 * Reparameterization with Gumbel-Softmax" (ICLR 2017), and Maddison, Mnih & Teh, "The Concrete
 * Distribution" (ICLR 2017); semantics of PyTorch 1.13's `torch.nn.functional.gumbel_softmax`:
 *
 *   g = −log(−log u),  u ~ U(0, 1)        y = softmax((logits + g) / τ)
 *
 * With `hard`, the forward value is the one-hot of argmax y and the gradient is that of y
 * (straight-through estimator, Bengio et al. 2013). As τ → 0 the soft sample approaches the one-hot
 * of a draw from softmax(logits) (the Gumbel-max trick).
 */
import { Rng, tf, type SeedLike } from '@ml/core';
import { oneHotFloat } from './one-hot.js';

/** Options of {@link gumbelSoftmax}. */
export interface GumbelSoftmaxOptions {
  /** Temperature τ (> 0): lower is closer to one-hot (PyTorch's `tau`). @default 1 */
  temperature?: number;
  /** Forward a one-hot sample, backpropagate through the soft one (straight-through). @default false */
  hard?: boolean;
  /** Seed or generator for the Gumbel noise (ignored when `noise` is given). @default 0 */
  seed?: SeedLike;
  /** Gumbel noise to use instead of drawing it, same shape as `logits` (e.g. to compare with a reference). @default drawn from `seed` */
  noise?: tf.Tensor;
}

/** Defaults of {@link GumbelSoftmaxOptions} (without `noise`). */
export const GUMBEL_SOFTMAX_DEFAULTS = { temperature: 1, hard: false, seed: 0 } as const satisfies Required<Omit<GumbelSoftmaxOptions, 'noise'>>;

/**
 * Standard Gumbel noise of `shape`, drawn from `seed` (u is kept in [1e-10, 1 − 1e-7] so both logs
 * are finite). The caller owns the returned tensor.
 */
export function gumbelNoise(shape: readonly number[], seed: SeedLike = 0): tf.Tensor {
  const rng = Rng.from(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const u = rng.fillUniform(new Float64Array(size));
  const g = new Float32Array(size);
  for (let i = 0; i < size; i++) g[i] = -Math.log(-Math.log(Math.min(Math.max(u[i] ?? 0.5, 1e-10), 1 - 1e-7)));
  return tf.tensor(g, shape.slice(), 'float32');
}

/** One-hot of the argmax along the last axis forward, identity gradient backward. */
const straightThrough = tf.customGrad((soft) => {
  const s = soft as tf.Tensor;
  const classes = s.shape[s.rank - 1] ?? 0;
  const value = oneHotFloat(tf.argMax(s, -1), classes);
  return { value, gradFunc: (dy: tf.Tensor | tf.Tensor[]) => dy as tf.Tensor };
});

/**
 * A relaxed (or, with `hard`, straight-through) categorical sample along the last axis of `logits`
 * (`[…, V]`). Differentiable with respect to `logits`; runs on the caller's tape. The caller owns the
 * returned tensor.
 */
export function gumbelSoftmax(logits: tf.Tensor, options: GumbelSoftmaxOptions = {}): tf.Tensor {
  const where = 'gumbelSoftmax';
  const o = { ...GUMBEL_SOFTMAX_DEFAULTS, ...options };
  if (!(logits instanceof tf.Tensor) || logits.rank < 1 || logits.dtype !== 'float32') {
    throw new TypeError(`${where}: 'logits' must be a float32 tensor of rank >= 1; received ${logits instanceof tf.Tensor ? `${logits.dtype} [${logits.shape.join(', ')}]` : typeof logits}`);
  }
  if (!(o.temperature > 0) || !Number.isFinite(o.temperature)) throw new RangeError(`${where}: 'temperature' must be a finite number > 0; received ${String(o.temperature)}`);
  if (o.noise !== undefined && !tf.util.arraysEqual(o.noise.shape, logits.shape)) {
    throw new Error(`${where}: 'noise' must have the shape of 'logits' [${logits.shape.join(', ')}]; received [${o.noise.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const noise = o.noise ?? gumbelNoise(logits.shape, o.seed);
    const soft = tf.softmax(tf.div(tf.add(logits, noise), o.temperature)); // […, V]
    return o.hard ? (straightThrough(soft) as tf.Tensor) : soft;
  });
}
