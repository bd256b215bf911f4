/**
 * The negative log-likelihood terms for class-index targets, shared by `nllLoss` and `crossEntropy`
 * (internal). Follows PyTorch 1.13's `nll_loss_nd` (aten/src/ATen/native/LossNLL.cpp): a row whose
 * target equals `ignoreIndex` contributes nothing, and `'mean'` divides by the summed weights of
 * the rows kept.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkFloat, checkSameShape, valuesIfSyncReadable } from './loss-checks.js';

export interface ClassIndexTerms {
  /** −w[y]·logp[y] per row, 0 on ignored rows. [M] */
  loss: tf.Tensor1D;
  /** w[y] per row (1 without weights), 0 on ignored rows. [M] */
  rowWeight: tf.Tensor1D;
  /** 1 on kept rows, 0 on ignored rows. [M] */
  kept: tf.Tensor1D;
}

/** Checks dtype, shape and range of class-index targets for `input` [..., C]. */
export function checkClassIndexTarget(fn: string, input: tf.Tensor, target: tf.Tensor, ignoreIndex: number): void {
  if (target.dtype !== 'int32') {
    throw new TypeError(`${fn}: class-index 'target' must be an int32 tensor; received ${target.dtype}`);
  }
  checkSameShape(fn, 'target', target, input.shape.slice(0, -1), 'the input shape without its last (class) dimension');
  const numClasses = input.shape[input.rank - 1];
  const values = valuesIfSyncReadable(target);
  if (values === undefined) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== ignoreIndex && (v < 0 || v >= numClasses)) {
      throw new RangeError(
        `${fn}: 'target' class indices must be in [0, ${numClasses}) or equal ignoreIndex (${ignoreIndex}); ` +
          `received ${v} at flat index ${i}`,
      );
    }
  }
}

/** Checks a per-class weight vector for `numClasses` classes. */
export function checkClassWeight(fn: string, weight: tf.Tensor, numClasses: number): void {
  checkFloat(fn, 'weight', weight);
  checkSameShape(fn, 'weight', weight, [numClasses], 'one weight per class');
}

/**
 * Per-row NLL terms. `logp` is [M, C] log-probabilities, `target` any shape with M int32 elements.
 * Call inside `tf.tidy`.
 */
export function classIndexTerms(
  logp: tf.Tensor2D,
  target: tf.Tensor,
  weight: tf.Tensor | null,
  ignoreIndex: number,
): ClassIndexTerms {
  const [m, c] = logp.shape;
  const t = tf.reshape(target, [m]) as tf.Tensor1D; // [M]
  const keptMask = tf.notEqual(t, tf.scalar(ignoreIndex, 'int32')); // [M] bool
  const safe = tf.where(keptMask, t, tf.zerosLike(t)); // ignored rows point at class 0, then get weight 0
  const kept = tf.cast(keptMask, 'float32') as tf.Tensor1D;
  // One-hot selection instead of gather: its gradient needs no scatter kernel on any backend.
  const hot = tf.cast(tf.oneHot(safe, c), 'float32'); // [M, C]
  const picked = tf.sum(tf.mul(logp, hot), -1); // [M]
  const rowWeight = (weight === null ? kept : tf.mul(tf.gather(weight, safe), kept)) as tf.Tensor1D; // [M]
  const loss = tf.neg(tf.mul(picked, rowWeight)) as tf.Tensor1D; // [M]
  return { loss, rowWeight, kept };
}
