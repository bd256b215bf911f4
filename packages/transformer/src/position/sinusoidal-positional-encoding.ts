/**
 * Sinusoidal position encoding, Vaswani et al. (2017) §3.5: PE(p, 2i) = sin(p / 10000^(2i/E)),
 * PE(p, 2i+1) = cos(p / 10000^(2i/E)), added to `[B, T, E]` embeddings. A fixed (non-persistent)
 * buffer; no parameters.
 */
import { tf } from '@ml/core';
import { Module } from '@ml/core/nn';
import { checkPositiveInt } from '../internal/args.js';

/** `[T, E]` table for positions 0 … T−1; a new tensor the caller owns. */
export function sinusoidalTable(length: number, dim: number, base = 10000): tf.Tensor2D {
  const values = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < dim; i += 2) {
      const angle = p / Math.pow(base, i / dim);
      values[p * dim + i] = Math.sin(angle);
      if (i + 1 < dim) values[p * dim + i + 1] = Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [length, dim]);
}

export class SinusoidalPositionalEncoding extends Module<[tf.Tensor, number?]> {
  readonly dim: number;
  readonly maxLength: number;
  readonly table: tf.Variable;

  constructor(dim: number, maxLength = 2048) {
    super();
    this.dim = checkPositiveInt(dim, 'dim', 'SinusoidalPositionalEncoding');
    this.maxLength = checkPositiveInt(maxLength, 'maxLength', 'SinusoidalPositionalEncoding');
    const table = sinusoidalTable(maxLength, dim);
    this.table = this.registerBuffer('table', table, { persistent: false });
    table.dispose();
  }

  /** `x` `[B, T, E]` → `x + PE[offset … offset+T−1]` (`offset` for incremental decoding). */
  forward(x: tf.Tensor, offset = 0): tf.Tensor {
    const t = x.shape[x.rank - 2];
    if (x.rank < 2 || x.shape[x.rank - 1] !== this.dim) {
      throw new RangeError(`SinusoidalPositionalEncoding.forward: 'x' must have shape [..., T, ${this.dim}]; received [${x.shape.join(', ')}]`);
    }
    if (!Number.isInteger(offset) || offset < 0 || offset + t > this.maxLength) {
      throw new RangeError(`SinusoidalPositionalEncoding.forward: positions ${offset} … ${offset + t - 1} must lie below maxLength ${this.maxLength}; received offset ${offset} and T ${t}`);
    }
    return tf.add(x, tf.slice(this.table, [offset, 0], [t, this.dim]));
  }
}
