import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Linear } from '../nn/layers/linear.js';
import { BatchNorm1d } from '../nn/layers/batch-norm1d.js';
import { Sequential } from '../nn/sequential.js';
import { assertNoLeaks, describeBackends } from '../testing/index.js';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';
import { stateDictTensors } from './state-dict-tensors.js';

await describeBackends('stateDictTensors', () => {
  it('gives every parameter and buffer in state-dict order, with their values, and disposes its copies', async () => {
    const model = new Sequential(new Linear(3, 2, { seed: 1 }), new BatchNorm1d(2));
    const want = model.stateDict();
    const names = Object.keys(want);
    const shapes = names.map((n) => want[n]!.shape);
    const values = await Promise.all(names.map(async (n) => Array.from(await want[n]!.data())));
    tf.dispose(Object.values(want));
    expect(names.some((n) => n.toLowerCase().includes('running'))).toBe(true); // buffers too
    await assertNoLeaks(async () => {
      const tensors = await stateDictTensors(model);
      expect(Object.keys(tensors)).toEqual(names);
      names.forEach((n, i) => {
        expect(tensors[n]!.shape).toEqual(shapes[i]);
        expect(Array.from(tensors[n]!.data as ArrayLike<number>)).toEqual(values[i]);
      });
      // What it returns is what writeSafetensors takes.
      const file = readSafetensors(writeSafetensors(tensors));
      expect([...file.tensors.keys()].sort()).toEqual([...names].sort());
    });
    model.dispose();
  });
});
