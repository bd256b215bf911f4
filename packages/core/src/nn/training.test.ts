/**
 * 100 SGD steps of small models leave the engine's tensor count unchanged, and the loss goes down.
 * The models: Conv2d → ReLU → MaxPool2d → Flatten → Linear, and Embedding → Flatten → Linear →
 * BatchNorm1d → ReLU → Dropout → Linear (running statistics and dropout masks every step).
 * On WebGPU (SwiftShader, software Vulkan) one step of these models measured 0.2–0.5 s, so the suite
 * runs 10 steps there: a per-step leak shows after any number of steps.
 */
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeBackends } from '../testing/index.js';
import { Rng } from '../random/rng.js';
import * as nn from './index.js';

/** Mean cross-entropy of logits `[B, K]` against int labels `[B]`. */
function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D, k: number): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, k), nn.logSoftmax(logits)), -1))) as tf.Scalar;
}

async function train(model: nn.Module, x: tf.Tensor, labels: tf.Tensor1D, k: number, steps: number, lr: number): Promise<number[]> {
  const params = model.parameters();
  const losses: number[] = [];
  const before = tf.memory().numTensors;
  for (let step = 0; step < steps; step++) {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x), labels, k), params);
      for (const v of params) v.assign(tf.sub(v, tf.mul(grads[v.name], lr)));
      return value;
    });
    if (step === 0 || step === steps - 1) losses.push((await loss.data())[0]);
    loss.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
  return losses;
}

function randomData(rng: Rng, shape: number[]): tf.Tensor {
  return tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))), shape);
}

await describeBackends('training loops do not leak', (backend) => {
  const steps = backend === 'webgpu' ? 10 : 100;
  const shrink = backend === 'webgpu' ? 0.9 : 0.5; // expected loss ratio after `steps`
  it('conv net: 100 steps (10 on webgpu)', async () => {
    const rng = new Rng(5);
    const model = new nn.Sequential(
      new nn.Conv2d(1, 4, 3, { padding: 1, seed: rng }), // [B, 6, 6, 4]
      new nn.ReLU(),
      new nn.MaxPool2d(2), // [B, 3, 3, 4]
      new nn.Flatten(), // [B, 36]
      new nn.Linear(36, 3, { seed: rng }),
    );
    const x = randomData(rng, [6, 6, 6, 1]);
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const start = tf.memory().numTensors;
    const [first, last] = await train(model, x, labels, 3, steps, 0.1);
    expect(last).toBeLessThan(shrink * first);
    tf.dispose([x, labels]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(start - 2 - 4);
  }, 120_000);

  it('embedding MLP with BatchNorm and Dropout: 100 steps (10 on webgpu)', async () => {
    const rng = new Rng(9);
    const model = new nn.Sequential(
      new nn.Embedding(12, 4, { paddingIdx: 0, seed: rng }), // [B, 3, 4]
      new nn.Flatten(), // [B, 12]
      new nn.Linear(12, 16, { seed: rng }),
      new nn.BatchNorm1d(16),
      new nn.ReLU(),
      new nn.Dropout({ p: 0.1, seed: rng }),
      new nn.Linear(16, 2, { seed: rng }),
    );
    const ids = tf.tensor2d([[1, 2, 0], [3, 4, 5], [6, 7, 0], [8, 9, 10], [11, 1, 0], [2, 4, 6]], undefined, 'int32');
    const labels = tf.tensor1d([0, 1, 0, 1, 0, 1], 'int32');
    const [first, last] = await train(model, ids, labels, 2, steps, 0.1);
    expect(last).toBeLessThan(shrink * first);
    const tracked = model.at(3) as nn.BatchNorm1d;
    expect((await (tracked.numBatchesTracked as tf.Variable).data())[0]).toBe(steps);
    const padRow = tf.slice((model.at(0) as nn.Embedding).weight, [0, 0], [1, 4]);
    expect(Array.from(await padRow.data())).toEqual([0, 0, 0, 0]); // never updated
    tf.dispose([ids, labels, padRow]);
    model.dispose();
  }, 120_000);
});
