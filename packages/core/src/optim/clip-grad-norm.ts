/**
 * Gradient clipping by global norm, as PyTorch 1.13's `torch.nn.utils.clip_grad_norm_`; from
 * Pascanu et al., "On the difficulty of training recurrent neural networks" (2013).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_norm_.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkHyper } from './check-hyper.js';

/** The clipped gradients and the total norm they had before clipping. */
export interface ClipGradNormResult {
  /** The gradients scaled by min(1, maxNorm / (totalNorm + 1e−6)), under the same keys. */
  grads: tf.NamedTensorMap;
  /** The norm of all gradients together, before clipping. */
  totalNorm: tf.Scalar;
}

/**
 * Treats all gradients as one vector, computes its `normType`-norm (`Infinity` for the max-norm),
 * and scales every gradient by min(1, maxNorm / (totalNorm + 1e−6)).
 *
 * tfjs tensors are immutable, so unlike PyTorch this returns new gradients; every returned tensor
 * is owned by the caller, who also keeps ownership of `grads`. The norm stays a tensor so that no
 * synchronous read is needed (WebGPU); read it with `await totalNorm.data()` when wanted.
 */
export function clipGradNorm(grads: tf.NamedTensorMap, maxNorm: number, normType = 2): ClipGradNormResult {
  const fn = 'clipGradNorm';
  if (typeof grads !== 'object' || grads === null) {
    throw new TypeError(`${fn}: 'grads' must be a record of tensors; received ${grads === null ? 'null' : typeof grads}`);
  }
  checkHyper(fn, 'maxNorm', maxNorm, 0);
  if (!(normType === Infinity || (typeof normType === 'number' && Number.isFinite(normType) && normType > 0))) {
    throw new RangeError(`${fn}: 'normType' must be a positive number or Infinity; received ${JSON.stringify(normType)}`);
  }
  const entries = Object.entries(grads);
  for (const [k, g] of entries) {
    if (!(g instanceof tf.Tensor) || g.dtype !== 'float32') {
      throw new TypeError(`${fn}: gradient '${k}' must be a float32 tensor; received ${g instanceof tf.Tensor ? g.dtype : typeof g}`);
    }
  }
  return tf.tidy(() => {
    if (entries.length === 0) return { grads: {}, totalNorm: tf.scalar(0) };
    const norms = entries.map(([, g]) => vectorNorm(tf.reshape(g, [-1]), normType)); // one scalar each
    const totalNorm = vectorNorm(tf.stack(norms), normType) as tf.Scalar;
    const coef = tf.minimum(tf.div(maxNorm, tf.add(totalNorm, 1e-6)), 1);
    const clipped: tf.NamedTensorMap = {};
    for (const [k, g] of entries) clipped[k] = tf.mul(g, coef);
    return { grads: clipped, totalNorm };
  });
}

function vectorNorm(v: tf.Tensor, p: number): tf.Tensor {
  const abs = tf.abs(v);
  if (p === Infinity) return tf.max(abs);
  if (p === 1) return tf.sum(abs);
  if (p === 2) return tf.sqrt(tf.sum(tf.square(v)));
  return tf.pow(tf.sum(tf.pow(abs, p)), 1 / p);
}
