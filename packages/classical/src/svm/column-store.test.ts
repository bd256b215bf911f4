import { Rng } from '@ml/core';
import { afterEach, describe, expect, it } from 'vitest';
import { columnStore } from './column-store.js';
import { SVC } from './svc.js';
import { wasmRbfColumn } from './wasm-rbf-column.js';

describe('ColumnStore (same-class kernel entries shared by the one-vs-one problems)', () => {
  afterEach(() => {
    columnStore.enabled = true;
    wasmRbfColumn.enabled = true;
  });

  it('leaves multi-class fits bit for bit unchanged while serving columns (shrinking, weights, kernels, small cache)', () => {
    const rng = new Rng(17);
    const n = 241;
    const d = 4;
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, t) => rng.normal() + (t === i % d ? 1.2 : 0)));
    const y = Array.from({ length: n }, (_, i) => i % 4);
    const sampleWeight = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : 1 + (i % 3)));
    const test = X.slice(0, 30);
    const cases: [Record<string, unknown>, number[] | undefined][] = [
      [{}, undefined],
      [{ C: 10, gamma: 0.4 }, sampleWeight],
      [{ shrinking: false }, undefined],
      [{ cacheSize: 0.02 }, undefined],
      [{ kernel: 'poly', degree: 2 }, undefined],
      [{ kernel: 'sigmoid', gamma: 0.05 }, undefined],
    ];
    const fits = (): unknown[] =>
      cases.map(([p, w]) => {
        const m = new SVC(p).fit(X, y, w);
        const f = m.toJSON().fitted;
        return [f?.support, f?.svCoef, f?.rho, f?.nIter, m.decisionFunction(test)];
      });
    for (const wasm of [true, false]) {
      wasmRbfColumn.enabled = wasm;
      // with the store first: the reused cache memory then holds no leftovers of the same fits
      columnStore.copied = 0;
      const shared = fits();
      // the store really served entries (each sample is in 3 of the 6 problems)
      expect(columnStore.copied).toBeGreaterThan(1000);
      columnStore.enabled = false;
      columnStore.copied = 0;
      expect(shared).toEqual(fits());
      expect(columnStore.copied).toBe(0);
      columnStore.enabled = true;
    }
  });

  it('is not used for two classes or a precomputed kernel', () => {
    const rng = new Rng(3);
    const X = Array.from({ length: 60 }, () => [rng.normal(), rng.normal()]);
    columnStore.copied = 0;
    new SVC().fit(X, X.map((_, i) => i % 2));
    const K = X.map((a) => X.map((b) => a[0] * b[0] + a[1] * b[1]));
    new SVC({ kernel: 'precomputed' }).fit(K, X.map((_, i) => i % 3));
    expect(columnStore.copied).toBe(0);
  });
});
