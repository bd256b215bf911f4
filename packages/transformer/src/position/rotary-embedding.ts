/**
 * Rotary position embedding (RoPE), Su et al., "RoFormer" (2021): rotates each pair of query/key
 * features by a position-dependent angle, so q·k depends on the relative position. Uses the
 * "rotate half" pairing of GPT-NeoX / Hugging Face LLaMA (feature i pairs with i + D/2) and
 * θ_i = base^(−2i/D).
 */
import { tf } from '@ml/core';
import { checkPositiveInt } from '../internal/args.js';

export class RotaryEmbedding {
  readonly dim: number;
  readonly base: number;

  /** `dim`: the head width D (even). @param base @default 10000 */
  constructor(dim: number, base = 10000) {
    checkPositiveInt(dim, 'dim', 'RotaryEmbedding');
    if (dim % 2 !== 0) throw new RangeError(`RotaryEmbedding: 'dim' must be even; received ${dim}`);
    if (!(base > 1)) throw new RangeError(`RotaryEmbedding: 'base' must be > 1; received ${base}`);
    this.dim = dim;
    this.base = base;
  }

  /** `[T, D]` cos and sin tables for positions offset … offset+T−1 (new tensors the caller owns). */
  tables(length: number, offset = 0): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
    const half = this.dim / 2;
    const cos = new Float32Array(length * this.dim);
    const sin = new Float32Array(length * this.dim);
    for (let p = 0; p < length; p++) {
      for (let i = 0; i < half; i++) {
        const angle = (p + offset) * Math.pow(this.base, (-2 * i) / this.dim);
        cos[p * this.dim + i] = cos[p * this.dim + i + half] = Math.cos(angle);
        sin[p * this.dim + i] = sin[p * this.dim + i + half] = Math.sin(angle);
      }
    }
    return { cos: tf.tensor2d(cos, [length, this.dim]), sin: tf.tensor2d(sin, [length, this.dim]) };
  }

  /** `x` `[B, H, T, D]` → rotated, same shape. Runs on the caller's tape: call it inside `tf.tidy` (or a module's forward). `offset`: position of the first step. */
  apply(x: tf.Tensor, offset = 0): tf.Tensor {
    if (x.rank !== 4 || x.shape[3] !== this.dim) {
      throw new RangeError(`RotaryEmbedding.apply: 'x' must have shape [B, H, T, ${this.dim}]; received [${x.shape.join(', ')}]`);
    }
    const t = x.shape[2] as number;
    const { cos, sin } = this.tables(t, offset);
    const [x1, x2] = tf.split(x, 2, 3); // [B, H, T, D/2] each
    const rotated = tf.concat([tf.neg(x2), x1], 3); // rotate_half(x)
    return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
  }
}
