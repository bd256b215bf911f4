import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend, type BackendName } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, describeBackends, maxRelativeError } from '../../testing/index.js';
import {
  DEPTHWISE_EDGE_CASES,
  convInfoOf,
  describeCase,
  dilateFilter,
  preloadBackends,
  randomConvCase,
  randomValues,
  referenceDepthwiseBackpropInput,
  runKernelOn,
  type ConvCase,
} from './kernel-test-support.js';

const KERNEL = 'DepthwiseConv2dNativeBackpropInput';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Checks one case on `backend` against the definition and against the cpu backend (< 1e-4 relative). */
async function checkCase(backend: BackendName, c: ConvCase, rng: Rng): Promise<void> {
  const info = convInfoOf(c, true);
  const w = randomValues(rng, size(c.filterShape));
  const dy = randomValues(rng, size(info.outShape));
  const attrs = { strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode, inputShape: c.xShape };
  const inputs = { dy: { values: dy, shape: info.outShape }, filter: { values: w, shape: c.filterShape } };
  const actual = await runKernelOn(backend, KERNEL, inputs, { ...attrs, dilations: c.dilations });
  const label = describeCase(c);
  expect(actual.shape, label).toEqual(c.xShape);
  expect(await maxRelativeError(actual.values, referenceDepthwiseBackpropInput(c, dy, w)), label).toBeLessThan(1e-4);
  // tfjs-backend-cpu's kernel ignores dilations in its loops; a dilated filter acts as its
  // zero-spread (dilated-size) filter with dilation 1.
  const spread = dilateFilter(w, c.filterShape, c.dilations[0], c.dilations[1]);
  const cpu = await runKernelOn('cpu', KERNEL, { dy: inputs.dy, filter: spread }, { ...attrs, dilations: 1 });
  expect(await maxRelativeError(actual.values, cpu.values), label).toBeLessThan(1e-4);
}

await preloadBackends();

await describeBackends(KERNEL, (backend) => {
  // SwiftShader WebGPU is slow: tiny cases there. tfjs's cpu kernel (and its gradient, which requires
  // dilation 1) ignores dilations, so dilated cases run on wasm only.
  const webgpu = backend === 'webgpu';
  const dilation = backend === 'wasm';

  it('matches the definition and the cpu backend on seeded random cases', async () => {
    const rng = new Rng(301);
    const count = webgpu ? 6 : 60;
    for (let i = 0; i < count; i++) {
      const c = randomConvCase(rng, { depthwise: true, dilation, nchw: false, maxExtra: webgpu ? 3 : 8 });
      await checkCase(backend, c, rng);
    }
  }, 300_000);

  it('handles the edge cases (multiplier > 1, stride > kernel, 1×1, batch 1, dilation)', async () => {
    const rng = new Rng(302);
    let cases = DEPTHWISE_EDGE_CASES.filter((c) => dilation || c.dilations.every((d) => d === 1));
    if (webgpu) cases = cases.slice(0, 4);
    for (const c of cases) await checkCase(backend, c, rng);
  }, 300_000);

  it('leaks neither tensors nor backend memory', async () => {
    const rng = new Rng(303);
    const dy = tf.tensor(randomValues(rng, 2 * 3 * 3 * 6), [2, 3, 3, 6]);
    const w = tf.tensor(randomValues(rng, 3 * 3 * 3 * 2), [3, 3, 3, 2]);
    const attrs = { strides: 2, dilations: 1, pad: 'same', inputShape: [2, 6, 6, 3] };
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.engine().runKernel(KERNEL, { dy, filter: w }, attrs as tf.NamedAttrMap) as tf.Tensor;
      await out.data();
      out.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([dy, w]);
  }, 60_000);
});

describe(`${KERNEL} [wasm] input checks`, () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });
  const run = (dyShape: number[], filterShape: number[], attrs: object): unknown =>
    tf.tidy(() => tf.engine().runKernel(KERNEL, { dy: tf.zeros(dyShape), filter: tf.zeros(filterShape) }, attrs as tf.NamedAttrMap));
  const good = { strides: 1, dilations: 1, pad: 'valid', inputShape: [1, 5, 5, 2] };

  it('rejects NCHW, naming the data format', () => {
    expect(() => run([1, 3, 3, 4], [3, 3, 2, 2], { ...good, dataFormat: 'NCHW' })).toThrow(/'dataFormat' must be 'NHWC' \(NCHW is not supported\); received "NCHW"/);
  });
  it('rejects a dy of the wrong shape, a bad inputShape and int32 filters', () => {
    expect(() => run([1, 3, 3, 2], [3, 3, 2, 2], good)).toThrow(/'dy' must have the forward convolution's output shape \[1, 3, 3, 4\]; received \[1, 3, 3, 2\]/);
    expect(() => run([1, 3, 3, 4], [3, 3, 2, 2], { ...good, inputShape: [5, 5, 2] })).toThrow(/'inputShape' must be 4 non-negative integers; received \[5,5,2\]/);
    expect(() =>
      tf.tidy(() => tf.engine().runKernel(KERNEL, { dy: tf.zeros([1, 3, 3, 4]), filter: tf.zeros([3, 3, 2, 2], 'int32') }, good as tf.NamedAttrMap)),
    ).toThrow(/'filter' must be float32; received int32/);
  });
});
