import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../backend/set-backend.js';
import { Rng } from '../random/rng.js';
import { Conv1d, Conv2d, ConvTranspose2d, Embedding, Linear, init, manualSeed } from './index.js';

async function stats(t: tf.Tensor): Promise<{ min: number; max: number; mean: number; std: number }> {
  const d = Array.from(await t.data());
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
  return { min: Math.min(...d), max: Math.max(...d), mean, std };
}

async function take(t: tf.Tensor): Promise<number[]> {
  const d = Array.from(await t.data());
  t.dispose();
  return d;
}

describe('init', () => {
  beforeAll(async () => {
    await setBackend('cpu');
  });

  it('reads fans from tfjs layouts and matches torch.nn.init.calculate_gain', () => {
    expect(init.computeFans([5, 7])).toEqual({ fanIn: 5, fanOut: 7 });
    expect(init.computeFans([3, 3, 4, 8])).toEqual({ fanIn: 36, fanOut: 72 });
    expect(init.computeFans([3, 4, 8], { fanIn: 2 })).toEqual({ fanIn: 2, fanOut: 24 });
    expect(init.calculateGain('linear')).toBe(1);
    expect(init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    expect(init.calculateGain('relu')).toBeCloseTo(Math.SQRT2, 12);
    expect(init.calculateGain('leakyRelu')).toBeCloseTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 12);
    expect(init.calculateGain('leakyRelu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(init.calculateGain('selu')).toBe(0.75);
    expect(() => init.kaimingUniform([4])).toThrow(/fans need a 'shape' of rank >= 2 \(or 'fanIn'\/'fanOut'\); received \[4\]/);
    expect(() => init.zeros([2, -1])).toThrow(/'shape' must be an array of non-negative integers; received \[2,-1\]/);
    expect(() => init.kaimingNormal([2, 2], { mode: 'in' as never })).toThrow(/'mode' must be 'fanIn' or 'fanOut'/);
  });

  it('is deterministic per seed and independent across seeds', async () => {
    const a = await take(init.normal([50], { seed: 7 }));
    const b = await take(init.normal([50], { seed: 7 }));
    const c = await take(init.normal([50], { seed: 8 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    manualSeed(3);
    const d = await take(init.uniform([20]));
    manualSeed(3);
    const e = await take(init.uniform([20]));
    expect(d).toEqual(e);
  });

  it('draws with the documented bounds and spreads (40 000 draws; 2% std tolerance)', async () => {
    const shape = [200, 200]; // fanIn = fanOut = 200
    const cases: [tf.Tensor, number, number][] = [
      // [tensor, bound (0 for normals), expected std]
      [init.kaimingUniform(shape, { seed: 1 }), (Math.sqrt(3) * Math.SQRT2) / Math.sqrt(200), Math.SQRT2 / Math.sqrt(200)], // a = 0: gain √2
      [init.kaimingNormal(shape, { seed: 2, nonlinearity: 'relu', mode: 'fanOut' }), 0, Math.SQRT2 / Math.sqrt(200)],
      [init.xavierUniform(shape, { seed: 3, gain: 2 }), 2 * Math.sqrt(6 / 400), (2 * Math.sqrt(6 / 400)) / Math.sqrt(3)],
      [init.xavierNormal(shape, { seed: 4 }), 0, Math.sqrt(2 / 400)],
      [init.uniform(shape, { low: -3, high: 1, seed: 5 }), 0, 4 / Math.sqrt(12)],
      [init.normal(shape, { mean: 2, std: 0.5, seed: 6 }), 0, 0.5],
    ];
    for (const [t, bound, std] of cases) {
      const s = await stats(t);
      if (bound > 0) {
        expect(s.max).toBeLessThanOrEqual(bound);
        expect(s.min).toBeGreaterThanOrEqual(-bound);
        expect(s.max).toBeGreaterThan(0.99 * bound);
      }
      expect(Math.abs(s.std / std - 1)).toBeLessThan(0.02);
      t.dispose();
    }
    const truncated = init.truncatedNormal([4000], { mean: 1, std: 1, a: 0, b: 1.5, seed: 9 });
    const tn = await stats(truncated);
    truncated.dispose();
    expect(tn.min).toBeGreaterThanOrEqual(0);
    expect(tn.max).toBeLessThanOrEqual(1.5);
    expect(() => init.truncatedNormal([2], { a: 1, b: 0 })).toThrow(/'\[a, b\]' must be a non-empty interval/);
  });

  it('gives each layer PyTorch’s default init: U(±1/√fanIn) weights and biases', async () => {
    const rng = new Rng(0);
    const layers: [tf.Variable, tf.Variable | null, number][] = [];
    const lin = new Linear(64, 32, { seed: rng });
    layers.push([lin.weight, lin.bias, 64]);
    const c1 = new Conv1d(6, 8, 5, { seed: rng, groups: 2 });
    layers.push([c1.weight, c1.bias, 3 * 5]);
    const c2 = new Conv2d(4, 8, 3, { seed: rng });
    layers.push([c2.weight, c2.bias, 36]);
    const dw = new Conv2d(4, 8, 3, { groups: 4, seed: rng });
    layers.push([dw.weight, dw.bias, 9]);
    const ct = new ConvTranspose2d(4, 6, 3, { groups: 2, seed: rng });
    layers.push([ct.weight, ct.bias, 3 * 9]); // PyTorch's fan_in = out/groups · k
    for (const [w, b, fanIn] of layers) {
      const bound = 1 / Math.sqrt(fanIn);
      for (const t of [w, b as tf.Variable]) {
        const s = await stats(t);
        expect(s.max).toBeLessThanOrEqual(bound);
        expect(s.min).toBeGreaterThanOrEqual(-bound);
        expect(s.max - s.min).toBeGreaterThan(bound); // spread over the interval, not clustered
      }
    }
    expect(dw.weight.shape).toEqual([3, 3, 1, 8]);
    expect(ct.weight.shape).toEqual([3, 3, 3, 4]);
    const emb = new Embedding(6, 200, { paddingIdx: -1, seed: 2 });
    expect(emb.paddingIdx).toBe(5);
    const rows = (await emb.weight.array()) as number[][];
    expect(rows[5].every((v) => v === 0)).toBe(true);
    const real = tf.slice(emb.weight, [0, 0], [5, 200]);
    const s = await stats(real);
    real.dispose();
    expect(Math.abs(s.std - 1)).toBeLessThan(0.05);
    for (const m of [lin, c1, c2, dw, ct, emb]) m.dispose();
  });
});
