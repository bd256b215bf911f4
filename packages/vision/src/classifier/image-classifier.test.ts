import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Rng, tf } from '@ml/core';
import { assertNoLeaks, describeBackends } from '@ml/core/testing';
import { ImageClassifier } from './image-classifier.js';
import { ImageArrayDataset } from '../data/image-array-dataset.js';
import { readCsvPixels } from '../data/read-csv-pixels.js';
import { compose, randomShift } from '../augment/transforms.js';
import type { RawImage } from '../image/raw-image.js';
import type { ImageDataset } from '../data/image-dataset.js';

// scikit-learn's 8×8 digits (see __fixtures__/DIGITS-LICENSE.md): 64 values 0–16, then the label.
const digits = await readCsvPixels(join(__dirname, '__fixtures__', 'digits.csv.gz'), { height: 8, width: 8, labelColumn: 'last', header: false });

const all = new ImageArrayDataset(digits.images, digits.labels, { rescale: 1 / 16 });

function split(seed: number, testFraction: number, trainSize = all.length): { train: ImageDataset; test: ImageDataset } {
  const order = new Rng(seed).permutation(all.length);
  const nTest = Math.round(all.length * testFraction);
  return { train: all.subset(order.subarray(nTest, Math.min(all.length, nTest + trainSize))), test: all.subset(order.subarray(0, nTest)) };
}

describe('digits data', () => {
  it('reads the 1,797 scikit-learn digits from the gzipped CSV', () => {
    expect(digits.images.shape).toEqual([1797, 8, 8, 1]);
    expect(digits.labels.length).toBe(1797);
    expect(Array.from(digits.images.data.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(digits.labels[0]).toBe(0);
    expect(digits.labels[1796]).toBe(8);
  });
});

await describeBackends('ImageClassifier', (backend) => {
  // Training LeNet on the cpu backend takes minutes (≈40× slower convolutions than wasm, see
  // TOOLCHAIN.md) and software WebGPU is slower still; the learning test runs on wasm, the API
  // tests everywhere.
  const learn = backend === 'wasm' ? it : it.skip;
  learn('LeNet reaches >= 97% test accuracy on the 8×8 digits (seeded 80/20 split)', async () => {
    const { train, test } = split(0, 0.2);
    const clf = new ImageClassifier({ architecture: 'lenet', seed: 1, network: { dropout: 0.25 } });
    await clf.fit(train, { epochs: 12, batchSize: 32, lr: 2e-3 });
    const result = await clf.evaluate(test);
    console.log(`digits LeNet [${backend}]: test accuracy ${result.accuracy.toFixed(4)} on ${result.samples} images`);
    expect(result.samples).toBe(359);
    expect(result.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(359);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.97);
    clf.dispose();
  });

  it('fits every architecture, predicts top-k, evaluates, saves and reloads with class names and preprocessing', async () => {
    const { train: small, test } = split(3, 0.1, 96);
    const named = { ...small, classNames: 'zero one two three four five six seven eight nine'.split(' ') };
    const dir = await mkdtemp(join(tmpdir(), 'ml-vision-'));
    try {
      await assertNoLeaks(async () => {
        for (const architecture of ['lenet', 'vgg', 'resnet'] as const) {
          const clf = new ImageClassifier({ architecture, seed: 2, network: architecture === 'lenet' ? {} : { channels: [8, 16] } });
          await clf.fit(named, { epochs: 1, batchSize: 32, validationData: { ...test, classNames: named.classNames }, augmentation: compose([randomShift({ width: 0.1, height: 0.1 })]) });
          expect(clf.history.valMetrics.accuracy).toHaveLength(1);
          const img: RawImage = { width: 8, height: 8, channels: 1, data: Uint8Array.from(digits.images.data.subarray(0, 64), (v) => Math.round((v * 255) / 16)) };
          const preds = await clf.predict([img, img], { topK: 3 });
          expect(preds).toHaveLength(2);
          expect(preds[0].top).toHaveLength(3);
          expect(preds[0].top[0].probability).toBeGreaterThanOrEqual(preds[0].top[1].probability);
          expect(named.classNames).toContain(preds[0].label);
          const batch = test.getBatch(Int32Array.from({ length: 20 }, (_, i) => i));
          const before = await clf.predict(batch.features as tf.Tensor4D, { topK: 2 });
          await clf.save(join(dir, architecture));
          const loaded = await ImageClassifier.load(join(dir, architecture));
          expect(loaded.classNames).toEqual(named.classNames);
          expect(loaded.preprocessing).toEqual(clf.preprocessing);
          const after = await loaded.predict(batch.features as tf.Tensor4D, { topK: 2 });
          after.forEach((p, i) => {
            expect(p.label).toBe(before[i].label);
            expect(p.probability).toBeCloseTo(before[i].probability, 5);
          });
          const fromBytes = ImageClassifier.fromBytes(await clf.toBytes());
          expect((await fromBytes.predict(batch.features as tf.Tensor4D))[0].label).toBe(before[0].label);
          tf.dispose([batch.features, batch.targets as tf.Tensor]);
          for (const c of [clf, loaded, fromBytes]) c.dispose();
        }
      }, 'fit/predict/save/load');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('trains on one-hot and 0/1 targets too (ImageFolder categorical and binary modes)', async () => {
    const { train } = split(4, 0.1, 64);
    const twoClass = all.subset(Array.from(all.labels.keys()).filter((i) => all.labels[i] < 2).slice(0, 64));
    const oneHot = { ...train, getBatch: (idx: Int32Array) => {
      const b = train.getBatch(idx);
      const t = tf.tidy(() => tf.cast(tf.oneHot(b.targets as tf.Tensor1D, 10), 'float32'));
      (b.targets as tf.Tensor).dispose();
      return { features: b.features, targets: t };
    } };
    const binary = { ...twoClass, classNames: ['0', '1'], getBatch: (idx: Int32Array) => {
      const b = twoClass.getBatch(idx);
      const t = tf.cast(b.targets as tf.Tensor, 'float32');
      (b.targets as tf.Tensor).dispose();
      return { features: b.features, targets: t };
    } };
    await assertNoLeaks(async () => {
      for (const data of [oneHot, binary]) {
        const clf = new ImageClassifier({ seed: 0 });
        await clf.fit(data, { epochs: 1, batchSize: 16 });
        const r = await clf.evaluate(data);
        expect(r.samples).toBe(64);
        expect(r.confusionMatrix).toHaveLength(data.classNames.length);
        expect(await clf.predict([])).toEqual([]);
        clf.dispose();
      }
    });
  });

  it('names the problem for bad input', async () => {
    const clf = new ImageClassifier();
    await expect(clf.predict([])).rejects.toThrow(/not fitted/);
    const { train } = split(0, 0.5);
    await expect(clf.fit(train, { epochs: 0 })).rejects.toThrow(/'epochs' must be a positive integer; received 0/);
    await expect(new ImageClassifier({ architecture: 'alexnet' as 'lenet' }).fit(train, { epochs: 1 })).rejects.toThrow(/'architecture' must be 'lenet', 'vgg' or 'resnet'; received alexnet/);
    const unlabelled = { ...train, getBatch: (idx: Int32Array) => {
      const b = train.getBatch(idx);
      (b.targets as tf.Tensor).dispose();
      return { features: b.features };
    } };
    const noTargets = new ImageClassifier();
    await expect(noTargets.fit(unlabelled, { epochs: 1 })).rejects.toThrow(/yields no targets \(ImageFolder classMode 'none'\?\)/);
    noTargets.dispose();
  });
});
