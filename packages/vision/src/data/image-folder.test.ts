import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { encodePng } from '../image/encode-png.js';
import { ImageDecodeError, type RawImage } from '../image/raw-image.js';
import { ImageFolder } from './image-folder.js';

let dir: string;
const COUNTS: [string, number][] = [['cat', 7], ['dog', 5]];
/** A 6×4 RGB image whose every pixel is (v, 2v, 3v) mod 256, v = class·50 + index. */
const image = (v: number): RawImage => ({ width: 6, height: 4, channels: 3, data: Uint8Array.from({ length: 72 }, (_, i) => ((i % 3) + 1) * v % 256) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ml-vision-folder-'));
  for (const [ci, [name, n]] of COUNTS.entries()) {
    await mkdir(join(dir, name, 'nested'), { recursive: true });
    for (let i = 0; i < n; i++) {
      // Two files of each class live in a nested folder, as Keras' recursive listing allows.
      const sub = i >= n - 2 ? 'nested' : '';
      await writeFile(join(dir, name, sub, `img${i}.PNG`), encodePng(image(ci * 50 + i)));
    }
    await writeFile(join(dir, name, 'notes.txt'), 'not an image');
  }
  await mkdir(join(dir, 'broken'));
  await writeFile(join(dir, 'broken', 'bad.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0));
  await copyFile(join(__dirname, '..', 'image', '__fixtures__', 'rgb.jpg'), join(dir, 'broken', 'ok.jpg'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('lists classes sorted and files recursively, Keras order', async () => {
  const f = await ImageFolder.fromDirectory(dir, { classes: ['cat', 'dog'], targetSize: [4, 6] });
  expect(f.classNames).toEqual(['cat', 'dog']);
  expect(f.classIndices).toEqual({ cat: 0, dog: 1 });
  expect(f.length).toBe(12);
  const rel = f.filepaths.map((p) => p.slice(dir.length + 1));
  // Root folder files first (sorted), then the nested folder's.
  expect(rel.slice(0, 7)).toEqual(['cat/img0.PNG', 'cat/img1.PNG', 'cat/img2.PNG', 'cat/img3.PNG', 'cat/img4.PNG', 'cat/nested/img5.PNG', 'cat/nested/img6.PNG']);
  expect(Array.from(f.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  const all = await ImageFolder.fromDirectory(dir, { targetSize: [4, 6] });
  expect(all.classNames).toEqual(['broken', 'cat', 'dog']);
});

it('validationSplit as Keras: the first floor(split·n) files of each class are validation', async () => {
  const opts = { classes: ['cat', 'dog'], targetSize: [4, 6] as [number, number], validationSplit: 0.3 };
  const train = await ImageFolder.fromDirectory(dir, { ...opts, subset: 'training' });
  const val = await ImageFolder.fromDirectory(dir, { ...opts, subset: 'validation' });
  // cat: floor(0.3·7) = 2 validation, dog: floor(0.3·5) = 1.
  expect(val.length).toBe(3);
  expect(train.length).toBe(9);
  expect(val.filepaths.map((p) => p.slice(dir.length + 1))).toEqual(['cat/img0.PNG', 'cat/img1.PNG', 'dog/img0.PNG']);
  expect(new Set([...train.filepaths, ...val.filepaths]).size).toBe(12);
});

it('rejects bad options, naming them', async () => {
  await expect(ImageFolder.fromDirectory(dir, { classMode: 'binary' })).rejects.toThrow(/classMode 'binary' needs exactly 2 classes; .* has 3 \[broken, cat, dog\]/);
  await expect(ImageFolder.fromDirectory(dir, { classes: ['cow'] })).rejects.toThrow(/class 'cow' has no sub-folder/);
  await expect(ImageFolder.fromDirectory(join(dir, 'nope'))).rejects.toThrow(/cannot list '.*nope'/);
  await expect(ImageFolder.fromDirectory(dir, { validationSplit: 1 })).rejects.toThrow(/'validationSplit' must be a number in \[0, 1\); received 1/);
});

await describeBackends('ImageFolder batches', () => {
  it('decodes per batch with rescale, colour mode, resize and every classMode', async () => {
    await assertNoLeaks(async () => {
      const base = { classes: ['cat', 'dog'], targetSize: [4, 6] as [number, number], rescale: 1 / 255 };
      const f = await ImageFolder.fromDirectory(dir, { ...base, classMode: 'categorical' });
      const b = f.getBatch(Int32Array.of(7, 1));
      expect(b.features.shape).toEqual([2, 4, 6, 3]);
      const px = b.features.dataSync();
      // dog/img0 (v = 50): (50, 100, 150) / 255
      expect(px[0]).toBeCloseTo(50 / 255, 6);
      expect(px[2]).toBeCloseTo(150 / 255, 6);
      expect(px[72]).toBeCloseTo(1 / 255, 6); // cat/img1 (v = 1)
      expect(b.targets?.arraySync()).toEqual([[0, 1], [1, 0]]);
      tf.dispose([b.features, b.targets as tf.Tensor]);

      for (const [mode, expected, dtype] of [['sparse', [1, 0], 'int32'], ['binary', [1, 0], 'float32']] as const) {
        const g = await ImageFolder.fromDirectory(dir, { ...base, classMode: mode });
        const c = g.getBatch(Int32Array.of(7, 1));
        expect(c.targets?.dtype).toBe(dtype);
        expect(c.targets?.arraySync()).toEqual(expected);
        tf.dispose([c.features, c.targets as tf.Tensor]);
      }
      const none = await ImageFolder.fromDirectory(dir, { ...base, classMode: 'none', colorMode: 'grayscale', targetSize: [2, 3], interpolation: 'area' });
      const d = none.getBatch(Int32Array.of(0));
      expect(d.targets).toBeUndefined();
      expect(d.features.shape).toEqual([1, 2, 3, 1]);
      tf.dispose(d.features);

      // The loader shuffles with its seed: same seed, same order; each batch is decoded when reached.
      const orderOf = async (seed: number): Promise<number[]> => {
        const out: number[] = [];
        for (const batch of f.loader({ batchSize: 5, seed })) {
          const classes = tf.argMax(batch.targets as tf.Tensor, -1);
          out.push(...(await classes.data()));
          tf.dispose([classes, batch.features, batch.targets as tf.Tensor]);
        }
        return out;
      };
      expect(await orderOf(4)).toEqual(await orderOf(4));
    });
  });

  it('names a corrupt file only when its batch is read (streaming)', async () => {
    const f = await ImageFolder.fromDirectory(dir, { classes: ['broken'], targetSize: [5, 5], classMode: 'sparse' });
    expect(f.length).toBe(2);
    const ok = f.getBatch(Int32Array.of(1)); // ok.jpg sorts after bad.png
    expect(ok.features.shape).toEqual([1, 5, 5, 3]);
    tf.dispose([ok.features, ok.targets as tf.Tensor]);
    expect(() => f.getBatch(Int32Array.of(0, 1))).toThrow(ImageDecodeError);
    expect(() => f.getBatch(Int32Array.of(0))).toThrow(/'.*broken\/bad\.png' is a corrupt or truncated PNG/);
  });
});
