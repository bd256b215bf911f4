import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend, type BackendName } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, describeBackends, maxRelativeError } from '../../testing/index.js';
import {
  DEPTHWISE_EDGE_CASES,
  convInfoOf,
  describeCase,
  preloadBackends,
  randomConvCase,
  randomValues,
  referenceDepthwiseBackpropFilter,
  runKernelOn,
  subsampleFilter,
  type ConvCase,
} from './kernel-test-support.js';

const KERNEL = 'DepthwiseConv2dNativeBackpropFilter';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Checks one case on `backend` against the definition and against the cpu backend (< 1e-4 relative). */
async function checkCase(backend: BackendName, c: ConvCase, rng: Rng): Promise<void> {
  const info = convInfoOf(c, true);
  const x = randomValues(rng, size(c.xShape));
  const dy = randomValues(rng, size(info.outShape));
  const inputs = { x: { values: x, shape: c.xShape }, dy: { values: dy, shape: info.outShape } };
  const attrs = { strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode, filterShape: c.filterShape };
  const actual = await runKernelOn(backend, KERNEL, inputs, { ...attrs, dilations: c.dilations });
  const label = describeCase(c);
  expect(actual.shape, label).toEqual(c.filterShape);
  expect(await maxRelativeError(actual.values, referenceDepthwiseBackpropFilter(c, x, dy)), label).toBeLessThan(1e-4);
  // tfjs-backend-cpu's kernel ignores dilations in its loops; a dilated filter's gradient is the
  // gradient of the zero-spread (dilated-size) filter, subsampled at the taps.
  const [dH, dW] = c.dilations;
  const spread = [(c.filterShape[0] - 1) * dH + 1, (c.filterShape[1] - 1) * dW + 1, c.filterShape[2], c.filterShape[3]];
  const cpu = await runKernelOn('cpu', KERNEL, inputs, { ...attrs, filterShape: spread, dilations: 1 });
  expect(await maxRelativeError(actual.values, subsampleFilter(cpu.values, spread, dH, dW)), label).toBeLessThan(1e-4);
}

await preloadBackends();

await describeBackends(KERNEL, (backend) => {
  // SwiftShader WebGPU is slow: tiny cases there. tfjs's cpu kernel (and its gradient, which requires
  // dilation 1) ignores dilations, so dilated cases run on wasm only.
  const webgpu = backend === 'webgpu';
  const dilation = backend === 'wasm';

  it('matches the definition and the cpu backend on seeded random cases', async () => {
    const rng = new Rng(201);
    const count = webgpu ? 6 : 60;
    for (let i = 0; i < count; i++) {
      const c = randomConvCase(rng, { depthwise: true, dilation, nchw: false, maxExtra: webgpu ? 3 : 8 });
      await checkCase(backend, c, rng);
    }
  }, 300_000);

  it('handles the edge cases (multiplier > 1, stride > kernel, 1×1, batch 1, dilation)', async () => {
    const rng = new Rng(202);
    let cases = DEPTHWISE_EDGE_CASES.filter((c) => dilation || c.dilations.every((d) => d === 1));
    if (webgpu) cases = cases.slice(0, 4);
    for (const c of cases) await checkCase(backend, c, rng);
  }, 300_000);

  it('leaks neither tensors nor backend memory', async () => {
    const rng = new Rng(203);
    const x = tf.tensor(randomValues(rng, 2 * 6 * 6 * 3), [2, 6, 6, 3]);
    const dy = tf.tensor(randomValues(rng, 2 * 3 * 3 * 6), [2, 3, 3, 6]);
    const attrs = { strides: 2, dilations: 1, pad: 'same', filterShape: [3, 3, 3, 2] };
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.engine().runKernel(KERNEL, { x, dy }, attrs as tf.NamedAttrMap) as tf.Tensor;
      await out.data();
      out.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([x, dy]);
  }, 60_000);
});

describe(`${KERNEL} [wasm] input checks`, () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });
  const run = (dyShape: number[], attrs: object): unknown =>
    tf.tidy(() => tf.engine().runKernel(KERNEL, { x: tf.zeros([1, 5, 5, 2]), dy: tf.zeros(dyShape) }, attrs as tf.NamedAttrMap));
  const good = { strides: 1, dilations: 1, pad: 'valid', filterShape: [3, 3, 2, 2] };

  it('rejects NCHW, naming the data format', () => {
    expect(() => run([1, 3, 3, 4], { ...good, dataFormat: 'NCHW' })).toThrow(/'dataFormat' must be 'NHWC' \(NCHW is not supported\); received "NCHW"/);
  });
  it('rejects a dy of the wrong shape and a filter with the wrong channels', () => {
    expect(() => run([1, 3, 3, 2], good)).toThrow(/'dy' must have the forward convolution's output shape \[1, 3, 3, 4\]; received \[1, 3, 3, 2\]/);
    expect(() => run([1, 3, 3, 4], { ...good, filterShape: [3, 3, 1, 4] })).toThrow(/filterShape\[2\]/);
  });
});
