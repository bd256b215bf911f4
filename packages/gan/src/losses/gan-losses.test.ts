/**
 * GAN losses and penalties against PyTorch 1.13 (scripts/fixtures/gan_losses.py): every loss kind's
 * value and gradient w.r.t. the logits (including |logit| = 40 for the stable BCE form), and the
 * WGAN-GP and R1 penalties with their gradients w.r.t. every critic weight — a double backward
 * through Linear, a strided conv and LeakyReLU — on every backend.
 *
 * Tolerance: rtol 1e-4 (values and first-order gradients), 2e-4 with atol 1e-5 for the second-order
 * gradients (float32 here, float64 reference; the conv case chains three float32 products).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Rng, tf } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { discriminatorLoss } from './discriminator-loss.js';
import { generatorLoss } from './generator-loss.js';
import type { GanLossKind } from './gan-loss-checks.js';
import { gradientPenalty, type CriticFn } from './gradient-penalty.js';
import { annealedNoiseStd, instanceNoise } from './instance-noise.js';
import { r1Penalty } from './r1-penalty.js';
import { leakyReluTwice } from './leaky-relu-twice.js';

interface Encoded {
  shape: number[];
  data: number[];
}
interface LossCase {
  side: 'discriminator' | 'generator';
  kind: GanLossKind;
  options: { realLabel?: number };
  loss: number;
  gradReal?: Encoded;
  gradFake: Encoded;
}
interface PenaltyCase {
  name: 'mlp' | 'conv';
  params: Record<string, Encoded>;
  real: Encoded;
  fake: Encoded;
  alpha: Encoded;
  gp: { value: number; grads: Record<string, Encoded> };
  r1: { value: number; grads: Record<string, Encoded> };
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/gan-losses.json', import.meta.url), 'utf8')) as {
  realLogits: Encoded;
  fakeLogits: Encoded;
  losses: LossCase[];
  penalties: PenaltyCase[];
};
const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, 'float32');

/**
 * LeakyReLU(0.2) as relu(x) − 0.2·relu(−x): tfjs's own leakyRelu gradient goes through a `Greater`
 * op that has no gradient, so a double backward through it throws.
 */
const leaky = (x: tf.Tensor): tf.Tensor => leakyReluTwice(x, 0.2);

function critic(c: PenaltyCase, p: Record<string, tf.Tensor>): CriticFn {
  if (c.name === 'mlp') {
    return (x) => tf.add(tf.matMul(leaky(tf.add(tf.matMul(x as tf.Tensor2D, p.w1 as tf.Tensor2D), p.b1 as tf.Tensor)), p.w2 as tf.Tensor2D), p.b2 as tf.Tensor);
  }
  return (x) => {
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [1, 1], [1, 1], [0, 0]];
    const h = leaky(tf.add(tf.conv2d(x as tf.Tensor4D, p.k as tf.Tensor4D, 2, pad), p.kb as tf.Tensor)); // [N, 3, 3, 2]
    return tf.add(tf.matMul(tf.reshape(h, [x.shape[0] ?? 0, -1]), p.w as tf.Tensor2D), p.b as tf.Tensor); // [N, 1]
  };
}

await describeBackends('gan losses', (backend) => {
  for (const c of fixture.losses) {
    it(`${c.side} ${c.kind} ${JSON.stringify(c.options)} matches PyTorch`, async () => {
      const realT = decode(fixture.realLogits);
      const fakeT = decode(fixture.fakeLogits);
      if (c.side === 'discriminator') {
        const f = (r: tf.Tensor, fk: tf.Tensor): tf.Scalar => discriminatorLoss(c.kind, r, fk, c.options);
        const loss = f(realT, fakeT);
        await assertClose(loss, c.loss, { rtol: 1e-4, atol: 1e-6, label: 'loss' });
        const [gr, gf] = tf.grads(f)([realT, fakeT]);
        await assertClose(gr as tf.Tensor, decode(c.gradReal as Encoded), { rtol: 1e-4, atol: 1e-7, label: 'dL/dreal' });
        await assertClose(gf as tf.Tensor, decode(c.gradFake), { rtol: 1e-4, atol: 1e-7, label: 'dL/dfake' });
        tf.dispose([loss, gr as tf.Tensor, gf as tf.Tensor]);
      } else {
        const loss = generatorLoss(c.kind, fakeT);
        await assertClose(loss, c.loss, { rtol: 1e-4, atol: 1e-6, label: 'loss' });
        const g = tf.grad((fk: tf.Tensor) => generatorLoss(c.kind, fk))(fakeT);
        await assertClose(g, decode(c.gradFake), { rtol: 1e-4, atol: 1e-7, label: 'dL/dfake' });
        tf.dispose([loss, g]);
      }
      tf.dispose([realT, fakeT]);
    });
  }

  for (const c of fixture.penalties) {
    for (const which of ['gp', 'r1'] as const) {
      it(`${which} of the ${c.name} critic and its gradient w.r.t. the critic's weights match PyTorch (double backward)`, async () => {
        const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, decode(v)]));
        const real = decode(c.real);
        const fake = decode(c.fake);
        const alpha = decode(c.alpha);
        const ref = c[which];
        const names = Object.keys(ref.grads);
        const penalty = (...ws: tf.Tensor[]): tf.Scalar => {
          const p = { ...params, ...Object.fromEntries(names.map((n, i) => [n, ws[i] as tf.Tensor])) };
          return which === 'gp' ? gradientPenalty(critic(c, p), real, fake, { seed: 0, alpha }) : r1Penalty(critic(c, p), real);
        };
        const expected = names.map((n) => decode(ref.grads[n] as Encoded));
        await assertNoLeaks(async () => {
          const { value, grads } = tf.valueAndGrads(penalty)(names.map((n) => params[n] as tf.Tensor));
          await assertClose(value, ref.value, { rtol: 1e-4, atol: 1e-6, label: `${which} value` });
          for (const [i, n] of names.entries()) {
            await assertClose(grads[i] as tf.Tensor, expected[i] as tf.Tensor, { rtol: 2e-4, atol: 1e-5, label: `d${which}/d${n}` });
          }
          tf.dispose([value, ...grads]);
        }, `${which} on ${backend}`);
        tf.dispose([...Object.values(params), ...expected, real, fake, alpha]);
      });
    }
  }

  it('BCE losses stay finite for huge logits', async () => {
    const big = tf.tensor([[1e4], [-1e4]]);
    const d = discriminatorLoss('bce', big, big);
    const g = generatorLoss('bce', big);
    expect(Number.isFinite((await d.data())[0])).toBe(true);
    await assertClose(g, 5000, { rtol: 1e-6 });
    tf.dispose([big, d, g]);
  });

  it('gradientPenalty draws ε from the seed: same seed same value, different seed different value', async () => {
    const w = tf.tensor([[1.5], [-2], [0.5]]);
    const critic2: CriticFn = (x) => tf.square(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D)); // gradient depends on x̂
    const real = tf.tensor([[1, 2, 3], [0, 1, -1]]);
    const fake = tf.tensor([[-1, 0, 2], [2, 2, 2]]);
    const a = gradientPenalty(critic2, real, fake, { seed: 7 });
    const b = gradientPenalty(critic2, real, fake, { seed: 7 });
    const c = gradientPenalty(critic2, real, fake, { seed: 8 });
    const [va, vb, vc] = [(await a.data())[0], (await b.data())[0], (await c.data())[0]];
    expect(va).toBe(vb);
    expect(va).not.toBe(vc);
    // With an Rng, consecutive calls draw fresh ε.
    const rng = new Rng(7);
    const d1 = gradientPenalty(critic2, real, fake, { seed: rng });
    const d2 = gradientPenalty(critic2, real, fake, { seed: rng });
    expect((await d1.data())[0]).toBe(va);
    expect((await d2.data())[0]).not.toBe(va);
    tf.dispose([w, real, fake, a, b, c, d1, d2]);
  });

  it('instanceNoise adds seeded N(0, std²) noise; annealedNoiseStd falls linearly to 0', async () => {
    const x = tf.zeros([2000]);
    const y = instanceNoise(x, 0.5, 3);
    const v = Array.from(await y.data());
    const mean = v.reduce((s, t) => s + t, 0) / v.length;
    const std = Math.sqrt(v.reduce((s, t) => s + (t - mean) ** 2, 0) / v.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.03);
    const y2 = instanceNoise(x, 0.5, 3);
    await assertClose(y2, y, { rtol: 0, atol: 0 });
    expect(annealedNoiseStd(0.2, 0, 100)).toBe(0.2);
    expect(annealedNoiseStd(0.2, 50, 100)).toBeCloseTo(0.1, 12);
    expect(annealedNoiseStd(0.2, 150, 100)).toBe(0);
    tf.dispose([x, y, y2]);
  });

  it('rejects bad arguments with messages naming them', () => {
    const t = tf.tensor([[1], [2]]);
    expect(() => discriminatorLoss('nope' as GanLossKind, t, t)).toThrow(/'kind' must be one of 'bce'.*received "nope"/);
    expect(() => discriminatorLoss('hinge', t, t, { realLabel: 0.9 })).toThrow(/label smoothing.*'bce' and 'lsgan' only/);
    expect(() => discriminatorLoss('bce', t, t, { realLabel: 1.5 })).toThrow(/'realLabel' must be a number in \[0, 1\]; received 1.5/);
    expect(() => generatorLoss('bce', tf.tensor([1], [1], 'int32'))).toThrow(/'fakeLogits' must be a float32 tensor; received int32/);
    expect(() => gradientPenalty((x) => x, t, tf.zeros([3, 1]), { seed: 0 })).toThrow(/'fake' must have the shape of 'real' \[2, 1\]; received \[3, 1\]/);
    expect(() => instanceNoise(t, -1, 0)).toThrow(/'std' must be a number in \[0, Infinity\]; received -1/);
    t.dispose();
  });
});

