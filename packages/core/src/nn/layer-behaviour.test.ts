/** Behaviour PyTorch fixtures cannot pin down: dropout masks, argument errors, shapes. */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { Rng } from '../random/rng.js';
import * as nn from './index.js';

await describeBackends('Dropout', () => {
  it('zeroes about p of the elements, scales the rest by 1/(1 − p), and is the identity in eval', async () => {
    await assertNoLeaks(async () => {
      const drop = new nn.Dropout({ p: 0.3, seed: 42 });
      const x = tf.fill([100, 100], 2);
      const y = drop.call(x);
      const values = Array.from(await y.data());
      const zeros = values.filter((v) => v === 0).length;
      // 10 000 Bernoulli(0.3) draws: sd = √(10 000·0.21) ≈ 46; allow 4 sd
      expect(Math.abs(zeros - 3000)).toBeLessThan(184);
      expect(values.every((v) => v === 0 || Math.abs(v - 2 / 0.7) < 1e-6)).toBe(true);
      drop.eval();
      const z = drop.call(x);
      await assertClose(z, x, { rtol: 0, atol: 0 });
      tf.dispose([x, y, z]);
    });
  });

  it('draws masks from its Rng: same seed, same masks; successive calls differ', async () => {
    const x = tf.ones([64]);
    const a = new nn.Dropout({ p: 0.5, seed: 7 });
    const b = new nn.Dropout({ p: 0.5, seed: new Rng(7) });
    const a1 = a.call(x);
    const b1 = b.call(x);
    const a2 = a.call(x);
    await assertClose(a1, b1, { rtol: 0, atol: 0 });
    expect(Array.from(await a2.data())).not.toEqual(Array.from(await a1.data()));
    tf.dispose([x, a1, b1, a2]);
  });

  it('passes the gradient through the same mask', async () => {
    const drop = new nn.Dropout({ p: 0.25, seed: 3 });
    const x = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8]);
    const { value, grads } = tf.tidy(() => {
      const v = tf.variable(x);
      const r = tf.variableGrads(() => tf.sum(drop.forward(v)) as tf.Scalar, [v]);
      const g = r.grads[v.name];
      v.dispose();
      return { value: r.value, grads: g };
    });
    // every kept element has gradient 1/(1 − p); recompute the mask from a fresh Rng(3)
    const rng = new Rng(3);
    const expected = Array.from({ length: 8 }, () => (rng.random() < 0.25 ? 0 : 1 / 0.75));
    await assertClose(grads, expected);
    tf.dispose([x, value, grads]);
  });

  it('handles p = 0 and p = 1, and rejects p outside [0, 1]', async () => {
    const x = tf.ones([4]);
    const one = new nn.Dropout({ p: 1 }).call(x);
    await assertClose(one, [0, 0, 0, 0]);
    const zero = new nn.Dropout({ p: 0 }).call(x);
    await assertClose(zero, x);
    expect(() => new nn.Dropout({ p: 1.5 })).toThrow(/Dropout: 'p' must be a number in \[0, 1\]; received 1.5/);
    tf.dispose([x, one, zero]);
  });
});

await describeBackends('layer argument checks and shapes', () => {
  it('names the argument, the expected and the received value', () => {
    const conv = new nn.Conv2d(3, 4, 3, { seed: 1 });
    const nchw = tf.zeros([1, 3, 8, 8]);
    expect(() => conv.forward(nchw)).toThrow(/Conv2d.forward: 'input' must have shape \[N, H, W, C\] \(NHWC\) with 3 channels last; received \[1, 3, 8, 8\]/);
    expect(() => new nn.Conv2d(3, 4, 3, { stride: 2, padding: 'same' })).toThrow(/'padding' 'same' needs every stride to be 1 .* received stride \[2, 2\]/);
    expect(() => new nn.Conv2d(3, 4, 3, { stride: [0, 1] })).toThrow(/Conv2d: 'stride' must be an integer >= 1 or 2 such integers; received \[0, 1\]/);
    expect(() => new nn.Conv2d(4, 6, 3, { groups: 4 })).toThrow(/'groups' must divide inChannels \(4\) and outChannels \(6\); received 4/);
    expect(() => new nn.Conv2d(3, 4, 3, { padding: 'full' as never })).toThrow(/'padding' must be 'valid', 'same', an integer >= 0 or 2 of them; received "full"/);
    expect(() => new nn.ConvTranspose2d(2, 2, 3, { padding: 'same' as never })).toThrow(/has no 'same'/);
    expect(() => new nn.ConvTranspose2d(2, 2, 3, { stride: 2, outputPadding: 2 })).toThrow(/'outputPadding' must be smaller than stride or dilation/);
    expect(() => new nn.Linear(3, 2).forward(tf.zeros([2, 4]))).toThrow(/Linear.forward: 'input' must have shape \[..., 3\] with 3 channels last; received \[2, 4\]/);
    expect(() => new nn.Embedding(4, 2).forward(tf.zeros([2]))).toThrow(/'ids' must be an int32 tensor; received dtype float32/);
    expect(() => new nn.Embedding(4, 2, { paddingIdx: 4 })).toThrow(/'paddingIdx' must be an integer in \[-4, 3\]; received 4/);
    expect(() => new nn.MaxPool2d(2, { padding: 2 })).toThrow(/'padding' must be at most half the kernel size \[2, 2\]; received \[2, 2\]/);
    expect(() => new nn.BatchNorm1d(3).forward(tf.zeros([1, 3]))).toThrow(/training needs more than 1 value per channel; received input \[1, 3\]/);
    expect(() => new nn.LayerNorm([4, 3]).forward(tf.zeros([2, 3, 4]))).toThrow(/'input' must end in \[4, 3\]; received \[2, 3, 4\]/);
    expect(() => new nn.Upsample({ scaleFactor: 1.5 }).forward(tf.zeros([1, 3, 3, 1]))).toThrow(/'scaleFactor' 1.5 gives a fractional size 4.5 for input size 3; pass 'size' instead/);
    expect(() => new nn.Upsample({ size: 4, alignCorners: true })).toThrow(/'alignCorners' applies to mode 'bilinear' only/);
    expect(() => new nn.PixelShuffle(2).forward(tf.zeros([1, 2, 2, 6]))).toThrow(/channels must be divisible by upscaleFactor² = 4; received 6/);
    expect(() => new nn.Softmax({ dim: 2 }).forward(tf.zeros([2, 2]))).toThrow(/softmax: 'dim' must be an integer in \[-2, 1\]; received 2/);
    expect(() => new nn.Flatten({ startDim: 2 }).forward(tf.zeros([2, 3]))).toThrow(/dims \[2, -1\] do not fit 'input' of shape \[2, 3\]/);
    expect(() => new nn.GELU({ approximate: 'erf' as never })).toThrow(/'approximate' must be 'none' or 'tanh'; received "erf"/);
    nchw.dispose();
    conv.dispose();
  });

  it('computes PyTorch output sizes', () => {
    const x = tf.zeros([2, 9, 7, 3]);
    const seq = tf.zeros([2, 5, 7]);
    const cases: [nn.Module, tf.Tensor][] = [
      [new nn.Conv2d(3, 5, [3, 2], { stride: [2, 1], padding: [1, 0], dilation: [2, 1], seed: 1 }), x],
      [new nn.ConvTranspose2d(3, 2, 3, { stride: 2, padding: 1, outputPadding: 1, seed: 1 }), x],
      [new nn.MaxPool2d([3, 2], { stride: 2, padding: 1 }), x],
      [new nn.AdaptiveAvgPool2d(1), x],
      [new nn.Flatten(), x],
      [new nn.Flatten({ startDim: 1, endDim: 2 }), x],
      [new nn.Upsample({ scaleFactor: [2, 3] }), x],
      [new nn.Conv1d(7, 4, 3, { padding: 'same', seed: 1 }), seq],
    ];
    const y = cases.map(([m, input]) => {
      const out = m.call(input);
      m.dispose();
      out.dispose();
      return out.shape;
    });
    tf.dispose([x, seq]);
    expect(y).toEqual([
      [2, 4, 6, 5],
      [2, 18, 14, 2],
      [2, 5, 4, 3],
      [2, 1, 1, 3],
      [2, 189],
      [2, 63, 3],
      [2, 18, 21, 3],
      [2, 5, 4],
    ]);
  }, 60_000);
});
