import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { ArrayDataset } from './array-dataset.js';
import { DataLoader } from './data-loader.js';
import { TensorDataset, type TensorBatch } from './tensor-dataset.js';

const N = 10;
const D = 3;
// Row i of the features is [i, i + 0.5, i + 0.25]; target i is i * 10.
const featureRows = Array.from({ length: N }, (_, i) => [i, i + 0.5, i + 0.25]);
const targetValues = Int32Array.from({ length: N }, (_, i) => i * 10);

async function firstColumn(batch: TensorBatch): Promise<number[]> {
  const rows = (await batch.features.array()) as number[][];
  return rows.map((r) => r[0]);
}

describe('DataLoader ordering (no tensors)', () => {
  it('visits every sample once per epoch; epochs differ; the same seed repeats them', () => {
    const ds = new ArrayDataset(Array.from({ length: 23 }, (_, i) => i));
    const a = new DataLoader(ds, { batchSize: 5, shuffle: true, seed: 42 });
    const b = new DataLoader(ds, { batchSize: 5, shuffle: true, seed: 42 });
    const epochsA = [0, 1, 2].map(() => [...a].flat());
    const epochsB = [0, 1, 2].map(() => [...b].flat());
    for (const e of epochsA) expect([...e].sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(epochsA).toEqual(epochsB);
    expect(epochsA[0]).not.toEqual(epochsA[1]);
    expect(epochsA[1]).not.toEqual(epochsA[2]);
    expect(a.epoch).toBe(3);
    // An explicit epoch reproduces what the loop saw, and a different seed gives other orders.
    expect([...a.batches(1)].flat()).toEqual(epochsA[1]);
    a.setEpoch(2);
    expect([...a].flat()).toEqual(epochsA[2]);
    expect([...new DataLoader(ds, { batchSize: 5, shuffle: true, seed: 43 })].flat()).not.toEqual(epochsA[0]);
  });

  it('keeps order without shuffle, honours batchSize and dropLast', () => {
    const ds = new ArrayDataset(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect([...new DataLoader(ds, { batchSize: 3 })]).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect([...new DataLoader(ds, { batchSize: 3, dropLast: true })]).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(new DataLoader(ds, { batchSize: 3 }).length).toBe(3);
    expect(new DataLoader(ds, { batchSize: 3, dropLast: true }).length).toBe(2);
    expect(new DataLoader(ds).length).toBe(7);
  });

  it('passes batches and indices through collate', () => {
    const ds = new ArrayDataset([{ w: 'x' }, { w: 'y' }, { w: 'z' }]);
    const loader = new DataLoader(ds, { batchSize: 2, collate: (s, idx) => `${s.map((v) => v.w).join('')}@${idx.join(',')}` });
    expect([...loader]).toEqual(['xy@0,1', 'z@2']);
  });

  it('rejects bad options with the argument named', () => {
    const ds = new ArrayDataset([1, 2, 3]);
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(/DataLoader: 'batchSize' must be a positive integer; received 0/);
    expect(() => new DataLoader(ds, { seed: -1 })).toThrow(/DataLoader: 'seed' must be an integer in \[0, 2\^32 - 1\]; received -1/);
    expect(() => new DataLoader(ds, { shuffle: 1 as never })).toThrow(/'shuffle' must be a boolean; received 1/);
    expect(() => new DataLoader({} as never)).toThrow(/'dataset' must have an integer 'length' and a 'getBatch\(indices\)' method/);
    expect(() => new DataLoader(ds).setEpoch(-1)).toThrow(/'epoch' must be a non-negative integer; received -1/);
    expect(() => new ArrayDataset([1]).get(1)).toThrow(/ArrayDataset.get: 'index' must be an integer in \[0, 1\); received 1/);
  });
});

await describeBackends('TensorDataset + DataLoader', () => {
  it('batches array-backed and tensor-backed data identically, async and sync, without leaks', async () => {
    await assertNoLeaks(async () => {
      const xs = tf.tensor2d(featureRows); // [N, D]
      const ys = tf.tensor1d(targetValues, 'int32'); // [N]
      const fromTensors = new TensorDataset(xs, ys);
      tf.dispose([xs, ys]); // the dataset holds its own clones
      const fromArrays = new TensorDataset(featureRows, targetValues);
      expect(fromArrays.length).toBe(N);
      const opts = { batchSize: 4, shuffle: true, seed: 7 };
      const seen: number[] = [];
      const syncBatches = [...new DataLoader(fromArrays, opts)];
      let b = 0;
      for await (const batch of new DataLoader(fromTensors, opts)) {
        const other = syncBatches[b++];
        expect(batch.features.shape).toEqual([other.features.shape[0], D]);
        expect(batch.targets?.dtype).toBe('int32');
        await assertClose(batch.features, other.features, { rtol: 0, atol: 0 });
        await assertClose(batch.targets!, other.targets!, { rtol: 0, atol: 0 });
        const firsts = await firstColumn(batch);
        await assertClose(batch.targets!, firsts.map((v) => v * 10), { rtol: 0, atol: 0 });
        seen.push(...firsts);
        tf.dispose([batch.features, batch.targets!, other.features, other.targets!]);
      }
      expect(b).toBe(3);
      expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i));
      fromTensors.dispose();
      fromArrays.dispose();
    }, 'DataLoader epoch');
  });

  it('collate runs in tidy: returned tensors survive, the rest is disposed', async () => {
    await assertNoLeaks(async () => {
      const ds = new TensorDataset({ data: Float32Array.from(featureRows.flat()), shape: [N, D] }, targetValues);
      const loader = new DataLoader(ds, {
        batchSize: 5,
        dropLast: true,
        collate: (batch) => ({ x: tf.mul(batch.features, 2), y: tf.oneHot(tf.cast(tf.div(batch.targets!, 10), 'int32'), N) }),
      });
      const out = [...loader];
      expect(out.length).toBe(2);
      await assertClose(out[1].x, featureRows.slice(5).map((r) => r.map((v) => v * 2)), { rtol: 0, atol: 1e-6 });
      const hot = (await out[0].y.array()) as number[][];
      expect(hot.map((r) => r.indexOf(1))).toEqual([0, 1, 2, 3, 4]);
      out.forEach((o) => tf.dispose([o.x, o.y]));
      ds.dispose();
    }, 'collate');
  });

  it('leaves nothing behind when a loop stops early', async () => {
    await assertNoLeaks(async () => {
      const ones = tf.ones([8, 2]);
      const ds = new TensorDataset(ones);
      ones.dispose();
      for await (const batch of new DataLoader(ds, { batchSize: 2 })) {
        expect(batch.targets).toBeUndefined();
        tf.dispose(batch.features);
        break;
      }
      ds.dispose();
    }, 'early break');
  });

  it('rejects mismatched or malformed inputs and disposes what it cloned', async () => {
    await assertNoLeaks(() => {
      const x = tf.zeros([4, 2]);
      expect(() => new TensorDataset(x, [1, 2, 3])).toThrow(/TensorDataset: 'targets' must have as many samples as 'features' \(4\); received 3/);
      x.dispose();
    });
    expect(() => new TensorDataset([[1, 2], [3]])).toThrow(/'features\[1\]' must be an array of length 2 \(ragged input\); received length 1/);
    expect(() => new TensorDataset({ data: new Float32Array(5), shape: [2, 2] })).toThrow(/'features.shape' must be .* whose product is data.length \(5\); received \[2, 2\]/);
    expect(() => new TensorDataset([1, 2]).getBatch(Int32Array.from([2]))).toThrow(/'indices\[0\]' must be in \[0, 2\); received 2/);
  });
});
