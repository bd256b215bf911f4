/**
 * Binary cross-entropy on probabilities, as PyTorch 1.13's `torch.nn.functional.binary_cross_entropy`
 * (aten/src/ATen/native/Loss.cpp): logs clamped at −100, gradient (x − t) / max(x·(1 − x), 1e−12).
 * Prefer `binaryCrossEntropyWithLogits` for training: it is stable where this saturates.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.BCELoss.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyReduction, type Reduction } from './apply-reduction.js';
import { checkBroadcastsTo, checkFloat, checkFloatPair, checkReduction, valuesIfSyncReadable } from './loss-checks.js';

export interface BinaryCrossEntropyOptions {
  /** Per-element weight, broadcast to the input's shape. `null`: all 1. @default null */
  weight?: tf.Tensor | null;
  /** @default 'mean' */
  reduction?: Reduction;
}

export const BINARY_CROSS_ENTROPY_DEFAULTS = {
  weight: null,
  reduction: 'mean',
} as const satisfies Required<BinaryCrossEntropyOptions>;

// log clamped at −100; log(0) is set explicitly because some WebGPU drivers return a finite value for it.
const clampedLog = (v: tf.Tensor, log: tf.Tensor): tf.Tensor =>
  tf.where(tf.lessEqual(v, 0), tf.fill(v.shape, -100), tf.maximum(log, -100));
const clampedLogs = (x: tf.Tensor): [tf.Tensor, tf.Tensor] => {
  const oneMinus = tf.sub(1, x);
  return [clampedLog(x, tf.log(x)), clampedLog(oneMinus, tf.log1p(tf.neg(x)))];
};

// Elementwise −[t·log x + (1 − t)·log(1 − x)] with PyTorch's gradients for both inputs; autodiff of
// the clamped logs would give NaN at x = 0 or 1.
const bceElements = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, t] = args as tf.Tensor[];
  const save = args[2] as tf.GradSaveFunc;
  save([x, t]);
  const [logX, log1mX] = clampedLogs(x);
  const value = tf.neg(tf.add(tf.mul(t, logX), tf.mul(tf.sub(1, t), log1mX)));
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [xs, ts] = saved;
    const [lx, l1mx] = clampedLogs(xs);
    const dx = tf.div(tf.mul(dy, tf.sub(xs, ts)), tf.maximum(tf.mul(xs, tf.sub(1, xs)), 1e-12));
    const dt = tf.mul(dy, tf.sub(l1mx, lx));
    return [dx, dt];
  };
  return { value, gradFunc };
}) as (x: tf.Tensor, t: tf.Tensor) => tf.Tensor;

/**
 * −w·[t·log x + (1 − t)·log(1 − x)] for probabilities `input` in [0, 1] and targets of the same
 * shape. Inputs outside [0, 1] throw on cpu and wasm; on WebGPU (no synchronous reads) they are not
 * checked. Returns a scalar, or the per-element losses with `reduction: 'none'`; the caller owns it.
 */
export function binaryCrossEntropy(input: tf.Tensor, target: tf.Tensor, options: BinaryCrossEntropyOptions = {}): tf.Tensor {
  const fn = 'binaryCrossEntropy';
  const { weight, reduction } = { ...BINARY_CROSS_ENTROPY_DEFAULTS, ...options };
  checkFloatPair(fn, input, target);
  checkReduction(fn, reduction, ['mean', 'sum', 'none']);
  if (weight !== null) {
    checkFloat(fn, 'weight', weight);
    checkBroadcastsTo(fn, 'weight', weight, input.shape);
  }
  const values = valuesIfSyncReadable(input);
  if (values !== undefined) {
    for (let i = 0; i < values.length; i++) {
      if (!(values[i] >= 0 && values[i] <= 1)) {
        throw new RangeError(`${fn}: every element of 'input' must be a probability in [0, 1]; received ${values[i]} at flat index ${i}`);
      }
    }
  }
  return tf.tidy(() => {
    let loss = bceElements(input, target);
    if (weight !== null) loss = tf.mul(loss, weight);
    return applyReduction(loss, reduction);
  });
}
