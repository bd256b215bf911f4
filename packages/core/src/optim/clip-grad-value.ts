/**
 * Gradient clipping by value, as PyTorch 1.13's `torch.nn.utils.clip_grad_value_`.
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_value_.html
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkHyper } from './check-hyper.js';

/**
 * Clamps every gradient element to [−clipValue, clipValue]. Returns new gradients under the same
 * keys, owned by the caller; the caller keeps ownership of `grads`.
 */
export function clipGradValue(grads: tf.NamedTensorMap, clipValue: number): tf.NamedTensorMap {
  const fn = 'clipGradValue';
  if (typeof grads !== 'object' || grads === null) {
    throw new TypeError(`${fn}: 'grads' must be a record of tensors; received ${grads === null ? 'null' : typeof grads}`);
  }
  checkHyper(fn, 'clipValue', clipValue, 0);
  for (const [k, g] of Object.entries(grads)) {
    if (!(g instanceof tf.Tensor)) throw new TypeError(`${fn}: gradient '${k}' must be a tensor; received ${typeof g}`);
  }
  return tf.tidy(() => {
    const out: tf.NamedTensorMap = {};
    for (const [k, g] of Object.entries(grads)) out[k] = tf.clipByValue(g, -clipValue, clipValue);
    return out;
  });
}
