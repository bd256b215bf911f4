import { describe, expect, it } from 'vitest';
import { Rng } from '@ml/core';
import { createBoundedAssigner } from './bounded-assigner.js';
import { assignLabels } from './lloyd.js';
import { wasmHamerly } from './wasm-hamerly.js';

/** Data on a grid (exact ties) or Gaussian, and k centers. */
function problem(grid: boolean, n: number, d: number, k: number) {
  const rng = new Rng(grid ? 8 : 9);
  const data = new Float64Array(n * d).map(() => (grid ? rng.int(3) - 1 : rng.normal(0, 5)));
  const centers = new Float64Array(k * d).map((_, j) => (grid ? data[j] : rng.normal(0, 5)));
  return { rng, X: { data, rows: n, cols: d }, centers };
}

/** Moves the centers a little (on grid data: sometimes onto grid points, making exact ties). */
function move(centers: Float64Array, data: Float64Array, rng: Rng, grid: boolean, step: number): void {
  for (let j = 0; j < centers.length; j++) centers[j] = grid && step % 3 === 0 ? data[(j + step * 7) % data.length] : centers[j] + rng.normal(0, 0.05);
}

describe('bounded (Hamerly) assignment', () => {
  for (const useWasm of [true, false]) {
    for (const grid of [false, true]) {
      it(`gives the plain loop's labels over moving centers (${useWasm ? 'WebAssembly' : 'JavaScript'} kernel${grid ? ', exact ties on grid data' : ''})`, () => {
        const n = 2000;
        const d = 5;
        const k = 7;
        const { rng, X, centers } = problem(grid, n, d, k);
        const assigner = createBoundedAssigner(X, k, useWasm);
        expect(assigner.wasm).toBe(useWasm);
        const labels = new Int32Array(n);
        const expected = new Int32Array(n);
        for (let step = 0; step < 12; step++) {
          const before = Array.from(labels);
          const changes = assigner.assign(centers, labels);
          assignLabels(X, centers, k, expected);
          expect(Array.from(labels)).toEqual(Array.from(expected));
          // the rows whose label changed, in row order, with their previous labels (none on the first call)
          if (step === 0) expect(changes).toBeNull();
          else {
            const changed = before.flatMap((l, i) => (l === labels[i] ? [] : [i]));
            expect(changes).not.toBeNull();
            const c = changes as NonNullable<typeof changes>;
            expect(Array.from(c.rows.subarray(0, c.count))).toEqual(changed);
            expect(Array.from(c.from.subarray(0, c.count))).toEqual(changed.map((i) => before[i]));
          }
          move(centers, X.data, rng, grid, step);
        }
      });
    }
  }

  it('WebAssembly SIMD is available here, and the module is small and valid', () => {
    const bytes = wasmHamerly.bytes();
    expect(bytes.length).toBeLessThan(2048);
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(wasmHamerly.module()).not.toBeNull();
  });

  for (const [k, d] of [[8, 16], [1, 3], [5, 1], [2, 7], [3, 40]] as const) {
    it(`WebAssembly and JavaScript kernels agree bit for bit on labels and bounds (k = ${k}, d = ${d})`, () => {
      for (const grid of [false, true]) {
        const n = 1500;
        const { rng, X, centers } = problem(grid, n, d, k);
        const wasm = createBoundedAssigner(X, k, true);
        const js = createBoundedAssigner(X, k, false);
        expect(wasm.wasm).toBe(true);
        const a = new Int32Array(n);
        const b = new Int32Array(n);
        for (let step = 0; step < 15; step++) {
          const ca = wasm.assign(centers, a);
          const cb = js.assign(centers, b);
          expect(Array.from(a)).toEqual(Array.from(b));
          expect(ca?.count).toBe(cb?.count);
          if (ca && cb) {
            expect(ca.rows.subarray(0, ca.count)).toEqual(cb.rows.subarray(0, cb.count));
            expect(ca.from.subarray(0, ca.count)).toEqual(cb.from.subarray(0, cb.count));
          }
          const wb = wasm.bounds();
          const jb = js.bounds();
          // toEqual on typed arrays compares with Object.is per element: bit-exact for non-NaN values
          expect(wb.upper).toEqual(jb.upper);
          expect(wb.lower).toEqual(jb.lower);
          move(centers, X.data, rng, grid, step);
        }
        // the next assigner reuses this memory, dirty (odd k after even k: the pad column must be reset)
        wasm.dispose();
        expect(() => wasm.assign(centers, a)).toThrow(/after dispose/);
      }
    });
  }
});

describe('k-means++ candidate potentials', () => {
  it('WebAssembly and JavaScript kernels pick the same centers, bit for bit', async () => {
    const { kmeansPlusPlus } = await import('./kmeans-plusplus.js');
    // 2 + ⌊ln k⌋ trials: 4, 3, 2, 4 and 5 (the kernel takes candidates in groups of four)
    for (const [grid, k, d] of [[false, 8, 16], [true, 5, 3], [false, 1, 2], [true, 12, 7], [false, 25, 3]] as const) {
      const { X } = problem(grid, 1200, d, k);
      const a = kmeansPlusPlus(X, k, new Rng(4), true);
      const b = kmeansPlusPlus(X, k, new Rng(4), false);
      expect(a).toEqual(b);
      expect(a.length).toBe(k * d);
    }
  });
});
