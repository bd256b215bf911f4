// Pure array code, no tensors: runs once, not per backend.
import { describe, expect, it } from 'vitest';
import { makeWindows, MAKE_WINDOWS_DEFAULTS } from './make-windows.js';
import { trainTestSplitByTime } from './train-test-split-by-time.js';

describe('makeWindows', () => {
  it('cuts a univariate series into [N, lookback, 1] inputs and [N, horizon] targets', () => {
    const s = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const w = makeWindows(s, { lookback: 3, horizon: 2, stride: 2 });
    // N = floor((10 - 3 - 2) / 2) + 1 = 3
    expect(w.inputs.shape).toEqual([3, 3, 1]);
    expect(w.targets.shape).toEqual([3, 2]);
    expect(Array.from(w.inputs.data)).toEqual([0, 1, 2, 2, 3, 4, 4, 5, 6]);
    expect(Array.from(w.targets.data)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(Array.from(w.targetStart)).toEqual([3, 5, 7]);
    expect(MAKE_WINDOWS_DEFAULTS).toEqual({ horizon: 1, stride: 1, targetColumn: 0 });
    const one = makeWindows(s, { lookback: 9 });
    expect(one.inputs.shape).toEqual([1, 9, 1]);
    expect(Array.from(one.targets.data)).toEqual([9]);
  });

  it('keeps all features of a multivariate series and takes targets from targetColumn', () => {
    const s = Array.from({ length: 6 }, (_, t) => [t, 10 * t, -t]);
    const w = makeWindows(s, { lookback: 2, horizon: 1, targetColumn: 1 });
    expect(w.inputs.shape).toEqual([4, 2, 3]);
    expect(Array.from(w.inputs.data.subarray(0, 6))).toEqual([0, 0, -0, 1, 10, -1]);
    expect(Array.from(w.inputs.data.subarray(18, 24))).toEqual([3, 30, -3, 4, 40, -4]);
    expect(Array.from(w.targets.data)).toEqual([20, 30, 40, 50]);
  });

  it('names the argument, the expectation and the value in errors', () => {
    expect(() => makeWindows([1, 2, 3], { lookback: 3 })).toThrow(/'series' must hold at least lookback \+ horizon = 4 time steps; received 3/);
    expect(() => makeWindows([1, 2, 3], { lookback: 0 })).toThrow(/'lookback' must be an integer >= 1; received 0/);
    expect(() => makeWindows([1, 2, 3], { lookback: 1, stride: 1.5 })).toThrow(/'stride' must be an integer >= 1; received 1.5/);
    expect(() => makeWindows([[1, 2], [3, 4], [5, 6]], { lookback: 1, targetColumn: 2 })).toThrow(/'targetColumn' must be < the number of features \(2\); received 2/);
    expect(() => makeWindows([1, Number.NaN, 3], { lookback: 1 })).toThrow(/'series\[1\]' must be a finite number; received NaN/);
    expect(() => makeWindows([[1, 2], [3]], { lookback: 1 })).toThrow(/'series\[1\]' must be a row of 2 features/);
  });
});

describe('trainTestSplitByTime', () => {
  it('keeps the order and puts the last testSize steps in the test part', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(trainTestSplitByTime(s, { testSize: 3 })).toEqual({ train: [1, 2, 3, 4, 5, 6, 7], test: [8, 9, 10], testStart: 7 });
    // a fraction rounds up, as scikit-learn's train_test_split
    expect(trainTestSplitByTime(s, { testSize: 0.25 }).test).toEqual([8, 9, 10]);
    const rows = trainTestSplitByTime([[1, 2], [3, 4], [5, 6]], { testSize: 1 });
    expect(rows.test).toEqual([[5, 6]]);
    expect(() => trainTestSplitByTime(s, { testSize: 10 })).toThrow(/'testSize' must leave at least one training step/);
    expect(() => trainTestSplitByTime(s, { testSize: 1.5 })).toThrow(/'testSize' must be an integer >= 1 or a fraction in \(0, 1\); received 1.5/);
  });
});
