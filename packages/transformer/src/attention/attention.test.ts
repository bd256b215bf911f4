import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { Rng } from '@ml/core';
import { KeyValueCache, MultiheadAttention } from './multihead-attention.js';
import { causalMask, scaledDotProductAttention } from './scaled-dot-product-attention.js';
import { TransformerDecoderLayer } from '../layers/transformer-decoder-layer.js';
import { RotaryEmbedding } from '../position/rotary-embedding.js';
import { sinusoidalTable } from '../position/sinusoidal-positional-encoding.js';

const randn = (shape: number[], seed: number) => {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
};

await describeBackends('attention', () => {
  it('causalMask blocks later keys, shifted by the cached length', async () => {
    const m = causalMask(2, 4); // queries are positions 2 and 3 of 4
    expect(Array.from(await m.data())).toEqual([0, 0, 0, -Infinity, 0, 0, 0, 0]);
    m.dispose();
  });

  it('a key/value cache reproduces the full causal forward one position at a time', async () => {
    await assertNoLeaks(async () => {
      const layer = new TransformerDecoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, batchFirst: true, seed: 3 }).eval();
      const tgt = randn([2, 5, 8], 1);
      const memory = randn([2, 3, 8], 2);
      const full = layer.call(tgt, memory, { tgtIsCausal: true }); // [2, 5, 8]
      const cache = new KeyValueCache();
      const steps: tf.Tensor[] = [];
      for (let t = 0; t < 5; t++) {
        steps.push(tf.tidy(() => layer.forward(tf.slice(tgt, [0, t, 0], [2, 1, 8]), memory, { tgtIsCausal: true, cache })));
      }
      expect(cache.length).toBe(5);
      const incremental = tf.concat(steps, 1);
      await assertClose(incremental, full, { rtol: 1e-4, atol: 1e-5 });
      tf.dispose([tgt, memory, full, incremental, ...steps]);
      cache.dispose();
      layer.dispose();
    });
  });

  it('weights rows sum to one and padding keys get zero weight', async () => {
    await assertNoLeaks(async () => {
      const mha = new MultiheadAttention(4, 2, { batchFirst: true, seed: 1 });
      const x = randn([1, 3, 4], 5);
      const pad = tf.tensor([[false, false, true]], [1, 3], 'bool');
      const { output, weights } = mha.call(x, x, x, { keyPaddingMask: pad });
      const w = Array.from(await (weights as tf.Tensor).data());
      for (let r = 0; r < 3; r++) {
        expect(w[r * 3] + w[r * 3 + 1] + w[r * 3 + 2]).toBeCloseTo(1, 5);
        expect(w[r * 3 + 2]).toBe(0);
      }
      tf.dispose([x, pad, output, weights as tf.Tensor]);
      mha.dispose();
    });
  });

  it('names bad arguments', () => {
    expect(() => new MultiheadAttention(6, 4)).toThrow(/'embedDim' must be divisible by 'numHeads'; received embedDim=6, numHeads=4/);
    expect(() => new MultiheadAttention(4, 2, { dropout: 1 })).toThrow(/'dropout' must be a number in \[0, 1\); received 1/);
    const mha = new MultiheadAttention(4, 2, { batchFirst: true, seed: 1 });
    const x = tf.zeros([1, 3, 5]);
    expect(() => mha.call(x, x, x)).toThrow(/'query' must have shape \[B, T, 4\]; received \[1, 3, 5\]/);
    const y = tf.zeros([1, 3, 4]);
    expect(() => mha.call(y, y, y, { keyPaddingMask: tf.zeros([1, 2], 'bool') })).toThrow(/'keyPaddingMask' must have shape \[1, 3\]/);
    const q = tf.zeros([1, 1, 2, 4]);
    expect(() => scaledDotProductAttention(q, tf.zeros([1, 1, 3, 2]), tf.zeros([1, 1, 3, 4]))).toThrow(/'k' must be \[1, 1, K, 4\]/);
    tf.dispose([x, y, q]);
    mha.dispose();
  });
});

await describeBackends('position encodings', () => {
  it('sinusoidal table: sin on even, cos on odd features', async () => {
    const t = sinusoidalTable(3, 4);
    const v = Array.from(await t.data());
    expect(v.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(v[4]).toBeCloseTo(Math.sin(1), 6);
    expect(v[5]).toBeCloseTo(Math.cos(1), 6);
    expect(v[6]).toBeCloseTo(Math.sin(1 / 100), 6); // 10000^(2/4) = 100
    expect(v[11]).toBeCloseTo(Math.cos(2 / 100), 6);
    t.dispose();
  });

  it('rotary: q·k depends only on the relative position', async () => {
    await assertNoLeaks(async () => {
      const rope = new RotaryEmbedding(8);
      const q = randn([1, 1, 1, 8], 1);
      const k = randn([1, 1, 1, 8], 2);
      const dot = async (pq: number, pk: number) => {
        const s = tf.tidy(() => tf.sum(tf.mul(rope.apply(q, pq), rope.apply(k, pk))));
        const v = (await s.data())[0];
        s.dispose();
        return v;
      };
      const a = await dot(5, 2);
      expect(await dot(13, 10)).toBeCloseTo(a, 4);
      expect(await dot(3, 0)).toBeCloseTo(a, 4);
      expect(Math.abs((await dot(2, 5)) - a)).toBeGreaterThan(1e-3); // not symmetric in the offset
      // Position 0 is the identity.
      const r0 = tf.tidy(() => rope.apply(q, 0));
      await assertClose(r0, q, { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([q, k, r0]);
    });
  });
});
