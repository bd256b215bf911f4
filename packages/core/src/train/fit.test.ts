import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { crossEntropy } from '../losses/cross-entropy.js';
import { mseLoss } from '../losses/mse-loss.js';
import { SGD } from '../optim/sgd.js';
import { Adam } from '../optim/adam.js';
import { StepLR } from '../optim/schedulers/step-lr.js';
import { TensorDataset } from '../data/tensor-dataset.js';
import { DataLoader } from '../data/data-loader.js';
import { Rng } from '../random/rng.js';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { fit } from './fit.js';
import { evaluate } from './evaluate.js';
import { loadCheckpoint } from './checkpoint.js';
import type { ProgressStream } from './progress-bar.js';

class Mlp extends Module {
  fc1: Linear;
  fc2: Linear;
  constructor(seed: number) {
    super();
    this.fc1 = new Linear(2, 16, { seed });
    this.fc2 = new Linear(16, 3, { seed: seed + 1 });
  }
  forward(x: tf.Tensor): tf.Tensor {
    return this.fc2.forward(tf.relu(this.fc1.forward(x)));
  }
}

/** Three Gaussian blobs in 2-D: a task a small MLP must learn to > 90 %. */
function blobs(n: number, seed: number): { x: Float32Array; y: Int32Array } {
  const rng = new Rng(seed);
  const centers = [
    [0, 2],
    [-2, -1],
    [2, -1],
  ];
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    x[2 * i] = centers[c][0] + 0.6 * rng.normal();
    x[2 * i + 1] = centers[c][1] + 0.6 * rng.normal();
  }
  return { x, y };
}

function dataset(n: number, seed: number): TensorDataset {
  const { x, y } = blobs(n, seed);
  return new TensorDataset({ data: x, shape: [n, 2] }, tf.tensor1d(y, 'int32'));
}

const accuracy = (out: tf.Tensor, y: tf.Tensor): tf.Scalar => tf.mean(tf.cast(tf.equal(tf.argMax(out, -1), tf.cast(y, 'int32')), 'float32'));
const ce = (out: tf.Tensor, y: tf.Tensor): tf.Scalar => crossEntropy(out, y) as tf.Scalar;
const quiet = { progress: false as const, logger: (): void => undefined };

async function weightsOf(model: Module): Promise<number[]> {
  const out: number[] = [];
  for (const p of model.parameters()) out.push(...(await p.data()));
  return out;
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ml-fit-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

await describeBackends('fit', (backend) => {
  it('learns a three-class problem; validation accuracy > 0.9; loss falls', async () => {
    const train = dataset(300, 1);
    const valid = dataset(150, 2);
    const model = new Mlp(3);
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const history = await fit(model, train, {
      optimizer,
      loss: ce,
      epochs: backend === 'webgpu' ? 4 : 8,
      batchSize: 32,
      validation: valid,
      metrics: { accuracy },
      ...quiet,
    });
    expect(history.loss[history.loss.length - 1]).toBeLessThan(history.loss[0]);
    expect(history.valMetrics.accuracy[history.valMetrics.accuracy.length - 1]).toBeGreaterThan(0.9);
    expect(history.steps).toBe(history.epoch.length * Math.ceil(300 / 32));
    const result = await evaluate(model, valid, { loss: ce, metrics: { accuracy } });
    expect(result.samples).toBe(150);
    expect(result.metrics.accuracy).toBeCloseTo(history.valMetrics.accuracy[history.valMetrics.accuracy.length - 1], 6);
    model.dispose();
    optimizer.dispose();
    train.dispose();
    valid.dispose();
  });

  it('gradient accumulation over 2 micro-batches of 8 equals batches of 16', async () => {
    const ds = dataset(64, 3);
    const a = new Mlp(5);
    const b = new Mlp(5);
    const optA = new SGD(a.parameters(), { lr: 0.1, momentum: 0.9 });
    const optB = new SGD(b.parameters(), { lr: 0.1, momentum: 0.9 });
    await fit(a, new DataLoader(ds, { batchSize: 8 }), { optimizer: optA, loss: ce, epochs: 2, gradientAccumulationSteps: 2, ...quiet });
    await fit(b, new DataLoader(ds, { batchSize: 16 }), { optimizer: optB, loss: ce, epochs: 2, ...quiet });
    await assertClose(await weightsOf(a), await weightsOf(b), { rtol: 1e-4, atol: 1e-5 });
    for (const x of [a, b, optA, optB, ds]) x.dispose();
  });

  it('leaves no tensors behind once the optimizer state exists', async () => {
    const ds = dataset(40, 4);
    const model = new Mlp(7);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    await fit(model, ds, { optimizer, loss: ce, batchSize: 8, clipGradNorm: 1, gradientAccumulationSteps: 2, validation: ds, metrics: { accuracy }, ...quiet });
    await assertNoLeaks(() => fit(model, ds, { optimizer, loss: ce, batchSize: 8, clipGradNorm: 1, gradientAccumulationSteps: 2, validation: ds, metrics: { accuracy }, ...quiet }), 'fit');
    for (const x of [model, optimizer, ds]) x.dispose();
  });
});

await describeBackends('fit checkpoints', (backend) => {
  it('resuming from the last checkpoint gives the same weights as training straight through', async () => {
    const ds = dataset(60, 6);
    const dir = await tempDir();
    const straight = new Mlp(9);
    const optS = new Adam(straight.parameters(), { lr: 0.02 });
    const schedS = new StepLR(optS, { stepSize: 4, gamma: 0.5 });
    const h1 = await fit(straight, ds, { optimizer: optS, scheduler: schedS, loss: ce, epochs: 4, batchSize: 16, seed: 11, ...quiet });

    const first = new Mlp(9);
    const opt1 = new Adam(first.parameters(), { lr: 0.02 });
    const sched1 = new StepLR(opt1, { stepSize: 4, gamma: 0.5 });
    await fit(first, ds, { optimizer: opt1, scheduler: sched1, loss: ce, epochs: 2, batchSize: 16, seed: 11, checkpoint: { dir }, ...quiet });
    expect((await readdir(dir)).sort()).toEqual(['best', 'last']);

    const resumed = new Mlp(100); // different init: everything must come from the checkpoint
    const opt2 = new Adam(resumed.parameters(), { lr: 0.5 });
    const sched2 = new StepLR(opt2, { stepSize: 4, gamma: 0.5 });
    const h2 = await fit(resumed, ds, { optimizer: opt2, scheduler: sched2, loss: ce, epochs: 4, batchSize: 16, seed: 11, resumeFrom: join(dir, 'last'), ...quiet });
    expect(h2.epoch).toEqual([0, 1, 2, 3]);
    expect(h2.steps).toBe(h1.steps);
    expect(opt2.paramGroups[0].lr).toBeCloseTo(optS.paramGroups[0].lr, 12);
    const tol = backend === 'webgpu' ? { rtol: 1e-4, atol: 1e-5 } : { rtol: 1e-6, atol: 1e-7 };
    await assertClose(await weightsOf(resumed), await weightsOf(straight), tol);
    await assertClose(h2.loss, h1.loss, { rtol: 1e-4 });

    // The best checkpoint restores the model of its epoch on its own.
    const fresh = new Mlp(55);
    const state = await loadCheckpoint(join(dir, 'best'), { model: fresh });
    expect(state.epoch).toBeGreaterThanOrEqual(1);
    for (const x of [straight, first, resumed, fresh, optS, opt1, opt2, ds]) x.dispose();
  });
});

await describeBackends('fit controls', () => {
  it('early stopping ends training and says why', async () => {
    const ds = dataset(30, 8);
    const model = new Mlp(12);
    const optimizer = new SGD(model.parameters(), { lr: 0 }); // nothing improves
    const history = await fit(model, ds, { optimizer, loss: ce, epochs: 10, batchSize: 10, earlyStopping: { monitor: 'loss', patience: 2, minDelta: 1e-6 }, ...quiet });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(history.stopReason).toMatch(/early stopping: 'loss' did not improve for 2 epochs/);
    for (const x of [model, optimizer, ds]) x.dispose();
  });

  it('draws a progress bar only on a TTY, and logs every N steps', async () => {
    const ds = dataset(30, 9);
    const model = new Mlp(13);
    const optimizer = new SGD(model.parameters(), { lr: 0.01 });
    const written: string[] = [];
    const tty: ProgressStream = { isTTY: true, columns: 100, write: (s: string) => written.push(s) };
    const lines: string[] = [];
    await fit(model, ds, { optimizer, loss: ce, epochs: 1, batchSize: 10, progress: tty, logEvery: 1, logger: (l) => lines.push(l) });
    expect(written.join('')).toMatch(/epoch 1\/1 .* 3\/3 loss \d/);
    expect(lines.filter((l) => /step \d+ loss/.test(l))).toHaveLength(3);
    const pipe: string[] = [];
    await fit(model, ds, { optimizer, loss: ce, epochs: 1, batchSize: 10, progress: { isTTY: false, write: (s: string) => pipe.push(s) }, logger: () => undefined });
    expect(pipe).toEqual([]);
    for (const x of [model, optimizer, ds]) x.dispose();
  });

  it('rejects bad input, naming the argument', async () => {
    const ds = dataset(10, 10);
    const model = new Mlp(14);
    const optimizer = new SGD(model.parameters(), { lr: 0.01 });
    await expect(fit(model, ds, { optimizer, loss: ce, epochs: 0 })).rejects.toThrow(/'epochs' must be an integer >= 1; received 0/);
    await expect(fit(model, ds, { optimizer })).rejects.toThrow(/give 'loss'/);
    await expect(fit(model, ds, { optimizer, loss: ce, clipGradNorm: -1 })).rejects.toThrow(/'clipGradNorm' must be > 0; received -1/);
    await expect(fit(model, {} as never, { optimizer, loss: ce })).rejects.toThrow(/'data' must be a DataLoader or a Dataset/);
    await expect(fit(model, ds, { optimizer, loss: ce, resumeFrom: '/nonexistent/ml-ckpt' })).rejects.toThrow(/nonexistent/);
    const big = new SGD(model.parameters(), { lr: 1e30 });
    const mse = (o: tf.Tensor, y: tf.Tensor): tf.Scalar => mseLoss(tf.sum(o, -1), tf.cast(y, 'float32')) as tf.Scalar;
    await expect(fit(model, ds, { optimizer: big, loss: mse, epochs: 3, batchSize: 2, ...quiet })).rejects.toThrow(/the loss became (NaN|Infinity)/);
    for (const x of [model, optimizer, big, ds]) x.dispose();
  });
});
