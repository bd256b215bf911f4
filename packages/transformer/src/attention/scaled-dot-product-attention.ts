/**
 * Scaled dot-product attention, Vaswani et al., "Attention Is All You Need" (2017), eq. 1:
 * softmax(Q·Kᵀ/√d + M)·V, with PyTorch 1.13's mask conventions (`torch.nn.MultiheadAttention`):
 * a boolean mask is `true` where attention is NOT allowed; a float mask is added to the scores.
 *
 * Letters: B batch, H heads, Q query length, K key length, D head width.
 */
import { tf } from '@ml/core';
import type { Dropout } from '@ml/core/nn';
import { causalSoftmax } from '../internal/fused-kernels.js';

export interface AttentionMasks {
  /**
   * `[Q, K]`, `[B·H, Q, K]` or `[B, H, Q, K]`: boolean (`true` = blocked) or float (added to the
   * scores, e.g. `-Infinity` to block). @default undefined
   */
  attnMask?: tf.Tensor;
  /** `[B, K]` boolean: `true` marks a padding key that no query may attend to. @default undefined */
  keyPaddingMask?: tf.Tensor;
  /**
   * Block each query from keys after it. With a key/value cache the queries are the last Q of the K
   * positions, so query i may see keys 0 … K − Q + i. @default false
   */
  isCausal?: boolean;
}

/**
 * The additive mask `[B or 1, H or 1, Q, K]` (0 where allowed, −∞ where blocked) for the given masks,
 * or null when there is none. Returns a new tensor the caller owns.
 */
export function additiveMask(masks: AttentionMasks, b: number, h: number, q: number, k: number, where: string): tf.Tensor | null {
  if (masks.attnMask === undefined && masks.keyPaddingMask === undefined && (masks.isCausal !== true || q <= 1)) return null;
  return tf.tidy(() => {
    let total: tf.Tensor | null = null;
    const add = (m: tf.Tensor) => (total = total === null ? m : tf.add(total, m));
    if (masks.attnMask !== undefined) {
      const m = masks.attnMask;
      const ok = (m.rank === 2 && m.shape[0] === q && m.shape[1] === k) || (m.rank === 3 && m.shape[0] === b * h && m.shape[1] === q && m.shape[2] === k) || (m.rank === 4 && m.shape[0] === b && m.shape[1] === h && m.shape[2] === q && m.shape[3] === k);
      if (!ok) throw new RangeError(`${where}: 'attnMask' must have shape [${q}, ${k}], [${b * h}, ${q}, ${k}] or [${b}, ${h}, ${q}, ${k}]; received [${m.shape.join(', ')}]`);
      const reshaped = m.rank === 2 ? tf.reshape(m, [1, 1, q, k]) : m.rank === 3 ? tf.reshape(m, [b, h, q, k]) : m;
      add(m.dtype === 'bool' ? tf.where(reshaped as tf.Tensor, tf.fill(reshaped.shape, -Infinity), tf.zeros(reshaped.shape)) : tf.cast(reshaped, 'float32'));
    }
    if (masks.keyPaddingMask !== undefined) {
      const m = masks.keyPaddingMask;
      if (m.rank !== 2 || m.shape[0] !== b || m.shape[1] !== k) {
        throw new RangeError(`${where}: 'keyPaddingMask' must have shape [${b}, ${k}] (true = padding); received [${m.shape.join(', ')}]`);
      }
      const r = tf.reshape(m, [b, 1, 1, k]);
      add(m.dtype === 'bool' ? tf.where(r, tf.fill(r.shape, -Infinity), tf.zeros(r.shape)) : tf.cast(r, 'float32'));
    }
    if (masks.isCausal === true && q > 1) add(causalMask(q, k)); // one query (decoding) sees every key: nothing to block
    return total as tf.Tensor | null as tf.Tensor;
  });
}

/** `[1, 1, Q, K]`: 0 where key j ≤ K − Q + i, −∞ after. A new tensor the caller owns. */
export function causalMask(q: number, k: number): tf.Tensor {
  const values = new Float32Array(q * k);
  const offset = k - q;
  for (let i = 0; i < q; i++) for (let j = i + offset + 1; j < k; j++) values[i * k + j] = -Infinity;
  return tf.tensor(values, [1, 1, q, k]);
}

export interface ScaledDotProductAttentionOptions extends AttentionMasks {
  /** Dropout on the attention weights (active only while the module is training). @default undefined */
  dropout?: Dropout;
  /** Score scale. @default 1/√D */
  scale?: number;
}

/**
 * `q`: `[B, H, Q, D]`, `k`: `[B, H, K, D]`, `v`: `[B, H, K, Dv]` → `{ output: [B, H, Q, Dv], weights: [B, H, Q, K] }`.
 * Runs on the caller's tape (no tidy), so gradients flow; a row whose keys are all blocked gives NaN,
 * as PyTorch.
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, options: ScaledDotProductAttentionOptions = {}): { output: tf.Tensor; weights: tf.Tensor } {
  const where = 'scaledDotProductAttention';
  if (q.rank !== 4 || k.rank !== 4 || v.rank !== 4) {
    throw new RangeError(`${where}: 'q', 'k' and 'v' must have shapes [B, H, Q, D], [B, H, K, D], [B, H, K, Dv]; received [${q.shape.join(', ')}], [${k.shape.join(', ')}], [${v.shape.join(', ')}]`);
  }
  const [b, h, nq, d] = q.shape as [number, number, number, number];
  const nk = k.shape[2] as number;
  if (k.shape[0] !== b || k.shape[1] !== h || k.shape[3] !== d || v.shape[0] !== b || v.shape[1] !== h || v.shape[2] !== nk) {
    throw new RangeError(`${where}: 'k' must be [${b}, ${h}, K, ${d}] and 'v' [${b}, ${h}, K, Dv] with the same K; received [${k.shape.join(', ')}] and [${v.shape.join(', ')}]`);
  }
  const dv = v.shape[3] as number;
  const scale = options.scale ?? 1 / Math.sqrt(d);
  const k3 = tf.reshape(k, [b * h, nk, d]); // [B·H, K, D]
  let weights: tf.Tensor; // [B, H, Q, K]
  if (options.isCausal === true && nq > 1 && options.attnMask === undefined && options.keyPaddingMask === undefined) {
    // Only the causal mask: scale, mask and softmax as one fused op (one kernel each way on wasm).
    const scores = tf.reshape(tf.matMul(tf.reshape(q, [b * h, nq, d]), k3, false, true), [b * h * nq, nk]); // [B·H·Q, K]
    weights = tf.reshape(causalSoftmax(scores, scale, nq, nk - nq), [b, h, nq, nk]);
  } else {
    const q3 = tf.reshape(tf.mul(q, scale), [b * h, nq, d]); // [B·H, Q, D]
    let scores = tf.reshape(tf.matMul(q3, k3, false, true), [b, h, nq, nk]); // [B, H, Q, K]
    const mask = additiveMask(options, b, h, nq, nk, where);
    if (mask !== null) scores = tf.add(scores, mask); // the caller's tidy frees the mask
    weights = tf.softmax(scores);
  }
  const used = options.dropout !== undefined ? options.dropout.forward(weights) : weights;
  const out = tf.matMul(tf.reshape(used, [b * h, nq, nk]), tf.reshape(v, [b * h, nk, dv])); // [B·H, Q, Dv]
  return { output: tf.reshape(out, [b, h, nq, dv]), weights };
}
