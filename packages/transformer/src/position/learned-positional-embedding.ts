/**
 * Learned absolute position embeddings (BERT, GPT-2): a `[maxLength, E]` table, row p added to the
 * embedding at position p. Initialised N(0, 0.02²) as BERT and GPT-2 do.
 */
import { tf } from '@ml/core';
import { Module, init } from '@ml/core/nn';
import type { SeedLike } from '@ml/core';
import { checkPositiveInt, parameter } from '../internal/args.js';

export class LearnedPositionalEmbedding extends Module<[tf.Tensor, number?]> {
  readonly maxLength: number;
  readonly dim: number;
  /** `[maxLength, E]` */
  readonly weight: tf.Variable;

  constructor(maxLength: number, dim: number, options: { seed?: SeedLike } = {}) {
    super();
    this.maxLength = checkPositiveInt(maxLength, 'maxLength', 'LearnedPositionalEmbedding');
    this.dim = checkPositiveInt(dim, 'dim', 'LearnedPositionalEmbedding');
    this.weight = parameter(init.normal([maxLength, dim], { std: 0.02, seed: options.seed }));
  }

  /** `x` `[..., T, E]` → `x + W[offset … offset+T−1]`. */
  forward(x: tf.Tensor, offset = 0): tf.Tensor {
    const t = x.shape[x.rank - 2];
    if (x.rank < 2 || x.shape[x.rank - 1] !== this.dim) {
      throw new RangeError(`LearnedPositionalEmbedding.forward: 'x' must have shape [..., T, ${this.dim}]; received [${x.shape.join(', ')}]`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset + t > this.maxLength) {
      throw new RangeError(`LearnedPositionalEmbedding.forward: positions ${offset} … ${offset + t - 1} must lie below maxLength ${this.maxLength}; received offset ${offset} and T ${t}`);
    }
    return tf.add(x, tf.slice(this.weight, [offset, 0], [t, this.dim]));
  }
}
