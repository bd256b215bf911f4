import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { encodeLabels, uniqueLabels } from './label-encoder.js';
import type { Label } from './matrix-input.js';

/** The plain definitions the table paths must reproduce: a Set and a sort, a Map lookup. */
function uniqueRef(y: readonly Label[]): Label[] {
  const set = [...new Set(y)];
  if (typeof set[0] === 'number') return (set as number[]).sort((a, b) => a - b);
  return (set as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
function encodeRef(y: readonly Label[], classes: readonly Label[]): Int32Array {
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  return Int32Array.from(y, (v) => index.get(v) ?? -1);
}

describe('label encoding', () => {
  it('gives the Set/Map results on small integers, large or negative or fractional numbers, -0 and strings', () => {
    const rng = new Rng(3);
    const pools: Label[][] = [
      [0, 1, 2, 3],
      [7, 4095, 12, 0],
      [4096, 5, 1],
      [-1, 0, 2],
      [0.5, 1, 2],
      [-0, 1, 0],
      [0, -0, 1],
      ['b', 'a', 'c'],
    ];
    for (const pool of pools) {
      for (const n of [1, 2, 17, 300]) {
        const y = Array.from({ length: n }, () => pool[rng.int(pool.length)] as Label);
        const classes = uniqueLabels(y);
        expect(classes).toEqual(uniqueRef(y));
        expect(classes.map((c) => Object.is(c, -0))).toEqual(uniqueRef(y).map((c) => Object.is(c, -0)));
        expect(Array.from(encodeLabels('t', y, classes))).toEqual(Array.from(encodeRef(y, classes)));
      }
    }
  });

  it('encodes against given classes and names a label that is not one of them', () => {
    expect(Array.from(encodeLabels('t', [3, 1, 3], [1, 2, 3]))).toEqual([2, 0, 2]);
    expect(Array.from(encodeLabels('t', [1, 3], [3, 1]))).toEqual([1, 0]);
    expect(() => encodeLabels('f', [1, 5, 2], [1, 2])).toThrow("f: label 5 (y[1]) is not one of the classes [1,2]");
    expect(() => encodeLabels('f', [1, 9000], [1, 2])).toThrow('label 9000 (y[1])');
    expect(() => encodeLabels('f', [1, 1.5], [1, 2])).toThrow('label 1.5 (y[1])');
    expect(Array.from(encodeLabels('t', [4096, 1], [1, 4096]))).toEqual([1, 0]);
    expect(Array.from(encodeLabels('t', [-0, 1], [0, 1]))).toEqual([0, 1]);
    expect(uniqueLabels([])).toEqual([]);
  });
});
