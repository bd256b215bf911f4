/**
 * Every layer against PyTorch 1.13 (scripts/fixtures/nn_fixture.py): forward output, gradients of
 * sum(output · cotangent) w.r.t. the input and every parameter, and running statistics after the step.
 *
 * Tolerance: |actual − expected| ≤ 1e-5·(|expected| + max|expected|), i.e. relative error 1e-5 at the
 * tensor's scale (the reference is float64, ours float32; entries near zero are compared at the
 * tensor's scale because float32 sums of mixed-sign terms leave absolute, not relative, error).
 * The same tolerance holds on cpu, wasm and WebGPU (SwiftShader) for every case.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { fromTorchStateDict } from './from-torch-state-dict.js';
import type { AnyModule, StateDict } from './module.js';
import * as nn from './index.js';

interface Encoded {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: number[];
}
interface Case {
  torch: string;
  training: boolean;
  state: Record<string, Encoded>;
  input: Encoded;
  cotangent: Encoded;
  output: Encoded;
  grads: Record<string, Encoded>;
  stateAfter?: Record<string, Encoded>;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/nn-layers.json', import.meta.url), 'utf8')) as {
  cases: Record<string, Case>;
};

const decode = (e: Encoded): tf.Tensor => tf.tensor(e.data, e.shape, e.dtype);
const decodeDict = (d: Record<string, Encoded>): StateDict =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, decode(v)]));

const seed = 1;
const FACTORIES: Record<string, () => AnyModule> = {
  linear: () => new nn.Linear(3, 4, { seed }),
  linear_3d_nobias: () => new nn.Linear(3, 2, { bias: false, seed }),
  embedding_padding: () => new nn.Embedding(5, 3, { paddingIdx: 1, seed }),
  conv1d: () => new nn.Conv1d(2, 3, 3, { stride: 2, padding: 1, seed }),
  conv1d_same_dilated: () => new nn.Conv1d(2, 2, 3, { padding: 'same', dilation: 2, seed }),
  conv1d_depthwise: () => new nn.Conv1d(2, 4, 2, { groups: 2, bias: false, seed }),
  conv2d: () => new nn.Conv2d(2, 3, 3, { stride: [2, 1], padding: [1, 0], seed }),
  conv2d_same_dilated: () => new nn.Conv2d(2, 2, [3, 2], { padding: 'same', dilation: [2, 1], seed }),
  conv2d_strided_dilated: () => new nn.Conv2d(1, 2, 2, { stride: 2, dilation: 2, seed }),
  conv2d_depthwise: () => new nn.Conv2d(2, 4, 3, { stride: 2, padding: 1, groups: 2, seed }),
  conv2d_grouped: () => new nn.Conv2d(4, 6, [2, 3], { groups: 2, seed }),
  conv_transpose2d: () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1, seed }),
  conv_transpose2d_grouped_dilated: () =>
    new nn.ConvTranspose2d(4, 2, [2, 3], { stride: [1, 2], padding: [0, 1], outputPadding: [1, 0], dilation: 2, groups: 2, seed }),
  conv_transpose2d_plain: () => new nn.ConvTranspose2d(1, 2, 2, { bias: false, seed }),
  max_pool2d: () => new nn.MaxPool2d(3, { stride: 2, padding: 1 }),
  max_pool1d: () => new nn.MaxPool1d(2),
  avg_pool2d: () => new nn.AvgPool2d(3, { stride: 2, padding: 1 }),
  avg_pool2d_exclude_pad: () => new nn.AvgPool2d([3, 2], { stride: [2, 1], padding: 1, countIncludePad: false }),
  avg_pool1d: () => new nn.AvgPool1d(3, { stride: 1, padding: 1 }),
  adaptive_avg_pool2d: () => new nn.AdaptiveAvgPool2d([2, 3]),
  adaptive_avg_pool2d_global: () => new nn.AdaptiveAvgPool2d(1),
  adaptive_avg_pool1d: () => new nn.AdaptiveAvgPool1d(3),
  batch_norm1d_train: () => new nn.BatchNorm1d(3),
  batch_norm1d_train_3d_cma: () => new nn.BatchNorm1d(3, { momentum: null }),
  batch_norm2d_train: () => new nn.BatchNorm2d(2),
  batch_norm2d_eval: () => new nn.BatchNorm2d(2),
  layer_norm: () => new nn.LayerNorm([4, 3]),
  layer_norm_no_affine: () => new nn.LayerNorm(5, { eps: 1e-3, elementwiseAffine: false }),
  upsample_nearest_scale2: () => new nn.Upsample({ scaleFactor: 2, mode: 'nearest' }),
  upsample_nearest_size: () => new nn.Upsample({ size: [5, 7], mode: 'nearest' }),
  upsample_bilinear_size: () => new nn.Upsample({ size: [5, 7], mode: 'bilinear', alignCorners: false }),
  upsample_bilinear_align: () => new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: true }),
  pixel_shuffle: () => new nn.PixelShuffle(2),
  relu: () => new nn.ReLU(),
  leaky_relu: () => new nn.LeakyReLU({ negativeSlope: 0.2 }),
  gelu: () => new nn.GELU(),
  gelu_tanh: () => new nn.GELU({ approximate: 'tanh' }),
  silu: () => new nn.SiLU(),
  tanh: () => new nn.Tanh(),
  sigmoid: () => new nn.Sigmoid(),
  softmax: () => new nn.Softmax({ dim: -1 }),
  softmax_dim0: () => new nn.Softmax({ dim: 0 }),
  log_softmax: () => new nn.LogSoftmax({ dim: 1 }),
  log_softmax_dim0: () => new nn.LogSoftmax({ dim: 0 }),
};

async function expectClose(actual: tf.Tensor, expected: tf.Tensor, label: string, tol: number): Promise<void> {
  const scale = Array.from(await expected.data()).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  await assertClose(actual, expected, { rtol: tol, atol: tol * scale, label });
}

/** Loads the case's PyTorch state, runs forward + backward, compares everything; disposes all it made. */
async function checkCase(name: string): Promise<void> {
  const c = fixture.cases[name];
  const tol = 1e-5;
  const module = FACTORIES[name]();
  module.train(c.training);
  const torchState = decodeDict(c.state);
  const converted = fromTorchStateDict(module, torchState);
  module.loadStateDict(converted);
  tf.dispose([...Object.values(torchState), ...Object.values(converted)]);

  const input = decode(c.input);
  const cotangent = decode(c.cotangent);
  const inputVar = input.dtype === 'float32' ? tf.variable(input) : null;
  const params = module.namedParameters();
  const xs = [...(inputVar === null ? [] : [inputVar]), ...params.map(([, v]) => v)];
  let output: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    output = tf.keep(module.forward(inputVar ?? input) as tf.Tensor);
    return tf.sum(tf.mul(output, cotangent)) as tf.Scalar;
  }, xs);

  const expectedGrads = decodeDict(c.grads);
  const convertedGrads = fromTorchStateDict(module, expectedGrads);
  const expectedOutput = decode(c.output);
  try {
    await expectClose(output as tf.Tensor, expectedOutput, `${name} output`, tol);
    if (inputVar !== null) await expectClose(grads[inputVar.name], convertedGrads.input, `${name} grad input`, tol);
    for (const [pname, v] of params) {
      expect(grads[v.name], `${name}: no gradient for ${pname}`).toBeDefined();
      await expectClose(grads[v.name], convertedGrads[pname], `${name} grad ${pname}`, tol);
    }
    expect(Object.keys(grads).length).toBe(xs.length);
    if (c.stateAfter !== undefined) {
      const after = decodeDict(c.stateAfter);
      const expectedAfter = fromTorchStateDict(module, after);
      const actualAfter = module.stateDict();
      for (const key of Object.keys(actualAfter)) {
        await expectClose(actualAfter[key], expectedAfter[key], `${name} state ${key} after forward`, tol);
      }
      tf.dispose([...Object.values(after), ...Object.values(expectedAfter), ...Object.values(actualAfter)]);
    }
  } finally {
    tf.dispose([value, input, cotangent, expectedOutput, ...Object.values(grads), ...Object.values(expectedGrads)]);
    tf.dispose([...Object.values(convertedGrads), output as tf.Tensor]);
    inputVar?.dispose();
    module.dispose();
  }
}


await describeBackends('nn layers match PyTorch 1.13', () => {
  it('has a factory for every fixture case', () => {
    expect(Object.keys(FACTORIES).sort()).toEqual(Object.keys(fixture.cases).sort());
  });

  for (const name of Object.keys(FACTORIES)) {
    it(`${name}: ${fixture.cases[name]?.torch ?? '?'}`, async () => {
      // On wasm this needs the training kernels from src/backend/kernels; a missing one must fail here.
      await assertNoLeaks(() => checkCase(name), name);
    }, 60_000);
  }
});
