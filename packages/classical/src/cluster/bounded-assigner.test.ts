import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { createBoundedAssigner } from './bounded-assigner.js';
import { assignLabels } from './lloyd.js';

describe('bounded (Hamerly) assignment', () => {
  for (const grid of [false, true]) {
    it(`gives the plain loop's labels over moving centers${grid ? ' with exact ties (grid data)' : ''}`, () => {
      const rng = new Rng(grid ? 8 : 9);
      const n = 2000;
      const d = 5;
      const k = 7;
      const data = new Float64Array(n * d).map(() => (grid ? rng.int(3) - 1 : rng.normal(0, 5)));
      const X = { data, rows: n, cols: d };
      const centers = new Float64Array(k * d).map((_, j) => (grid ? data[j] : rng.normal(0, 5)));
      const assigner = createBoundedAssigner(X, k);
      const labels = new Int32Array(n);
      const expected = new Int32Array(n);
      for (let step = 0; step < 12; step++) {
        assigner.assign(centers, labels);
        assignLabels(X, centers, k, expected);
        expect(Array.from(labels)).toEqual(Array.from(expected));
        // move the centers a little (on grid data: sometimes onto grid points, making exact ties)
        for (let j = 0; j < centers.length; j++) centers[j] = grid && step % 3 === 0 ? data[(j + step * 7) % data.length] : centers[j] + rng.normal(0, 0.05);
      }
    });
  }
});
