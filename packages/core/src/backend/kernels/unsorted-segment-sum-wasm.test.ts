import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend, type BackendName } from '../set-backend.js';
import { Rng } from '../../random/rng.js';
import { assertNoLeaks, describeBackends, maxRelativeError } from '../../testing/index.js';
import { preloadBackends, randomValues, referenceUnsortedSegmentSum, runKernelOn } from './kernel-test-support.js';

const KERNEL = 'UnsortedSegmentSum';
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

interface SegmentCase {
  xShape: number[];
  idRank: number;
  numSegments: number;
  dtype: 'float32' | 'int32';
}

/**
 * Ids drawn from [−2, numSegments + 2): some negative and some too large, which must be dropped; or,
 * with `inRange`, from [0, numSegments).
 */
function randomIds(rng: Rng, n: number, numSegments: number, inRange: boolean): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = inRange ? rng.int(numSegments) : rng.int(numSegments + 4) - 2;
  return ids;
}

async function checkCase(backend: BackendName, c: SegmentCase, rng: Rng, withCpu: boolean): Promise<void> {
  const idShape = c.xShape.slice(0, c.idRank);
  // tfjs-webgpu's own kernel does not drop out-of-range ids (it returns garbage): in-range ids there.
  const ids = randomIds(rng, size(idShape), c.numSegments, backend === 'webgpu');
  const x =
    c.dtype === 'float32'
      ? randomValues(rng, size(c.xShape))
      : Int32Array.from({ length: size(c.xShape) }, () => rng.int(201) - 100);
  const inputs = { x: { values: x, shape: c.xShape }, segmentIds: { values: ids, shape: idShape } };
  const attrs = { numSegments: c.numSegments };
  const label = JSON.stringify(c);
  const actual = await runKernelOn(backend, KERNEL, inputs, attrs);
  expect(actual.shape, label).toEqual([c.numSegments, ...c.xShape.slice(c.idRank)]);
  // tfjs-backend-cpu returns float32 for int32 data; TensorFlow (and this kernel) keep int32.
  if (c.dtype === 'int32' && backend === 'wasm') expect(actual.values, label).toBeInstanceOf(Int32Array);
  const reference = referenceUnsortedSegmentSum(x, ids, c.numSegments, size(c.xShape.slice(c.idRank)));
  expect(actual.values.length, label).toBe(reference.length);
  expect(await maxRelativeError(actual.values, reference), label).toBeLessThan(1e-4);
  if (withCpu) {
    // tfjs-backend-cpu handles 1-D ids only (it reduces axis 0 alone), so give it the equivalent
    // flattened problem: ids [I], x [I, ...inner].
    const flat = {
      x: { values: x, shape: [ids.length, ...c.xShape.slice(c.idRank)] },
      segmentIds: { values: ids, shape: [ids.length] },
    };
    const cpu = await runKernelOn('cpu', KERNEL, flat, attrs);
    expect(cpu.values.length, label).toBe(reference.length);
    expect(await maxRelativeError(actual.values, cpu.values), label).toBeLessThan(1e-4);
  }
}

await preloadBackends();

await describeBackends(KERNEL, (backend) => {
  const webgpu = backend === 'webgpu';

  it('matches the definition and the cpu backend on seeded random cases (any rank, dropped ids)', async () => {
    const rng = new Rng(401);
    // tfjs's own cpu and webgpu kernels are wrong for ids of rank > 1 (they reduce axis 0 alone;
    // webgpu's shader can fail to compile), so ids of any rank run on wasm, 1-D ids elsewhere; and
    // tfjs-webgpu's kernel returns garbage for int32 data, so webgpu draws float32 only.
    const count = webgpu ? 6 : 50;
    for (let i = 0; i < count; i++) {
      const rank = 1 + rng.int(4);
      const xShape = Array.from({ length: rank }, () => 1 + rng.int(webgpu ? 3 : 5));
      const c: SegmentCase = { xShape, idRank: backend === 'wasm' ? 1 + rng.int(rank) : 1, numSegments: 1 + rng.int(8), dtype: rng.random() < 0.2 && !webgpu ? 'int32' : 'float32' };
      await checkCase(backend, c, rng, true);
    }
  }, 300_000);

  it('computes an embedding gradient: many repeated ids, wide rows', async () => {
    const rng = new Rng(402);
    const c: SegmentCase = webgpu
      ? { xShape: [12, 8], idRank: 1, numSegments: 5, dtype: 'float32' }
      : { xShape: [400, 64], idRank: 1, numSegments: 50, dtype: 'float32' };
    await checkCase(backend, c, rng, true);
  }, 120_000);

  it('leaks neither tensors nor backend memory', async () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ids = tf.tensor1d([2, -1, 2], 'int32');
    const before = tf.engine().backend.numDataIds();
    await assertNoLeaks(async () => {
      const out = tf.unsortedSegmentSum(x, ids, 3);
      expect(await out.array()).toEqual([[0, 0], [0, 0], [6, 8]]);
      out.dispose();
    });
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([x, ids]);
  }, 60_000);
});

describe(`${KERNEL} [wasm] edge cases and input checks`, () => {
  beforeAll(async () => {
    await setBackend('wasm');
  });

  // tfjs-backend-cpu cannot do these (it stacks an empty list), so they are checked against the definition.
  it('handles zero segments and empty inputs', async () => {
    const rng = new Rng(403);
    await checkCase('wasm', { xShape: [4, 3], idRank: 1, numSegments: 0, dtype: 'float32' }, rng, false);
    await checkCase('wasm', { xShape: [0, 3], idRank: 1, numSegments: 4, dtype: 'float32' }, rng, false);
  });

  it('rejects float ids, a non-prefix id shape and a bad numSegments', () => {
    const x = tf.zeros([4, 3]);
    const run = (ids: tf.Tensor, numSegments: number): unknown => tf.engine().runKernel(KERNEL, { x, segmentIds: ids }, { numSegments });
    const f = tf.zeros([4]);
    const wrong = tf.zeros([3], 'int32');
    const good = tf.zeros([4], 'int32');
    expect(() => run(f, 2)).toThrow(/'segmentIds' must be int32; received float32/);
    expect(() => run(wrong, 2)).toThrow(/'segmentIds' shape must be a prefix of x's shape \[4, 3\]; received \[3\]/);
    expect(() => run(good, -1)).toThrow(/'numSegments' must be a non-negative integer; received -1/);
    tf.dispose([x, f, wrong, good]);
  });
});
