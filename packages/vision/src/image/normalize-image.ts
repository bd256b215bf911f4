/**
 * `normalizeImage`: per-channel `(x − mean) / std` of an image tensor `[..., C]`, as torchvision's
 * `Normalize` (which works on `[C, H, W]`; here the channels are last).
 */
import { tf } from '@ml/core';

/**
 * `(x − mean[c]) / std[c]` over the last axis of `x` (float input, e.g. 0–1 values); one number
 * applies to every channel. Returns a new tensor the caller owns.
 */
export function normalizeImage(x: tf.Tensor, mean: number | readonly number[], std: number | readonly number[]): tf.Tensor {
  const where = 'normalizeImage';
  if (!(x instanceof tf.Tensor) || x.rank < 1) throw new TypeError(`${where}: 'x' must be a tensor [..., C]; received ${x instanceof tf.Tensor ? 'a scalar' : typeof x}`);
  const c = x.shape[x.rank - 1];
  const m = typeof mean === 'number' ? Array(c).fill(mean) : [...mean];
  const s = typeof std === 'number' ? Array(c).fill(std) : [...std];
  if (m.length !== c) throw new RangeError(`${where}: 'mean' must have one value per channel (${c}); received ${m.length}`);
  if (s.length !== c) throw new RangeError(`${where}: 'std' must have one value per channel (${c}); received ${s.length}`);
  s.forEach((v, i) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${where}: 'std[${i}]' must be finite and > 0; received ${String(v)}`);
  });
  return tf.tidy(() => tf.div(tf.sub(tf.cast(x, 'float32'), tf.tensor1d(m)), tf.tensor1d(s)));
}
