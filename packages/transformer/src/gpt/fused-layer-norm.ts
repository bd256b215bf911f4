/**
 * LayerNorm over the last axis with a hand-written gradient, for the GPT blocks' hot path. The
 * forward pass runs the same ops in the same order as `@ml/core`'s `LayerNorm.forward` (same values);
 * the backward pass is the closed form dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = dy·γ, and the
 * weight and bias gradients are `onesᵀ·(dy·x̂)` and `onesᵀ·dy` (matmuls). The generic gradient of
 * the composed ops runs ~20 kernels per call on wasm, two of which build a JS array of ones the size
 * of `x` (tfjs's `Mean` gradient) and several reduce over the row axis through a transpose.
 *
 * Letters: N rows (all leading axes), E normalised width.
 */
import { tf } from '@ml/core';
import type { LayerNorm } from '@ml/core/nn';
import { layerNormRows, type FusedOptions } from '../internal/fused-kernels.js';

/**
 * `ln` applied to `x` `[..., E]`, with the fused gradient when `ln` has a weight and bias and
 * normalises one axis; otherwise `ln.forward(x)`. On wasm (E a multiple of 4) forward and backward
 * are one WebAssembly SIMD kernel each (`layerNormRows`); `fused: false` keeps the tensor ops.
 */
export function fusedLayerNorm(ln: LayerNorm, x: tf.Tensor, options: FusedOptions = {}): tf.Tensor {
  const { weight, bias, eps } = ln;
  const e = x.shape[x.rank - 1] as number;
  if (weight === null || bias === null || weight.rank !== 1 || weight.shape[0] !== e || x.rank < 2) return ln.forward(x);
  const flat = x.rank === 2 ? x : tf.reshape(x, [-1, e]);
  const rows = layerNormRows(flat, weight, bias, eps, options);
  if (rows !== null) return x.rank === 2 ? rows : tf.reshape(rows, x.shape);
  const norm = tf.customGrad(((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const mean = tf.mean(xs, -1, true);
    const centered = tf.sub(xs, mean);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), eps));
    const xhat = tf.mul(centered, rstd);
    save([xhat, rstd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, rs, gs] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const n = dy.shape[0] as number;
        const dxhat = tf.mul(dy, gs);
        const m1 = tf.mean(dxhat, -1, true);
        const m2 = tf.mean(tf.mul(dxhat, xh), -1, true);
        const dx = tf.mul(tf.sub(tf.sub(dxhat, m1), tf.mul(xh, m2)), rs);
        const ones = tf.fill([1, n], 1);
        const dg = tf.reshape(tf.matMul(ones, tf.mul(dy, xh)), [e]);
        const db = tf.reshape(tf.matMul(ones, dy), [e]);
        return [dx, dg, db];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor;
  const y = norm(flat, weight, bias);
  return x.rank === 2 ? y : tf.reshape(y, x.shape);
}
