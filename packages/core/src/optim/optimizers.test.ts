import { expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { Adam, AdamW, RMSprop, SGD, type Optimizer, type Hyperparameters } from './index.js';
import fixture from './__fixtures__/optim.json';

// The package's project config keeps vitest's 5 s / 10 s defaults; the software WebGPU adapter is slower.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface OptimCase {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop';
  options: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  params: number[][][];
}
const data = fixture as unknown as {
  init: number[][];
  shapes: number[][];
  grads: (number[] | null)[][];
  optimizers: OptimCase[];
};

type AnyOptimizer = Optimizer<Hyperparameters>;
const CLASSES = { SGD, Adam, AdamW, RMSprop } as unknown as Record<
  string,
  new (params: unknown, options: Record<string, unknown>) => AnyOptimizer
>;

function makeParams(): tf.Variable[] {
  return tf.tidy(() => data.init.map((values, i) => tf.variable(tf.tensor(values, data.shapes[i]))));
}

function makeOptimizer(c: OptimCase, params: tf.Variable[]): AnyOptimizer {
  const input = c.groups === undefined ? params : c.groups.map((g, i) => ({ params: [params[i]], ...g }));
  return new CLASSES[c.optimizer](input, c.options);
}

/** Applies fixture step `s` (a missing gradient is left out, as PyTorch's `grad = None`). */
function applyStep(opt: AnyOptimizer, params: tf.Variable[], s: number): void {
  tf.tidy(() => {
    const grads: tf.NamedTensorMap = {};
    data.grads[s].forEach((g, i) => {
      if (g !== null) grads[params[i].name] = tf.tensor(g, data.shapes[i]);
    });
    opt.step(grads);
  });
}

await describeBackends('optimizers match PyTorch 1.13', () => {
  for (const c of data.optimizers) {
    it(c.name, async () => {
      await assertNoLeaks(async () => {
        const params = makeParams();
        const opt = makeOptimizer(c, params);
        for (let s = 0; s < c.params.length; s++) {
          applyStep(opt, params, s);
          for (let i = 0; i < params.length; i++) {
            await assertClose(params[i], c.params[s][i], { rtol: 1e-5, atol: 1e-6, label: `${c.name} step ${s + 1} param ${i}` });
          }
        }
        opt.dispose();
        tf.dispose(params);
      }, c.name);
    });
  }

  it('save → load → continue equals uninterrupted training, through plain arrays', async () => {
    const resumable = data.optimizers.filter((c) =>
      ['sgd nesterov weightDecay', 'adam weightDecay amsgrad', 'adamw groups', 'rmsprop centered momentum weightDecay'].includes(c.name),
    );
    expect(resumable).toHaveLength(4);
    for (const c of resumable) {
      await assertNoLeaks(async () => {
        const steps = c.params.length;
        const straight = makeParams();
        const optA = makeOptimizer(c, straight);
        for (let s = 0; s < steps; s++) applyStep(optA, straight, s);

        const first = makeParams();
        const optB = makeOptimizer(c, first);
        for (let s = 0; s < 3; s++) applyStep(optB, first, s);
        // Serialise as a checkpoint would: tensors to arrays, then drop everything.
        const dict = optB.stateDict();
        const saved = {
          paramGroups: JSON.parse(JSON.stringify(dict.paramGroups)) as typeof dict.paramGroups,
          state: await Promise.all(
            Object.entries(dict.state).map(async ([k, st]) => ({
              k,
              step: st.step,
              buffers: await Promise.all(Object.entries(st.buffers).map(async ([n, t]) => ({ n, shape: t.shape, v: Array.from(await t.data()) }))),
            })),
          ),
          params: await Promise.all(first.map(async (p) => Array.from(await p.data()))),
        };
        for (const st of Object.values(dict.state)) tf.dispose(Object.values(st.buffers));
        optB.dispose();
        tf.dispose(first);

        const resumed = tf.tidy(() => saved.params.map((v, i) => tf.variable(tf.tensor(v, data.shapes[i]))));
        const optC = makeOptimizer(c, resumed);
        const loaded = {
          paramGroups: saved.paramGroups,
          state: Object.fromEntries(
            saved.state.map((st) => [st.k, { step: st.step, buffers: Object.fromEntries(st.buffers.map((b) => [b.n, tf.tensor(b.v, b.shape)])) }]),
          ),
        };
        optC.loadStateDict(loaded);
        for (const st of Object.values(loaded.state)) tf.dispose(Object.values(st.buffers));
        for (let s = 3; s < steps; s++) applyStep(optC, resumed, s);

        for (let i = 0; i < straight.length; i++) {
          await assertClose(resumed[i], straight[i], { rtol: 0, atol: 0, label: `${c.name} resumed param ${i}` });
          await assertClose(resumed[i], c.params[steps - 1][i], { rtol: 1e-5, atol: 1e-6, label: `${c.name} vs PyTorch` });
        }
        optA.dispose();
        optC.dispose();
        tf.dispose([...straight, ...resumed]);
      }, c.name);
    }
  });
});
