/**
 * The wasm Conv2DBackpropInput replacement (XNNPACK for NHWC with any stride, over dy dilated by the
 * stride; tfjs's kernel otherwise) against tfjs-backend-cpu's kernel and a plain-loop reference on
 * seeded random cases and edge cases.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, maxRelativeError } from '../../testing/index.js';
import { forceDilatedPathForTests } from './conv2d-backprop-input-wasm.js';
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
  // stride 2 'same' with an odd image, stride 3 'valid' with rows the forward pass never read
  { xShape: [2, 7, 7, 3], filterShape: [3, 3, 3, 4], strides: [2, 2], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { xShape: [1, 8, 9, 2], filterShape: [2, 3, 2, 3], strides: [3, 3], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  // DCGAN generator layer (ConvTranspose2d 64→32, k 4, 8×8 → 16×16, padding 1) and a mixed stride
  { xShape: [2, 16, 16, 32], filterShape: [4, 4, 32, 64], strides: [2, 2], dilations: [1, 1], pad: [[0, 0], [1, 1], [1, 1], [0, 0]], dataFormat: 'NHWC' },
  { xShape: [2, 9, 7, 3], filterShape: [3, 2, 3, 2], strides: [2, 3], dilations: [1, 1], pad: 1, dimRoundingMode: 'ceil', dataFormat: 'NHWC' },
  // stride larger than the kernel (input pixels no tap reaches get a zero gradient)
  { xShape: [1, 7, 7, 2], filterShape: [1, 1, 2, 2], strides: [3, 3], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  // NCHW (tfjs's kernel runs)
  { xShape: [2, 3, 6, 5], filterShape: [3, 3, 3, 2], strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NCHW' },
];

/** dx[n, ih, iw, ci] = Σ dy[n, oh, ow, co] · w[kh, kw, ci, co] over ih = oh·sH + kh − p_t (NHWC), by the definition. */
function referenceBackpropInput(c: ConvCase, dy: Float32Array, w: Float32Array): Float64Array {
  const info = convInfoOf(c, false);
  const { inChannels: Ci, outChannels: Co, inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, filterHeight: kH, filterWidth: kW } = info;
  const out = new Float64Array(info.batchSize * H * W * Ci);
  for (let n = 0; n < info.batchSize; n++)
    for (let oh = 0; oh < oH; oh++)
      for (let ow = 0; ow < oW; ow++)
        for (let kh = 0; kh < kH; kh++)
          for (let kw = 0; kw < kW; kw++) {
            const ih = oh * info.strideHeight + kh - info.padInfo.top;
            const iw = ow * info.strideWidth + kw - info.padInfo.left;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            for (let ci = 0; ci < Ci; ci++) {
              let sum = 0;
              for (let co = 0; co < Co; co++) sum += (dy[((n * oH + oh) * oW + ow) * Co + co] ?? 0) * (w[((kh * kW + kw) * Ci + ci) * Co + co] ?? 0);
              out[((n * H + ih) * W + iw) * Ci + ci] += sum;
            }
          }
  return out;
}

/** Runs one case on wasm and on cpu (and, for NHWC, the plain-loop reference); the results agree to 1e-4 relative. */
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
  if (c.dataFormat === 'NHWC') {
    expect(await maxRelativeError(actual.values, Float32Array.from(referenceBackpropInput(c, dy, w))), label).toBeLessThan(1e-4);
  }
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

  for (const [stride, path] of [[2, 'phase'], [3, 'phase'], [2, 'dilated'], [3, 'dilated']] as const) {
    it(`matches the cpu backend and the plain loops on seeded random stride-${stride} NHWC cases (${path} path)`, async () => {
      forceDilatedPathForTests(path === 'dilated');
      onTestFinished(() => forceDilatedPathForTests(false));
      const rng = new Rng(205 + stride);
      for (let i = 0; i < 50; i++) {
        const c = randomConvCase(rng, { depthwise: false, dilation: false, nchw: false, maxExtra: 8 });
        // one axis at the stride, the other at 1..3, so that mixed strides are covered too
        const other = 1 + rng.int(3);
        c.strides = rng.random() < 0.5 ? [stride, other] : [other, stride];
        if (i % 3 === 0) c.strides = [stride, stride];
        await checkCase(c, rng);
      }
    }, 300_000);
  }

  it('handles the edge cases (LeNet layer, asymmetric padding, 1×1, fallbacks)', async () => {
    const rng = new Rng(203);
    for (const c of EDGE_CASES) await checkCase(c, rng);
    forceDilatedPathForTests(true);
    onTestFinished(() => forceDilatedPathForTests(false));
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

  it('leaks neither tensors nor backend memory with stride 2', async () => {
    await setBackend('wasm');
    const rng = new Rng(209);
    const dy = tf.tensor(randomValues(rng, 2 * 4 * 4 * 4), [2, 4, 4, 4]);
    const w = tf.tensor(randomValues(rng, 4 * 4 * 3 * 4), [4, 4, 3, 4]);
    const attrs = { strides: 2, pad: [[0, 0], [1, 1], [1, 1], [0, 0]], dataFormat: 'NHWC', inputShape: [2, 8, 8, 3] };
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
