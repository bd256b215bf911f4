import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { fromTensor } from './from-tensor.js';
import { toTensor } from './to-tensor.js';
import { readSafetensors } from './read-safetensors.js';
import { writeSafetensors } from './write-safetensors.js';
import { SafetensorsError } from './safetensors-error.js';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';

await describeBackends('safetensors ↔ tfjs tensors', () => {
  it('round-trips float32, int32 and bool tensors through a file', async () => {
    await assertNoLeaks(async () => {
      const w = tf.tensor2d([[0.5, -1.25, 3], [1e-3, 2, -0]]);
      const ids = tf.tensor1d([3, -7, 2147483647], 'int32');
      const mask = tf.tensor1d([true, false, true], 'bool');
      const bytes = writeSafetensors({
        w: await fromTensor(w),
        'w.half': await fromTensor(w, { dtype: 'F16' }),
        ids: await fromTensor(ids, { dtype: 'I64' }),
        mask: await fromTensor(mask),
      });
      const { tensors } = readSafetensors(bytes);
      expect(tensors.get('ids')?.dtype).toBe('I64');
      const back = [...tensors].map(([name, entry]) => [name, toTensor(entry, name)] as const);
      const get = (name: string): tf.Tensor => back.find(([n]) => n === name)?.[1] as tf.Tensor;
      await assertClose(get('w'), w, { rtol: 0, atol: 0 });
      await assertClose(get('w.half'), w, { rtol: 1e-3, atol: 1e-6 });
      expect(get('ids').dtype).toBe('int32');
      expect(await get('ids').array()).toEqual([3, -7, 2147483647]);
      expect(get('mask').dtype).toBe('bool');
      expect(await get('mask').array()).toEqual([1, 0, 1]);
      expect(get('w').shape).toEqual([2, 3]);
      tf.dispose([w, ids, mask, ...back.map(([, t]) => t)]);
    });
  });

  it('turns F64, small integers and U8 into float32 and int32 tensors', async () => {
    await assertNoLeaks(async () => {
      const f64 = toTensor({ dtype: 'F64', shape: [2], data: Float64Array.of(0.1, 1e300) });
      const i8 = toTensor({ dtype: 'I8', shape: [2], data: Int8Array.of(-128, 5) });
      const scalar = toTensor({ dtype: 'F32', shape: [], data: Float32Array.of(4) });
      expect(f64.dtype).toBe('float32');
      expect(await f64.data()).toEqual(Float32Array.of(0.1, Infinity));
      expect(i8.dtype).toBe('int32');
      expect(Array.from(await i8.data())).toEqual([-128, 5]);
      expect(scalar.rank).toBe(0);
      tf.dispose([f64, i8, scalar]);
    });
  });

  it('rejects values and dtypes tfjs cannot hold', async () => {
    expect(() => toTensor({ dtype: 'U32', shape: [1], data: Uint32Array.of(4294967295) }, 'big')).toThrow(
      "toTensor: 'big' (U32) holds 4294967295 at flat index 0, beyond the int32 range of tfjs",
    );
    const w = tf.tensor1d([1, 2]);
    await expect(fromTensor(w, { dtype: 'I32' })).rejects.toThrow(SafetensorsError);
    await expect(fromTensor(w, { dtype: 'I32' })).rejects.toThrow("a float32 tensor can be stored as F32, F16, BF16, F64; received 'dtype' \"I32\"");
    const c = tf.tensor1d(['a', 'b'], 'string');
    await expect(fromTensor(c)).rejects.toThrow("fromTensor: tensors of dtype 'string' cannot be stored");
    tf.dispose([w, c]);
  });
});
