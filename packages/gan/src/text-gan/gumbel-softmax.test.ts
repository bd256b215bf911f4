import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { gumbelNoise, gumbelSoftmax } from './gumbel-softmax.js';

// PyTorch 1.13's F.gumbel_softmax on fixed logits, with the noise it drew written out
// (scripts/fixtures/gan_text_gumbel.py).
interface Enc {
  shape: number[];
  data: number[];
}
const fx = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'gumbel-softmax.json'), 'utf8')) as {
  logits: Enc;
  w: Enc;
  cases: { temperature: number; hard: boolean; noise: Enc; y: Enc; grad: Enc }[];
};
const t = (e: Enc): tf.Tensor => tf.tensor(e.data, e.shape, 'float32');

await describeBackends('gumbelSoftmax', (backend) => {
  it('matches PyTorch (soft and straight-through, τ = 1 and 0.5): values and gradients', async () => {
    await assertNoLeaks(async () => {
      for (const c of fx.cases) {
        const logits = t(fx.logits);
        const w = t(fx.w);
        const noise = t(c.noise);
        const f = (x: tf.Tensor): tf.Tensor => tf.sum(tf.mul(w, gumbelSoftmax(x, { temperature: c.temperature, hard: c.hard, noise })));
        const y = gumbelSoftmax(logits, { temperature: c.temperature, hard: c.hard, noise });
        const grad = tf.grad(f)(logits);
        await assertClose(y, c.y.data, { atol: 1e-5 });
        await assertClose(grad, c.grad.data, { atol: 1e-5 });
        tf.dispose([logits, w, noise, y, grad]);
      }
    });
  });

  it('its gradient agrees with central finite differences (seeded noise, τ = 0.7)', async () => {
    await assertNoLeaks(async () => {
      const x0 = [0.3, -1.2, 0.8, 0.1, 2.0, -0.5];
      const w = tf.tensor2d([[1, -2, 0.5], [0.3, 1.5, -1]]);
      const f = (x: tf.Tensor): tf.Tensor => tf.sum(tf.mul(w, gumbelSoftmax(x, { temperature: 0.7, seed: 9 })));
      const logits = tf.tensor2d(x0, [2, 3]);
      const analytic = tf.grad(f)(logits);
      const eps = 1e-2;
      const numeric: number[] = [];
      for (let i = 0; i < x0.length; i++) {
        const plus = x0.slice();
        const minus = x0.slice();
        plus[i] = (plus[i] as number) + eps;
        minus[i] = (minus[i] as number) - eps;
        const fp = tf.tidy(() => f(tf.tensor2d(plus, [2, 3])));
        const fm = tf.tidy(() => f(tf.tensor2d(minus, [2, 3])));
        numeric.push((((await fp.data())[0] as number) - ((await fm.data())[0] as number)) / (2 * eps));
        tf.dispose([fp, fm]);
      }
      await assertClose(analytic, numeric, { atol: 2e-3 });
      expect(Math.max(...(await analytic.data()).map(Math.abs))).toBeGreaterThan(0.05); // not trivially zero
      tf.dispose([w, logits, analytic]);
    });
  });

  it('is seeded: same seed, same sample; rows sum to 1; hard is one-hot; low τ samples follow softmax(logits)', async () => {
    await assertNoLeaks(async () => {
      const logits = tf.tensor2d([[Math.log(0.7), Math.log(0.2), Math.log(0.1)]]);
      const many = tf.tile(logits, [4000, 1]);
      const a = gumbelSoftmax(many, { temperature: 0.5, seed: 3 });
      const b = gumbelSoftmax(many, { temperature: 0.5, seed: 3 });
      const c = gumbelSoftmax(many, { temperature: 0.5, seed: 4 });
      const hard = gumbelSoftmax(many, { hard: true, seed: 3 });
      const [da, db, dc, dh] = await Promise.all([a.data(), b.data(), c.data(), hard.data()]);
      expect(Array.from(da)).toEqual(Array.from(db));
      expect(Array.from(da)).not.toEqual(Array.from(dc));
      const counts = [0, 0, 0];
      for (let r = 0; r < 4000; r++) {
        const row = Array.from(da.subarray(r * 3, r * 3 + 3));
        expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-5);
        const hot = Array.from(dh.subarray(r * 3, r * 3 + 3));
        expect(hot.filter((v) => v === 1).length).toBe(1);
        expect(hot.filter((v) => v === 0).length).toBe(2);
        // Gumbel-max: argmax(logits + g) is a draw from softmax(logits), whatever τ.
        counts[hot.indexOf(1)]++;
      }
      // Binomial standard deviation at n = 4000, p = 0.7: 0.0072; 4σ bounds.
      expect(Math.abs(counts[0] / 4000 - 0.7)).toBeLessThan(0.03);
      expect(Math.abs(counts[1] / 4000 - 0.2)).toBeLessThan(0.03);
      tf.dispose([logits, many, a, b, c, hard]);
    });
  });

  it('errors name the argument', () => {
    const x = tf.zeros([2, 3]);
    const wrongNoise = tf.zeros([3]);
    const ints = tf.zeros([2], 'int32');
    expect(() => gumbelSoftmax(x, { temperature: 0 })).toThrow(/'temperature' must be a finite number > 0; received 0/);
    expect(() => gumbelSoftmax(x, { noise: wrongNoise })).toThrow(/'noise' must have the shape of 'logits' \[2, 3\]; received \[3\]/);
    expect(() => gumbelSoftmax(ints)).toThrow(/'logits' must be a float32 tensor of rank >= 1; received int32 \[2\]/);
    tf.dispose([x, wrongNoise, ints]);
    void backend;
  });
});

it('gumbelNoise is standard Gumbel (mean ≈ Euler–Mascheroni 0.5772, variance π²/6)', async () => {
  const g = gumbelNoise([20000], 1);
  const d = Array.from(await g.data());
  g.dispose();
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length;
  // Standard errors at n = 20000: mean 0.009, variance ≈ 0.03.
  expect(Math.abs(mean - 0.5772)).toBeLessThan(0.04);
  expect(Math.abs(variance - Math.PI ** 2 / 6)).toBeLessThan(0.12);
});
