/**
 * Cosine embedding loss, as PyTorch 1.13's `torch.nn.functional.cosine_embedding_loss`
 * (aten/src/ATen/native/Loss.cpp, with its 1e−12 added to each squared norm).
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.CosineEmbeddingLoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { checkFloat, checkNumber, checkReduction, checkSameShape, checkTensor, valuesIfSyncReadable } from './loss-checks.js';

export interface CosineEmbeddingLossOptions {
  /** Dissimilar pairs (target −1) cost max(0, cos − margin); sensible values lie in [−1, 1]. @default 0 */
  margin?: number;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const COSINE_EMBEDDING_LOSS_DEFAULTS = { margin: 0, reduction: 'mean' } as const satisfies Required<CosineEmbeddingLossOptions>;

const EPSILON = 1e-12;

/**
 * 1 − cos(x1, x2) where target is 1, max(0, cos(x1, x2) − margin) where it is −1. `input1` and
 * `input2` are [N, D] (or [D]); `target` is [N] (or a scalar) of ±1, int32 or float32. Returns a
 * scalar, or the [N] losses with `reduction: 'none'`; the caller owns it. Targets other than ±1
 * throw on cpu and wasm; on WebGPU (no synchronous reads) they are not checked.
 */
export function cosineEmbeddingLoss(
  input1: tf.Tensor,
  input2: tf.Tensor,
  target: tf.Tensor,
  options: CosineEmbeddingLossOptions = {},
): tf.Tensor {
  const fn = 'cosineEmbeddingLoss';
  const { margin, reduction } = { ...COSINE_EMBEDDING_LOSS_DEFAULTS, ...options };
  checkTensor(fn, 'input1', input1);
  checkTensor(fn, 'input2', input2);
  checkTensor(fn, 'target', target);
  checkFloat(fn, 'input1', input1);
  checkFloat(fn, 'input2', input2);
  if (input1.rank !== 1 && input1.rank !== 2) {
    throw new RangeError(`${fn}: 'input1' must be [N, D] or [D]; received shape [${input1.shape.join(', ')}]`);
  }
  checkSameShape(fn, 'input2', input2, input1.shape, "input1's shape");
  checkSameShape(fn, 'target', target, input1.shape.slice(0, -1), 'one ±1 label per pair');
  if (target.dtype !== 'int32' && target.dtype !== 'float32') {
    throw new TypeError(`${fn}: 'target' must be an int32 or float32 tensor of ±1; received ${target.dtype}`);
  }
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  checkNumber(fn, 'margin', margin, -Infinity);
  const values = valuesIfSyncReadable(target);
  if (values !== undefined) {
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== 1 && values[i] !== -1) {
        throw new RangeError(`${fn}: 'target' values must be 1 or -1; received ${values[i]} at flat index ${i}`);
      }
    }
  }
  return tf.tidy(() => {
    const prod = tf.sum(tf.mul(input1, input2), -1); // [N]
    const mag1 = tf.add(tf.sum(tf.square(input1), -1), EPSILON); // [N]
    const mag2 = tf.add(tf.sum(tf.square(input2), -1), EPSILON); // [N]
    const cos = tf.div(prod, tf.sqrt(tf.mul(mag1, mag2))); // [N]
    const t = tf.cast(target, 'float32');
    const zeros = tf.zerosLike(cos);
    const pos = tf.where(tf.equal(t, 1), tf.sub(1, cos), zeros);
    const neg = tf.where(tf.equal(t, -1), tf.relu(tf.sub(cos, margin)), zeros);
    return applyReduction(tf.add(pos, neg), reduction);
  });
}
