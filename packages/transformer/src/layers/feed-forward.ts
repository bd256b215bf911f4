/** The activations a transformer feed-forward block may use (PyTorch's `activation` argument). */
import { tf } from '@ml/core';
import { gelu } from '@ml/core/nn';

export type FeedForwardActivation = 'relu' | 'gelu' | 'gelu_tanh';
export const FEED_FORWARD_ACTIVATIONS: readonly FeedForwardActivation[] = ['relu', 'gelu', 'gelu_tanh'];

/** Applies the activation on the caller's tape. */
export function activate(x: tf.Tensor, activation: FeedForwardActivation): tf.Tensor {
  if (activation === 'relu') return tf.relu(x);
  return gelu(x, activation === 'gelu' ? 'none' : 'tanh');
}
