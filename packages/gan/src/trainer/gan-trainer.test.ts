/**
 * GanTrainer mechanics on every backend with small MLP/DCGAN networks on random 8×8 "images":
 * the discriminator step differentiates and changes only D (fakes detached), the generator step only
 * G; no tensor leaks over several steps with every option on; EMA arithmetic; checkpoints resume to
 * the same state. (Learning is tested in dcgan-digits.test.ts.)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tf, type AnyModule } from '@ml/core';
import { assertClose, assertNoLeaks, describeBackends } from '@ml/core/testing';
import { DcganDiscriminator } from '../models/dcgan-discriminator.js';
import { DcganGenerator } from '../models/dcgan-generator.js';
import { MlpDiscriminator } from '../models/mlp-discriminator.js';
import { MlpGenerator } from '../models/mlp-generator.js';
import { loadGanCheckpoint, saveGanCheckpoint } from './gan-checkpoint.js';
import { GanTrainer, type GanTrainerOptions } from './gan-trainer.js';

const tmp = mkdtempSync(join(tmpdir(), 'ml-gan-trainer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const shape = [8, 8, 1] as const;
function nets(numClasses = 0, seed = 1): { g: MlpGenerator; d: MlpDiscriminator } {
  return {
    g: new MlpGenerator({ latentDim: 4, imageShape: shape, hidden: [16], numClasses, seed }),
    d: new MlpDiscriminator({ imageShape: shape, hidden: [16], numClasses, seed: seed + 1 }),
  };
}
const data = (n: number, seed: number): tf.Tensor4D => tf.randomUniform([n, ...shape], -1, 1, 'float32', seed) as tf.Tensor4D;

async function snapshot(m: AnyModule): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const [name, p] of m.namedParameters()) out.set(name, Array.from(await p.data()));
  return out;
}

await describeBackends('GanTrainer', (backend) => {
  it('the discriminator step computes and applies gradients for D only; the generator step for G only', async () => {
    const { g, d } = nets();
    const seen: Record<'discriminator' | 'generator', string[]> = { discriminator: [], generator: [] };
    const trainer = new GanTrainer(g, d, { callbacks: [{ onGradients: (phase, grads) => seen[phase].push(...Object.keys(grads)) }] });
    const real = data(8, 1);
    const g0 = await snapshot(g);
    const d0 = await snapshot(d);
    await trainer.discriminatorStep(real);
    const gNames = new Set(g.parameters().map((p) => p.name));
    const dNames = new Set(d.parameters().map((p) => p.name));
    expect(seen.discriminator.length).toBe(dNames.size);
    expect(seen.discriminator.filter((n) => gNames.has(n))).toEqual([]); // no generator gradient in the D step
    expect(await snapshot(g)).toEqual(g0); // the D step leaves G's weights alone
    expect(trainer.optimizerG.stateDict().state).toEqual({});
    const d1 = await snapshot(d);
    expect(d1).not.toEqual(d0);
    await trainer.generatorStep(8);
    expect(seen.generator.length).toBe(gNames.size);
    expect(seen.generator.filter((n) => dNames.has(n))).toEqual([]);
    expect(await snapshot(d)).toEqual(d1); // the G step leaves D's weights alone
    expect(await snapshot(g)).not.toEqual(g0);
    expect(trainer.history.gLoss.length).toBe(1);
    real.dispose();
    trainer.dispose();
    g.dispose();
    d.dispose();
  });

  it('nCritic D steps per G step; no leaked tensors over several steps with GP, R1, smoothing, noise, EMA, conditioning', async () => {
    const { g, d } = nets(3);
    const images = data(16, 2);
    const labels = tf.tensor1d([...Array(16).keys()].map((i) => i % 3), 'int32');
    const options: GanTrainerOptions = { loss: 'bce', nCritic: 2, gradientPenalty: 1, r1Gamma: 0.5, realLabel: 0.9, instanceNoise: 0.1, instanceNoiseSteps: 4, emaDecay: 0.9, seed: 3 };
    const trainer = new GanTrainer(g, d, options);
    await trainer.fit({ images, labels }, { epochs: 1, batchSize: 8 }); // warm-up: creates optimiser state
    await assertNoLeaks(async () => {
      await trainer.fit({ images, labels }, { epochs: 2, batchSize: 8 });
      const s = await trainer.sample(6);
      expect(s.shape).toEqual([6, 8, 8, 1]);
      s.dispose();
    }, `GanTrainer.fit on ${backend}`);
    // 2 batches per epoch, 2 D steps per G step: one G step per epoch (kept small: SwiftShader WebGPU
    // takes ~1 min for the double backward of 6 D steps).
    expect(trainer.step).toBe(3);
    expect(trainer.history.dLoss.every(Number.isFinite)).toBe(true);
    tf.dispose([images, labels]);
    trainer.dispose();
    g.dispose();
    d.dispose();
  });

  it('the EMA moves as decay·average + (1 − decay)·weights', async () => {
    const { g, d } = nets();
    const trainer = new GanTrainer(g, d, { emaDecay: 0.75 });
    const before = g.stateDict();
    const real = data(8, 4);
    await trainer.discriminatorStep(real);
    await trainer.generatorStep(8);
    const after = g.stateDict();
    const ema = (trainer.ema as NonNullable<typeof trainer.ema>).stateDict();
    const name = g.namedParameters()[0]?.[0] as string;
    const expected = tf.tidy(() => tf.add(tf.mul(before[name] as tf.Tensor, 0.75), tf.mul(after[name] as tf.Tensor, 0.25)));
    await assertClose(ema[name] as tf.Tensor, expected, { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([...Object.values(before), ...Object.values(after), ...Object.values(ema), expected, real]);
    trainer.dispose();
    g.dispose();
    d.dispose();
  });

  it('a checkpoint restores weights, optimiser state, EMA, step and history into a fresh trainer', async () => {
    const mk = (): { g: DcganGenerator; d: DcganDiscriminator } => ({
      g: new DcganGenerator({ imageSize: 8, latentDim: 4, width: 4, seed: 5 }),
      d: new DcganDiscriminator({ imageSize: 8, width: 4, seed: 6 }),
    });
    const a = mk();
    const trainer = new GanTrainer(a.g, a.d, { emaDecay: 0.5, seed: 7 });
    const images = data(16, 5);
    await trainer.fit({ images }, { epochs: 1, batchSize: 8 });
    const dir = join(tmp, `ckpt-${backend}`);
    await saveGanCheckpoint(dir, trainer);
    await saveGanCheckpoint(dir, trainer); // replacing an existing checkpoint
    expect(readdirSync(tmp).filter((f) => f.includes('staging') || f.endsWith('.old'))).toEqual([]);
    const fresh = { g: new DcganGenerator({ imageSize: 8, latentDim: 4, width: 4, seed: 50 }), d: new DcganDiscriminator({ imageSize: 8, width: 4, seed: 60 }) };
    const resumed = new GanTrainer(fresh.g, fresh.d, { emaDecay: 0.5, seed: 7 });
    await loadGanCheckpoint(dir, resumed);
    expect(resumed.step).toBe(trainer.step);
    expect(resumed.history).toEqual(trainer.history);
    expect(await snapshot(fresh.g)).toEqual(await snapshot(a.g));
    expect(await snapshot(fresh.d)).toEqual(await snapshot(a.d));
    const [sa, sb] = [trainer.optimizerD.stateDict(), resumed.optimizerD.stateDict()];
    await assertClose(sb.state['0']?.buffers.expAvgSq as tf.Tensor, sa.state['0']?.buffers.expAvgSq as tf.Tensor, { rtol: 0, atol: 0 });
    for (const s of [sa, sb]) for (const p of Object.values(s.state)) tf.dispose(Object.values(p.buffers));
    const [ea, eb] = [trainer.sample(4), resumed.sample(4)];
    await assertClose(await eb, await ea, { rtol: 1e-6, atol: 1e-6 });
    tf.dispose([await ea, await eb, images]);
    const more = data(16, 6);
    await resumed.fit({ images: more }, { epochs: 1, batchSize: 8 });
    more.dispose();
    expect(resumed.step).toBe(trainer.step + 2);
    for (const t of [trainer, resumed]) t.dispose();
    for (const m of [a.g, a.d, fresh.g, fresh.d]) m.dispose();
  });

  it('rejects mismatched networks and bad options with messages naming them', () => {
    const { g, d } = nets();
    const c = nets(2);
    expect(() => new GanTrainer(g, c.d)).toThrow(/same classes; received numClasses 0 and 2/);
    expect(() => new GanTrainer(g, d, { nCritic: 0 })).toThrow(/'nCritic' must be an integer >= 1; received 0/);
    expect(() => new GanTrainer(g, d, { loss: 'hinge', realLabel: 0.9 })).toThrow(/'realLabel' \(label smoothing\) applies to loss 'bce' and 'lsgan' only/);
    for (const m of [g, d, c.g, c.d]) m.dispose();
  });
});
