/**
 * Shapes, conditioning, option checks and the DCGAN initialisation of the MLP and DCGAN networks, and
 * that a batch-norm-free DCGAN discriminator can be trained with a gradient penalty or R1 (double
 * backward through Conv2d and leakyReluTwice) on every backend.
 */
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { gradientPenalty } from '../losses/gradient-penalty.js';
import { r1Penalty } from '../losses/r1-penalty.js';
import { DcganDiscriminator } from './dcgan-discriminator.js';
import { DcganGenerator, type DcganImageSize } from './dcgan-generator.js';
import { MlpDiscriminator } from './mlp-discriminator.js';
import { MlpGenerator } from './mlp-generator.js';

const z = (n: number, d: number): tf.Tensor => tf.randomNormal([n, d], 0, 1, 'float32', 1);

await describeBackends('gan models', (backend) => {
  for (const size of [8, 28, 32] as DcganImageSize[]) {
    it(`DCGAN ${size}×${size}: G makes [N, ${size}, ${size}, C] in [-1, 1], D gives [N, 1]; conditional variants too`, async () => {
      await assertNoLeaks(async () => {
        const g = new DcganGenerator({ imageSize: size, latentDim: 8, width: 4, channels: 3, seed: 1 });
        const d = new DcganDiscriminator({ imageSize: size, width: 4, channels: 3, seed: 2 });
        const cg = new DcganGenerator({ imageSize: size, latentDim: 8, width: 4, numClasses: 3, seed: 1 });
        const cd = new DcganDiscriminator({ imageSize: size, width: 4, numClasses: 3, seed: 2 });
        const codes = z(2, 8);
        const labels = tf.tensor1d([0, 2], 'int32');
        const x = g.call(codes);
        expect(x.shape).toEqual([2, size, size, 3]);
        const v = await x.data();
        expect(Math.max(...v)).toBeLessThanOrEqual(1);
        expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
        const logits = d.call(x);
        expect(logits.shape).toEqual([2, 1]);
        const cx = cg.call(codes, labels);
        expect(cx.shape).toEqual([2, size, size, 1]);
        const clogits = cd.call(cx, labels);
        expect(clogits.shape).toEqual([2, 1]);
        // The label changes the conditional outputs.
        const other = tf.tensor1d([1, 1], 'int32');
        const cx2 = cg.call(codes, other);
        const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(cx, cx2))));
        expect((await diff.data())[0]).toBeGreaterThan(0);
        tf.dispose([codes, labels, x, logits, cx, clogits, other, cx2, diff]);
        for (const m of [g, d, cg, cd]) m.dispose();
      }, `DCGAN ${size} on ${backend}`);
    });
  }

  it('MLP G and D: shapes, projection conditioning, leak-free', async () => {
    await assertNoLeaks(async () => {
      const g = new MlpGenerator({ latentDim: 6, imageShape: [8, 8, 1], hidden: [16], numClasses: 10, seed: 3 });
      const d = new MlpDiscriminator({ imageShape: [8, 8, 1], hidden: [16], numClasses: 10, seed: 4 });
      const codes = z(4, 6);
      const labels = tf.tensor1d([0, 1, 2, 9], 'int32');
      const x = g.call(codes, labels);
      expect(x.shape).toEqual([4, 8, 8, 1]);
      const logits = d.call(x, labels);
      expect(logits.shape).toEqual([4, 1]);
      tf.dispose([codes, labels, x, logits]);
      g.dispose();
      d.dispose();
    });
  });

  it('DCGAN init draws weights from N(0, 0.02) and batch-norm scales from N(1, 0.02), biases 0', async () => {
    const g = new DcganGenerator({ imageSize: 32, latentDim: 100, width: 16, seed: 5 });
    const w = Array.from(await g.convs.at(1).weight.data()); // [4, 4, 16, 64]: 16,384 values
    const mean = w.reduce((s, t) => s + t, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, t) => s + (t - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.001);
    expect(Math.abs(std - 0.02)).toBeLessThan(0.001);
    const gamma = Array.from(await (g.norms.at(0).weight as tf.Variable).data());
    expect(Math.abs(gamma.reduce((s, t) => s + t, 0) / gamma.length - 1)).toBeLessThan(0.01);
    expect(Array.from(await (g.norms.at(0).bias as tf.Variable).data()).every((b) => b === 0)).toBe(true);
    // Same seed, same weights.
    const g2 = new DcganGenerator({ imageSize: 32, latentDim: 100, width: 16, seed: 5 });
    expect(Array.from(await g2.convs.at(1).weight.data())).toEqual(w);
    g.dispose();
    g2.dispose();
  });

  it('a batch-norm-free DCGAN critic trains with a gradient penalty and R1 (double backward through Conv2d)', async () => {
    const d = new DcganDiscriminator({ imageSize: 8, width: 4, batchNorm: false, seed: 6 });
    const real = tf.randomUniform([3, 8, 8, 1], -1, 1, 'float32', 7);
    const fake = tf.randomUniform([3, 8, 8, 1], -1, 1, 'float32', 8);
    await assertNoLeaks(async () => {
      const { value, grads } = tf.variableGrads(() => tf.add(gradientPenalty((x) => d.forward(x), real, fake, { seed: 1 }), r1Penalty((x) => d.forward(x), real)) as tf.Scalar, d.parameters());
      expect(Number.isFinite((await value.data())[0])).toBe(true);
      const first = grads[d.convs.at(0).weight.name] as tf.Tensor;
      expect(first.shape).toEqual([4, 4, 1, 4]);
      const norm = tf.norm(first);
      expect((await norm.data())[0]).toBeGreaterThan(0);
      tf.dispose([value, norm, ...Object.values(grads)]);
    });
    tf.dispose([real, fake]);
    d.dispose();
  });

  it('rejects bad options and inputs with messages naming them', () => {
    expect(() => new DcganGenerator({ imageSize: 16 as DcganImageSize })).toThrow(/'imageSize' must be one of 8, 28, 32; received 16/);
    const g = new DcganGenerator({ imageSize: 8, latentDim: 4, width: 2, numClasses: 2 });
    const codes = tf.zeros([2, 4]);
    const wide = tf.zeros([2, 5]);
    const labels = tf.tensor1d([0, 1], 'int32');
    expect(() => g.call(codes)).toThrow(/'labels' must be an int32 tensor \[2\] of classes in \[0, 2\)/);
    expect(() => g.call(wide, labels)).toThrow(/'z' must be \[N, 4\] \(latent codes\); received \[2, 5\]/);
    const d = new DcganDiscriminator({ imageSize: 8, width: 2 });
    const image = tf.zeros([2, 8, 8, 1]);
    expect(() => d.call(image, labels)).toThrow(/'labels' must be omitted/);
    tf.dispose([codes, wide, labels, image]);
    g.dispose();
    d.dispose();
  });
});
