// Trains a small CNN with @ml/core's fit(): progress bar, validation accuracy, a checkpoint, and a
// reload that must reproduce the same predictions. Then times one training step on wasm vs cpu.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  tf, setBackend, getBackend, Rng, Module, Sequential, Conv2d, ReLU, MaxPool2d, Flatten, Linear,
  Adam, crossEntropy, TensorDataset, fit, evaluate, loadCheckpoint,
} from '@ml/core';

// Knobs
const SIZE = 12;
const TRAIN = 600;
const VALID = 300;
const EPOCHS = 4;
const TARGET_ACCURACY = 0.9;

/** 12×12 grayscale images of a horizontal bar, a vertical bar or a diagonal, at random places, with noise. */
function shapes(n, seed) {
  const rng = new Rng(seed);
  const x = new Float32Array(n * SIZE * SIZE);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    y[i] = cls;
    const off = i * SIZE * SIZE;
    const a = 2 + rng.int(SIZE - 4);
    const b = rng.int(4);
    for (let k = 0; k < SIZE - 4; k++) {
      const t = b + k;
      const [r, c] = cls === 0 ? [a, t] : cls === 1 ? [t, a] : [t, Math.min(SIZE - 1, t + (a % 4))];
      x[off + r * SIZE + c] = 1;
    }
    for (let p = 0; p < SIZE * SIZE; p++) x[off + p] += 0.3 * rng.normal();
  }
  return new TensorDataset({ data: x, shape: [n, SIZE, SIZE, 1] }, tf.tensor1d(y, 'int32'));
}

class SmallCnn extends Module {
  constructor(seed) {
    super();
    this.features = new Sequential(
      new Conv2d(1, 8, 3, { padding: 1, seed }), new ReLU(), new MaxPool2d(2), // [N, 6, 6, 8]
      new Conv2d(8, 16, 3, { padding: 1, seed: seed + 1 }), new ReLU(), new MaxPool2d(2), // [N, 3, 3, 16]
    );
    this.head = new Sequential(new Flatten(), new Linear(3 * 3 * 16, 3, { seed: seed + 2 })); // [N, 3]
  }
  forward(x) {
    return this.head.forward(this.features.forward(x));
  }
}

const loss = (out, y) => crossEntropy(out, y);
const accuracy = (out, y) => tf.mean(tf.cast(tf.equal(tf.argMax(out, -1), y), 'float32'));

function sparkline(values) {
  const bars = '▁▂▃▄▅▆▇█';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => bars[Math.round(((v - lo) / (hi - lo || 1)) * 7)]).join('');
}

async function stepTime(backend, train) {
  await setBackend(backend);
  const model = new SmallCnn(1);
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const x = tf.randomNormal([64, SIZE, SIZE, 1], 0, 1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 3), 'int32');
  const step = async () => {
    const { value, grads } = tf.variableGrads(() => loss(model.forward(x), y), model.parameters());
    optimizer.step(grads);
    await value.data();
    tf.dispose([value, ...Object.values(grads)]);
  };
  await step(); // warm-up: kernels compile, optimizer state appears
  const reps = backend === 'cpu' ? 2 : 10; // the cpu backend takes seconds per step
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await step();
  const ms = (performance.now() - t0) / reps;
  tf.dispose([x, y]);
  model.dispose();
  optimizer.dispose();
  return ms;
}

export async function runCoreCnn(log) {
  const info = await setBackend('auto');
  log(`backend in use: ${getBackend()} (${info.reason})`);
  const train = shapes(TRAIN, 1);
  const valid = shapes(VALID, 2);
  const model = new SmallCnn(7);
  const optimizer = new Adam(model.parameters(), { lr: 3e-3 });
  const dir = await mkdtemp(join(tmpdir(), 'ml-demo-'));
  try {
    const t0 = performance.now();
    const history = await fit(model, train, {
      optimizer, loss, epochs: EPOCHS, batchSize: 32, seed: 3,
      validation: valid, metrics: { accuracy }, checkpoint: { dir, monitor: 'val:accuracy', mode: 'max' },
      logger: () => undefined,
    });
    const seconds = (performance.now() - t0) / 1000;
    log('epoch  train loss  val loss  val acc');
    history.epoch.forEach((e, i) => log(`${String(e + 1).padStart(5)}  ${history.loss[i].toFixed(4).padStart(10)}  ${history.valLoss[i].toFixed(4).padStart(8)}  ${history.valMetrics.accuracy[i].toFixed(3).padStart(7)}`));
    log(`loss curve ${sparkline(history.loss)}  (${history.steps} Adam steps in ${seconds.toFixed(2)} s)`);

    // Reload the last checkpoint into a fresh model: its predictions must be identical.
    const reloaded = new SmallCnn(99);
    const state = await loadCheckpoint(join(dir, 'last'), { model: reloaded });
    model.eval();
    reloaded.eval();
    const probe = shapes(30, 5);
    const batch = probe.getBatch(Int32Array.from({ length: 30 }, (_, i) => i));
    const a = await tf.tidy(() => tf.argMax(model.forward(batch.features), -1)).data();
    const b = await tf.tidy(() => tf.argMax(reloaded.forward(batch.features), -1)).data();
    tf.dispose(batch);
    const same = a.every((v, i) => v === b[i]);
    log(`checkpoint after epoch ${state.epoch} reloaded into a fresh model: ${same ? 'same predictions as the trained model' : 'PREDICTIONS DIFFER'}`);
    log(`best epoch by val accuracy: ${history.best.epoch + 1} (${history.best.value.toFixed(3)}), kept in ${join(dir, 'best')}`);
    const result = await evaluate(reloaded, valid, { loss, metrics: { accuracy } });
    log(`reloaded model: val accuracy ${result.metrics.accuracy.toFixed(3)}`);

    const wasm = await stepTime('wasm', train);
    const cpu = await stepTime('cpu', train);
    log(`one Adam step, batch 64 (conv 8 → conv 16 → linear): wasm ${wasm.toFixed(1)} ms, cpu ${cpu.toFixed(1)} ms (${(cpu / wasm).toFixed(1)}× faster on wasm)`);
    for (const m of [model, reloaded, optimizer, train, valid, probe]) m.dispose();
    const acc = result.metrics.accuracy;
    return { task: 'CNN image classification (@ml/core fit)', metric: `val accuracy ${acc.toFixed(3)}`, ok: acc >= TARGET_ACCURACY && same, target: `>= ${TARGET_ACCURACY}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
