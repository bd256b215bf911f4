import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend, type BackendName } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, describeBackends, maxRelativeError } from '../../testing/index.js';
import {
  convInfoOf,
  preloadBackends,
  describeCase,
  randomConvCase,
  randomValues,
  referenceConv2dBackpropFilter,
  runKernelOn,
  subsampleFilter,
  type ConvCase,
} from './kernel-test-support.js';

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

const EDGE_CASES: ConvCase[] = [
  // stride larger than the kernel
  { xShape: [2, 7, 7, 3], filterShape: [1, 1, 3, 4], strides: [3, 3], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  { xShape: [2, 7, 6, 2], filterShape: [2, 2, 2, 3], strides: [3, 2], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // 1×1 filters, batch 1, a 1×1 image
  { xShape: [1, 5, 5, 4], filterShape: [1, 1, 4, 6], strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  { xShape: [1, 1, 1, 3], filterShape: [1, 1, 3, 2], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // even kernel with 'same' (asymmetric padding), and a filter as large as the image
  { xShape: [1, 6, 5, 2], filterShape: [4, 2, 2, 3], strides: [2, 2], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { xShape: [2, 4, 4, 1], filterShape: [4, 4, 1, 2], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // input rows and columns the forward pass never read (the surplus-output crop)
  { xShape: [1, 6, 6, 1], filterShape: [3, 3, 1, 1], strides: [2, 2], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  // numeric padding with 'ceil' rounding reads past the padded edge
  { xShape: [1, 7, 7, 1], filterShape: [3, 3, 1, 2], strides: [2, 2], dilations: [1, 1], pad: 1, dimRoundingMode: 'ceil', dataFormat: 'NHWC' },
  // explicit padding, NCHW
  { xShape: [2, 3, 6, 5], filterShape: [3, 3, 3, 2], strides: [1, 2], dilations: [1, 1], pad: [[0, 0], [0, 0], [2, 0], [1, 2]], dataFormat: 'NCHW' },
  // dilation together with stride
  { xShape: [1, 11, 10, 2], filterShape: [3, 2, 2, 2], strides: [2, 1], dilations: [2, 3], pad: 'valid', dataFormat: 'NHWC' },
  { xShape: [2, 8, 8, 3], filterShape: [2, 3, 3, 2], strides: [1, 1], dilations: [2, 2], pad: 'same', dataFormat: 'NHWC' },
  // enough channels for XNNPACK's vectorised paths
  { xShape: [3, 9, 9, 8], filterShape: [3, 3, 8, 16], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  // kH·kW·Cin above the patch-product limit: the transposed-convolution path, with stride and dilation
  { xShape: [2, 9, 9, 16], filterShape: [3, 3, 16, 4], strides: [1, 1], dilations: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { xShape: [2, 11, 10, 12], filterShape: [3, 3, 12, 3], strides: [2, 1], dilations: [1, 2], pad: [[0, 0], [1, 0], [2, 1], [0, 0]], dataFormat: 'NHWC' },
];

/** Checks one case on `backend` against the definition and against the cpu backend (< 1e-4 relative). */
async function checkCase(backend: BackendName, c: ConvCase, rng: Rng): Promise<void> {
  const info = convInfoOf(c, false);
  const x = randomValues(rng, size(c.xShape));
  const dy = randomValues(rng, size(info.outShape));
  const inputs = { x: { values: x, shape: c.xShape }, dy: { values: dy, shape: info.outShape } };
  const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat, dimRoundingMode: c.dimRoundingMode, filterShape: c.filterShape };
  const dilated = c.dilations[0] > 1 || c.dilations[1] > 1;
  const actual = await runKernelOn(backend, 'Conv2DBackpropFilter', inputs, dilated ? { ...attrs, dilations: c.dilations } : attrs);
  const label = describeCase(c);
  expect(actual.shape, label).toEqual(c.filterShape);
  expect(await maxRelativeError(actual.values, referenceConv2dBackpropFilter(c, x, dy)), label).toBeLessThan(1e-4);
  // tfjs-backend-cpu has no dilations here; a dilated filter's gradient is the gradient of the
  // zero-spread (dilated-size) filter, subsampled at the taps.
  const [dH, dW] = c.dilations;
  const spread = [(c.filterShape[0] - 1) * dH + 1, (c.filterShape[1] - 1) * dW + 1, c.filterShape[2], c.filterShape[3]];
  const cpu = await runKernelOn('cpu', 'Conv2DBackpropFilter', inputs, { ...attrs, filterShape: spread });
  expect(await maxRelativeError(actual.values, subsampleFilter(cpu.values, spread, dH, dW)), label).toBeLessThan(1e-4);
}

await preloadBackends();

await describeBackends('Conv2DBackpropFilter', (backend) => {
  // SwiftShader WebGPU is slow: tiny cases there. tfjs's own cpu and webgpu kernels take no
  // 'dilations' attribute (tfjs's conv2d gradient requires dilation 1), so dilated cases run on wasm only.
  const webgpu = backend === 'webgpu';
  const dilation = backend === 'wasm';

  it('matches the definition and the cpu backend on seeded random cases', async () => {
    const rng = new Rng(101);
    const count = webgpu ? 6 : 60;
    for (let i = 0; i < count; i++) {
      const c = randomConvCase(rng, { depthwise: false, dilation, nchw: !webgpu, maxExtra: webgpu ? 3 : 8 });
      await checkCase(backend, c, rng);
    }
  }, 300_000);

  it('handles the edge cases (stride > kernel, 1×1, batch 1, surplus rows, NCHW, dilation)', async () => {
    const rng = new Rng(102);
    let cases = EDGE_CASES.filter((c) => dilation || c.dilations.every((d) => d === 1));
    if (webgpu) cases = cases.filter((c) => c.dataFormat === 'NHWC').slice(0, 4);
    for (const c of cases) await checkCase(backend, c, rng);
  }, 300_000);

  it('leaks neither tensors nor backend memory', async () => {
    const rng = new Rng(103);
    const x = tf.tensor(randomValues(rng, 2 * 6 * 6 * 3), [2, 6, 6, 3]);
    const dy = tf.tensor(randomValues(rng, 2 * 3 * 3 * 4), [2, 3, 3, 4]);
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] };
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as tf.NamedAttrMap) as tf.Tensor;
      await out.data();
      out.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([x, dy]);
  }, 60_000);
});

describe('Conv2DBackpropFilter [wasm] input checks', () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });
  const run = (xShape: number[], dyShape: number[], attrs: object, dtype: 'float32' | 'int32' = 'float32'): unknown => {
    return tf.tidy(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.zeros(xShape, dtype), dy: tf.zeros(dyShape) }, attrs as tf.NamedAttrMap));
  };
  const good = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 2, 4] };

  it('rejects a dy whose shape is not the forward output shape', () => {
    expect(() => run([1, 5, 5, 2], [1, 4, 3, 4], good)).toThrow(/'dy' must have the forward convolution's output shape \[1, 3, 3, 4\]; received \[1, 4, 3, 4\]/);
  });
  it('rejects non-positive strides and dilations', () => {
    expect(() => run([1, 5, 5, 2], [1, 3, 3, 4], { ...good, strides: [0, 1] })).toThrow(/'strides' must be a positive integer .* received \[0,1\]/);
    expect(() => run([1, 5, 5, 2], [1, 3, 3, 4], { ...good, dilations: 1.5 })).toThrow(/'dilations' must be a positive integer .* received 1.5/);
  });
  it('rejects int32 input, a filter with the wrong channels, and an unknown data format', () => {
    expect(() => run([1, 5, 5, 2], [1, 3, 3, 4], good, 'int32')).toThrow(/'x' must be float32; received int32/);
    expect(() => run([1, 5, 5, 2], [1, 3, 3, 4], { ...good, filterShape: [3, 3, 3, 4] })).toThrow(/filterShape\[2\].*received filter shape \[3, 3, 3, 4\]/);
    expect(() => run([1, 5, 5, 2], [1, 3, 3, 4], { ...good, dataFormat: 'NCWH' })).toThrow(/'dataFormat' must be 'NHWC' or 'NCHW'; received "NCWH"/);
  });
});
