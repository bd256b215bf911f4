import { expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { clipGradNorm, clipGradValue } from './index.js';
import fixture from './__fixtures__/optim.json';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface ClipCase {
  kind: 'norm' | 'value';
  maxNorm?: number;
  normType?: number | 'inf';
  clipValue?: number;
  totalNorm?: number;
  grads: number[][];
}
const clipping = (fixture as unknown as { clipping: { grads: number[][]; shapes: number[][]; cases: ClipCase[] } }).clipping;

await describeBackends('gradient clipping matches PyTorch 1.13', () => {
  for (const c of clipping.cases) {
    const label = c.kind === 'norm' ? `clipGradNorm maxNorm=${c.maxNorm} normType=${c.normType}` : `clipGradValue ${c.clipValue}`;
    it(label, async () => {
      await assertNoLeaks(async () => {
        const grads: tf.NamedTensorMap = { a: tf.tensor(clipping.grads[0], clipping.shapes[0]), b: tf.tensor(clipping.grads[1], clipping.shapes[1]) };
        let clipped: tf.NamedTensorMap;
        let total: tf.Tensor | undefined;
        if (c.kind === 'norm') {
          const res = clipGradNorm(grads, c.maxNorm ?? 0, c.normType === 'inf' ? Infinity : c.normType);
          clipped = res.grads;
          total = res.totalNorm;
          expect(total.shape).toEqual([]);
          await assertClose(total, c.totalNorm ?? NaN, { rtol: 1e-5, label: `${label} total` });
        } else {
          clipped = clipGradValue(grads, c.clipValue ?? 0);
        }
        expect(Object.keys(clipped)).toEqual(['a', 'b']);
        await assertClose(clipped.a, c.grads[0], { rtol: 1e-5, atol: 1e-7, label: `${label} a` });
        await assertClose(clipped.b, c.grads[1], { rtol: 1e-5, atol: 1e-7, label: `${label} b` });
        tf.dispose([...Object.values(grads), ...Object.values(clipped), ...(total ? [total] : [])]);
      }, label);
    });
  }

  it('checks its arguments', () => {
    expect(() => clipGradNorm({}, -1)).toThrow(/clipGradNorm: 'maxNorm' must be a finite number >= 0; received -1/);
    expect(() => clipGradNorm({}, 1, 0)).toThrow(/'normType' must be a positive number or Infinity; received 0/);
    expect(() => clipGradValue({}, Number.NaN)).toThrow(/clipGradValue: 'clipValue' must be a finite number >= 0/);
  });

  it('gives a zero norm for no gradients', async () => {
    const { grads, totalNorm } = clipGradNorm({}, 1);
    expect(grads).toEqual({});
    expect(await totalNorm.data()).toEqual(new Float32Array([0]));
    totalNorm.dispose();
  });
});
