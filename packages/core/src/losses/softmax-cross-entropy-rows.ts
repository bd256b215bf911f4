/**
 * Per-row softmax cross-entropy for class-index targets without class weights or label smoothing
 * (the language-model case), with a hand-written gradient (internal to `crossEntropy`).
 *
 * Forward: p = softmax(x) (one vectorised kernel on wasm, XNNPACK's), and per row
 * −log p[y] = log Σ exp(x) − x[y] = max(x) − log(max(p)) − x[y], since the largest probability is
 * exp(max(x) − log Σ exp(x)) and never underflows (it is at least 1/C). Backward: (p − onehot(y))·dy.
 * The composed `logSoftmax` + one-hot pick runs two exponentials over [M, C] (forward and its
 * gradient, each a scalar libm loop on wasm), builds a JS array of ones of size M·C for the
 * gradient of the pick's sum, and records ~15 tape nodes; this path runs one softmax and records one.
 *
 * Letters: M rows, C classes.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `logits` [M, C] float32 and int32 `target` [M] → per-row losses [M] (0 on rows whose target is
 * `ignoreIndex`) and the kept-row indicator [M] (1 kept, 0 ignored). Call inside `tf.tidy`; the
 * gradient flows to `logits` only. Targets are assumed in range (the caller checks them).
 */
export function softmaxCrossEntropyRows(logits: tf.Tensor2D, target: tf.Tensor1D, ignoreIndex: number): { rows: tf.Tensor1D; kept: tf.Tensor1D } {
  const [m, c] = logits.shape;
  const keptMask = tf.notEqual(target, tf.scalar(ignoreIndex, 'int32')); // [M] bool
  const safe = tf.where(keptMask, target, tf.zerosLike(target)) as tf.Tensor1D; // ignored rows point at class 0, then get weight 0
  const kept = tf.cast(keptMask, 'float32') as tf.Tensor1D; // [M]
  const rowsOf = tf.customGrad(((x: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const p = tf.softmax(x); // [M, C]
    const flatIndex = tf.add(tf.mul(tf.range(0, m, 1, 'int32'), tf.scalar(c, 'int32')), safe); // [M]: row·C + y
    const picked = tf.gather(tf.reshape(x, [m * c]), flatIndex); // [M]: x[y]
    const lse = tf.sub(tf.max(x, -1), tf.log(tf.max(p, -1))); // [M]: log Σ exp(x)
    save([p, safe, kept]);
    return {
      value: tf.mul(tf.sub(lse, picked), kept),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ps, ys, ks] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
        const scale = tf.reshape(tf.mul(dy, ks), [m, 1]); // [M, 1]
        return tf.mul(tf.sub(ps, tf.oneHot(ys, c, 1, 0, 'float32')), scale); // [M, C]
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor2D) => tf.Tensor1D;
  return { rows: rowsOf(logits), kept };
}
