import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../set-backend.js';
import { assertNoLeaks, describeBackends } from '../../testing/index.js';
import { preloadBackends } from './kernel-test-support.js';

/** TensorFlow's one-hot, as plain loops: indices outside [0, depth) give a row of `off`. */
function reference(indices: number[], depth: number, on: number, off: number): number[] {
  return indices.flatMap((i) => Array.from({ length: depth }, (_, j) => (j === i ? on : off)));
}

beforeAll(preloadBackends);

await describeBackends('OneHot (wasm replacement for float32 and bool outputs)', (backend) => {
  beforeAll(async () => {
    await setBackend(backend);
  });

  const indices = [0, 3, 2, -1, 7, 1, 4, 3];
  for (const dtype of ['float32', 'int32'] as const) {
    for (const [on, off] of [[1, 0], [0.9, 0.025], [-2.5, 3]] as const) {
      if (dtype === 'int32' && !Number.isInteger(on)) continue;
      it(`${dtype}, on ${on}, off ${off}, out-of-range and negative indices`, async () => {
        const t = tf.oneHot(tf.tensor2d(indices, [2, 4], 'int32'), 5, on, off, dtype);
        expect(t.dtype).toBe(dtype);
        expect(t.shape).toEqual([2, 4, 5]);
        const got = Array.from(await t.data());
        const want = reference(indices, 5, on, off);
        for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k]!, 6);
        t.dispose();
      });
    }
  }

  it('bool output', async () => {
    const t = tf.oneHot(tf.tensor1d([1, 0, 5], 'int32'), 3, 1, 0, 'bool');
    expect(t.dtype).toBe('bool');
    expect(Array.from(await t.data())).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0]);
    t.dispose();
  });

  it('float32 one-hot inside a gradient (the cross-entropy pattern) and no leaks', async () => {
    await assertNoLeaks(async () => {
      const [g, want] = tf.tidy(() => {
        const logits = tf.tensor2d([[1, 2, 3], [0.5, -1, 2]]);
        const labels = tf.tensor1d([2, 0], 'int32');
        const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.oneHot(labels, 3, 1, 0, 'float32'), tf.logSoftmax(x))))(logits);
        return [grad, tf.sub(tf.cast(tf.oneHot(labels, 3), 'float32'), tf.softmax(logits))];
      });
      const [a, b] = [await g.data(), await want.data()];
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k]!, 6);
      tf.dispose([g, want]);
    });
  });
});
