/**
 * The wasm Conv2DBackpropInput replacement (XNNPACK for stride 1 NHWC, tfjs's kernel otherwise)
 * against tfjs-backend-cpu's kernel on seeded random cases and edge cases.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, maxRelativeError } from '../../testing/index.js';
import { convInfoOf, describeCase, preloadBackends, randomConvCase, randomValues, runKernelOn, type ConvCase } from './kernel-test-support.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

const EDGE_CASES: ConvCase[] = [
  // LeNet's second layer, shrunk in batch: 5×5, padding 2
  { xShape: [2, 14, 14, 32], filterShape: [5, 5, 32, 64], strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [2, 2], [2, 2], [0, 0]], dataFormat: 'NHWC' },
  // even kernel with 'same' (asymmetric padding), a filter as large as the image
  { xShape: [1, 6, 5, 2], filterShape: [4, 2, 2, 3], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { xShape: [2, 4, 4, 1], filterShape: [4, 4, 1, 2], strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  // an empty dy (the filter is wider than the image): the gradient is zero
  { xShape: [3, 10, 3, 2], filterShape: [4, 3, 2, 3], strides: [1, 1], dilations: [1, 1], pad: 0, dimRoundingMode: 'ceil', dataFormat: 'NHWC' },
  // 1×1 filter and image, batch 1
  { xShape: [1, 1, 1, 3], filterShape: [1, 1, 3, 2], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // padding larger than the kernel reach (the identity cannot express it: tfjs's kernel runs)
  { xShape: [1, 5, 5, 2], filterShape: [2, 2, 2, 2], strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [3, 0], [0, 3], [0, 0]], dataFormat: 'NHWC' },
  // stride 2 and NCHW (tfjs's kernel runs)
  { xShape: [2, 7, 7, 3], filterShape: [3, 3, 3, 4], strides: [2, 2], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { xShape: [2, 3, 6, 5], filterShape: [3, 3, 3, 2], strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NCHW' },
];

/** Runs one case on wasm and on cpu; the results agree to 1e-4 relative. */
async function checkCase(c: ConvCase, rng: Rng): Promise<void> {
  const info = convInfoOf(c, false);
  if (info.outShape.some((d) => d < 0)) return; // the generator's occasional impossible geometry
  const dy = randomValues(rng, size(info.outShape));
  const w = randomValues(rng, size(c.filterShape));
  const inputs = { dy: { values: dy, shape: info.outShape }, filter: { values: w, shape: c.filterShape } };
  const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat, dimRoundingMode: c.dimRoundingMode, inputShape: c.xShape };
  const actual = await runKernelOn('wasm', 'Conv2DBackpropInput', inputs, attrs);
  const expected = await runKernelOn('cpu', 'Conv2DBackpropInput', inputs, attrs);
  const label = describeCase(c);
  expect(actual.shape, label).toEqual(c.xShape);
  expect(await maxRelativeError(actual.values, expected.values), label).toBeLessThan(1e-4);
}

await preloadBackends();

describe('Conv2DBackpropInput [wasm replacement]', () => {
  it('matches the cpu backend on seeded random stride-1 cases', async () => {
    const rng = new Rng(201);
    for (let i = 0; i < 60; i++) {
      const c = { ...randomConvCase(rng, { depthwise: false, dilation: false, nchw: true, maxExtra: 8 }), strides: [1, 1] as [number, number] };
      await checkCase(c, rng);
    }
  }, 300_000);

  it('matches the cpu backend with any stride (fallback included)', async () => {
    const rng = new Rng(202);
    for (let i = 0; i < 30; i++) await checkCase(randomConvCase(rng, { depthwise: false, dilation: false, nchw: true, maxExtra: 8 }), rng);
  }, 300_000);

  it('handles the edge cases (LeNet layer, asymmetric padding, 1×1, fallbacks)', async () => {
    const rng = new Rng(203);
    for (const c of EDGE_CASES) await checkCase(c, rng);
  }, 300_000);

  it('leaks neither tensors nor backend memory', async () => {
    await setBackend('wasm');
    const rng = new Rng(204);
    const dy = tf.tensor(randomValues(rng, 2 * 6 * 6 * 4), [2, 6, 6, 4]);
    const w = tf.tensor(randomValues(rng, 3 * 3 * 3 * 4), [3, 3, 3, 4]);
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [2, 6, 6, 3] };
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, attrs as tf.NamedAttrMap) as tf.Tensor;
      await out.data();
      out.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([dy, w]);
  }, 60_000);
});
