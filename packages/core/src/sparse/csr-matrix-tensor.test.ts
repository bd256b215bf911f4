import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { CsrMatrix } from './csr-matrix.js';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { Rng } from '../random/rng.js';

await describeBackends('CsrMatrix.matmulTensor', () => {
  const rng = new Rng(11);
  const [rows, cols, k] = [9, 12, 4];
  const dense = new Float32Array(rows * cols);
  for (let n = 0; n < 30; n++) dense[rng.int(rows * cols)] = rng.normal();
  const a = CsrMatrix.fromDense({ data: dense, shape: [rows, cols] });
  const b = rng.fillNormal(new Float32Array(cols * k));

  it('matches tf.matMul on the dense matrix', async () => {
    await assertNoLeaks(async () => {
      const bt = tf.tensor2d(b, [cols, k]);
      const product = await a.matmulTensor(bt);
      expect(product.shape).toEqual([rows, k]);
      expect(product.dtype).toBe('float32');
      const at = tf.tensor2d(dense, [rows, cols]);
      const expected = tf.matMul(at, bt);
      await assertClose(product, expected, { rtol: 1e-5, atol: 1e-5 });
      const fromArrays = await a.asType('float64').matmulTensor({ data: b, shape: [cols, k] });
      await assertClose(fromArrays, expected, { rtol: 1e-5, atol: 1e-5 });
      tf.dispose([bt, product, at, expected, fromArrays]);
    });
  });

  it('rejects a tensor of the wrong rank, dtype or shape', async () => {
    await assertNoLeaks(async () => {
      const v = tf.tensor1d(new Float32Array(cols));
      const ints = tf.zeros([cols, 2], 'int32') as tf.Tensor2D;
      const wrong = tf.zeros([cols + 1, 2]) as tf.Tensor2D;
      await expect(a.matmulTensor(v as unknown as tf.Tensor2D)).rejects.toThrow(/'b' must be a float32 Tensor2D; received a float32 tensor of shape \[12\]/);
      await expect(a.matmulTensor(ints)).rejects.toThrow(/received a int32 tensor of shape \[12, 2\]/);
      await expect(a.matmulTensor(wrong)).rejects.toThrow(/'b' must have 12 rows to multiply a \[9, 12\] matrix; received shape \[13, 2\]/);
      tf.dispose([v, ints, wrong]);
    });
  });
});
