import { beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import './register-gradients.js';
import { LeakyReLU } from '../nn/layers/leaky-relu.js';
import { setBackend } from './set-backend.js';
import { assertNoLeaks, describeBackends } from '../testing/index.js';
import { preloadBackends } from './kernels/kernel-test-support.js';

beforeAll(preloadBackends);

/**
 * A gradient-penalty-shaped double backward through LeakyReLU (slope α): with
 *   P(w) = Σ_i (∂/∂x_i Σ_j LeakyReLU(w·x_j))² = Σ_i (w·s_i)²,  s_i = 1 if w·x_i > 0 else α,
 * dP/dw = 2w·Σ_i s_i² (the sign pattern is constant near w, so this is exact).
 */
await describeBackends('comparison-kernel gradients (double backward through LeakyReLU)', (backend) => {
  beforeAll(async () => {
    await setBackend(backend);
  });

  const xs = [0.7, -1.3, 2.1, -0.4, 0.05, -2.2];
  const alpha = 0.2;
  const w0 = 1.5;

  it('dP/dw through nn.LeakyReLU matches the analytic value', async () => {
    const act = new LeakyReLU({ negativeSlope: alpha });
    const x = tf.tensor1d(xs);
    const w = tf.scalar(w0);
    const penalty = (wv: tf.Tensor): tf.Tensor => {
      const gx = tf.grad((xv: tf.Tensor) => tf.sum(act.forward(tf.mul(wv, xv))))(x);
      return tf.sum(tf.square(gx));
    };
    await assertNoLeaks(async () => {
      const p = tf.tidy(() => penalty(w));
      const dp = tf.grad(penalty)(w);
      const [pv, dpv] = [(await p.data())[0]!, (await dp.data())[0]!];
      const s2 = xs.reduce((acc, xi) => acc + (w0 * xi > 0 ? 1 : alpha * alpha), 0);
      expect(pv).toBeCloseTo(w0 * w0 * s2, 4);
      expect(dpv).toBeCloseTo(2 * w0 * s2, 4);
      tf.dispose([p, dp]);
    }, 'double backward');
    tf.dispose([x, w]);
  });

  it('Greater, Less, LessEqual, Equal, NotEqual have zero gradients', async () => {
    const a = tf.tensor1d([1, -2, 3]);
    const b = tf.tensor1d([0.5, -2, 4]);
    const ops = [tf.greater, tf.less, tf.lessEqual, tf.equal, tf.notEqual];
    for (const op of ops) {
      const [ga, gb] = tf.grads((u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(tf.cast(op(u, v), 'float32'), u)))([a, b]) as [tf.Tensor, tf.Tensor];
      // d/du Σ cast(op(u,v))·u = cast(op(u,v)) (the comparison contributes nothing); d/dv = 0.
      const mask = tf.cast(op(a, b), 'float32');
      expect(Array.from(await ga.data())).toEqual(Array.from(await mask.data()));
      expect(Array.from(await gb.data())).toEqual([0, 0, 0]);
      tf.dispose([ga, gb, mask]);
    }
    tf.dispose([a, b]);
  });
});
