import { expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  cosineEmbeddingLoss,
  crossEntropy,
  huberLoss,
  klDivLoss,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from './index.js';
import fixture from './__fixtures__/losses.json';

interface Encoded {
  shape: number[];
  data: number[];
  dtype: 'float32' | 'int32';
}
interface Case {
  name: string;
  fn: string;
  inputs: [string, Encoded][];
  options: Record<string, unknown>;
  loss: Encoded;
  grad: Encoded;
}

type LossFn = (args: tf.Tensor[], options: Record<string, unknown>) => tf.Tensor;
const FNS: Record<string, LossFn> = {
  crossEntropy: ([x, t], o) => crossEntropy(x, t, o),
  nllLoss: ([x, t], o) => nllLoss(x, t, o),
  binaryCrossEntropyWithLogits: ([x, t], o) => binaryCrossEntropyWithLogits(x, t, o),
  binaryCrossEntropy: ([x, t], o) => binaryCrossEntropy(x, t, o),
  mseLoss: ([x, t], o) => mseLoss(x, t, o),
  l1Loss: ([x, t], o) => l1Loss(x, t, o),
  smoothL1Loss: ([x, t], o) => smoothL1Loss(x, t, o),
  huberLoss: ([x, t], o) => huberLoss(x, t, o),
  klDivLoss: ([x, t], o) => klDivLoss(x, t, o),
  cosineEmbeddingLoss: ([a, b, t], o) => cosineEmbeddingLoss(a, b, t, o),
};

const isEncoded = (v: unknown): v is Encoded => typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;
const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, e.dtype);

// The software WebGPU adapter is slow to start; the package's project config keeps vitest's 5 s / 10 s defaults.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const cases = (fixture as unknown as { cases: Case[] }).cases;

await describeBackends('losses match PyTorch 1.13', () => {
  const rtol = 1e-5;
  for (const c of cases) {
    it(c.name, async () => {
      await assertNoLeaks(async () => {
        const args = c.inputs.map(([, e]) => decode(e));
        const options: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(c.options)) options[k] = isEncoded(v) ? decode(v) : v;
        const fn = FNS[c.fn];
        const rest = args.slice(1);
        const loss = fn(args, options);
        const grad = tf.grad((x: tf.Tensor) => tf.sum(fn([x, ...rest], options)))(args[0]);
        try {
          expect(loss.shape).toEqual(c.loss.shape);
          await assertClose(loss, c.loss.data, { rtol, atol: 1e-6, label: `${c.name} loss` });
          // Gradients up to 1e12 (clamped BCE) need a relative criterion only.
          await assertClose(grad, c.grad.data, { rtol, atol: 1e-6, label: `${c.name} grad` });
          expect(grad.shape).toEqual(c.grad.shape);
        } finally {
          tf.dispose([...args, loss, grad, ...Object.values(options).filter((v): v is tf.Tensor => v instanceof tf.Tensor)]);
        }
      }, c.name);
    });
  }
});
