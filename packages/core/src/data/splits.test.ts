import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { assertClose, assertNoLeaks, describeBackends } from '../testing/index.js';
import { KFold } from './k-fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';
import { trainTestSplit } from './train-test-split.js';
import { trainTestSplitIndices } from './train-test-split-indices.js';

// Written by scripts/fixtures/data_fixture.py (scikit-learn 1.2).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture shapes are checked by the tests below
const fx: any = JSON.parse(readFileSync(new URL('./__fixtures__/splits.json', import.meta.url), 'utf8'));
const opt = (v: number | null): number | undefined => (v === null ? undefined : v);
const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((x, y) => x - y);
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const countBy = (y: (string | number)[], idx: Int32Array, classes: (string | number)[]): number[] =>
  classes.map((c) => Array.from(idx).filter((i) => y[i] === c).length);

describe('trainTestSplit sizes against scikit-learn 1.2', () => {
  for (const c of fx.sizes) {
    it(`n=${c.n} testSize=${c.testSize} trainSize=${c.trainSize}${c.error ? ' (error)' : ''}`, () => {
      const run = (): unknown => trainTestSplitIndices(c.n, { testSize: opt(c.testSize), trainSize: opt(c.trainSize), seed: 3 });
      if (c.error) {
        expect(run).toThrow(/trainTestSplit: /);
        return;
      }
      const { train, test } = run() as { train: Int32Array; test: Int32Array };
      expect([train.length, test.length]).toEqual([c.nTrain, c.nTest]);
      expect(new Set([...train, ...test]).size).toBe(c.nTrain + c.nTest);
      const plain = trainTestSplitIndices(c.n, { testSize: opt(c.testSize), trainSize: opt(c.trainSize), shuffle: false });
      expect([...plain.train, ...plain.test]).toEqual(range(c.nTrain + c.nTest));
    });
  }
});

describe('stratified trainTestSplit class counts against scikit-learn 1.2', () => {
  for (const [i, c] of (fx.stratified as any[]).entries()) {
    it(`case ${i}: ${c.classes.length} classes, testSize=${c.testSize} trainSize=${c.trainSize}${c.tieDependent ? ' (tie)' : ''}`, () => {
      for (const seed of [0, 1, 2]) {
        const { train, test } = trainTestSplitIndices(c.y.length, { testSize: opt(c.testSize), trainSize: opt(c.trainSize), stratify: c.y, seed });
        const tr = countBy(c.y, train, c.classes);
        const te = countBy(c.y, test, c.classes);
        if (!c.tieDependent) {
          expect(tr).toEqual(c.trainCounts);
          expect(te).toEqual(c.testCounts);
        } else {
          // scikit-learn breaks this tie at random: require the same totals and a valid rounding per class.
          const total = c.classes.map((k: string | number) => c.y.filter((v: string | number) => v === k).length);
          expect(tr.reduce((a, b) => a + b, 0)).toBe(c.trainCounts.reduce((a: number, b: number) => a + b, 0));
          tr.forEach((v, k) => expect(Math.abs(v - (total[k] * train.length) / c.y.length)).toBeLessThan(1));
        }
        expect(new Set([...train, ...test]).size).toBe(train.length + test.length);
      }
    });
  }

  it('is reproducible from the seed and differs across seeds', () => {
    const y = range(40).map((i) => i % 3);
    const a = trainTestSplitIndices(40, { stratify: y, seed: 5 });
    expect(trainTestSplitIndices(40, { stratify: y, seed: 5 })).toEqual(a);
    expect(trainTestSplitIndices(40, { stratify: y, seed: 6 }).test).not.toEqual(a.test);
  });

  it('rejects bad input with the argument named', () => {
    expect(() => trainTestSplitIndices(10, { stratify: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] })).toThrow(/every class in 'stratify' needs at least 2 samples; class 1 has 1/);
    expect(() => trainTestSplitIndices(10, { stratify: range(10).map((i) => i % 2), shuffle: false })).toThrow(/'stratify' needs 'shuffle' to be true/);
    expect(() => trainTestSplitIndices(10, { testSize: 1.5 })).toThrow(/'testSize' must be a fraction in \(0, 1\) or an integer count >= 1; received 1.5/);
    expect(() => trainTestSplit([[1, 2, 3], [1, 2]])).toThrow(/'arrays\[1\]' must have as many samples as 'arrays\[0\]' \(3\); received 2/);
    expect(() => trainTestSplit([])).toThrow(/'arrays' must list at least one array to split/);
  });
});

describe('KFold against scikit-learn 1.2', () => {
  for (const c of fx.kfold) {
    it(`n=${c.n} nSplits=${c.nSplits}`, () => {
      const plain = new KFold({ nSplits: c.nSplits }).split(c.n);
      expect(plain.map((f) => Array.from(f.test))).toEqual(c.testFolds);
      for (const seed of [0, 9]) {
        const folds = new KFold({ nSplits: c.nSplits, shuffle: true, seed }).split(c.n);
        expect(folds.map((f) => f.test.length)).toEqual(c.foldSizes);
        expect(sorted(folds.flatMap((f) => Array.from(f.test)))).toEqual(range(c.n));
        for (const f of folds) expect(sorted([...f.train, ...f.test])).toEqual(range(c.n));
        expect(new KFold({ nSplits: c.nSplits, shuffle: true, seed }).split(c.n)).toEqual(folds);
      }
    });
  }

  it('rejects bad options', () => {
    expect(() => new KFold({ nSplits: 1 })).toThrow(/KFold: 'nSplits' must be an integer >= 2 .* received 1/);
    expect(() => new KFold({ seed: 3 })).toThrow(/KFold: 'seed' has no effect without shuffling/);
    expect(() => new KFold({ nSplits: 5 }).split(4)).toThrow(/'nSplits' \(5\) must not exceed the number of samples \(4\)/);
  });
});

describe('StratifiedKFold against scikit-learn 1.2', () => {
  for (const [i, c] of (fx.stratifiedKFold as any[]).entries()) {
    it(`case ${i}: nSplits=${c.nSplits}${c.error ? ' (error)' : ''}`, () => {
      const warnings: string[] = [];
      const make = (shuffle: boolean, seed?: number): StratifiedKFold =>
        new StratifiedKFold({ nSplits: c.nSplits, shuffle, seed, onWarning: (m) => warnings.push(m) });
      if (c.error) {
        expect(() => make(false).split(c.y)).toThrow(/StratifiedKFold.split: /);
        return;
      }
      const plain = make(false).split(c.y);
      expect(plain.map((f) => Array.from(f.test))).toEqual(c.testFolds);
      expect(warnings.length > 0).toBe(c.warned);
      for (const seed of [0, 4]) {
        const folds = make(true, seed).split(c.y);
        expect(folds.map((f) => countBy(c.y, f.test, c.classes))).toEqual(c.foldClassCounts);
        expect(sorted(folds.flatMap((f) => Array.from(f.test)))).toEqual(range(c.y.length));
        expect(make(true, seed).split(c.y)).toEqual(folds);
      }
    });
  }
});

await describeBackends('trainTestSplit on tensors and arrays', () => {
  it('splits every input with the same indices; tensor parts are owned by the caller', async () => {
    await assertNoLeaks(async () => {
      const n = 12;
      const x = tf.tensor2d(range(n).map((i) => [i, -i])); // [n, 2]
      const y = Int32Array.from(range(n));
      const names = range(n).map((i) => `s${i}`);
      const data = { data: Float32Array.from(range(2 * n)), shape: [n, 2] };
      const [xTr, xTe, yTr, yTe, nTr, nTe, dTr, dTe] = trainTestSplit<tf.Tensor | Int32Array | string[] | typeof data>(
        [x, y, names, data], { testSize: 0.25, seed: 11 },
      ) as [tf.Tensor, tf.Tensor, Int32Array, Int32Array, string[], string[], typeof data, typeof data];
      expect(xTr.shape).toEqual([9, 2]);
      expect(xTe.shape).toEqual([3, 2]);
      await assertClose(xTr, Array.from(yTr, (i) => [i, -i]), { rtol: 0, atol: 0 });
      await assertClose(xTe, Array.from(yTe, (i) => [i, -i]), { rtol: 0, atol: 0 });
      expect(nTe).toEqual(Array.from(yTe, (i) => `s${i}`));
      expect(nTr.length).toBe(9);
      expect(Array.from(dTe.data)).toEqual(Array.from(yTe).flatMap((i) => [2 * i, 2 * i + 1]));
      expect(dTr.shape).toEqual([9, 2]);
      expect(sorted([...yTr, ...yTe])).toEqual(range(n));
      tf.dispose([x, xTr, xTe]);
    }, 'trainTestSplit');
  });
});
