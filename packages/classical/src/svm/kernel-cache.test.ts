import { describe, expect, it } from 'vitest';
import { KernelCache, SlabPool } from './kernel-cache.js';

/** Storage of its own (SlabPool reuses the last slab, which would make the two caches share one). */
class OwnSlab extends SlabPool {
  override take(n: number): Float32Array {
    return new Float32Array(n);
  }
}

/** A deterministic generator (no Math.random in tests either). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Column h (requested as label h) over [start, len): entries named by (label, position) at fill time. */
function fetch(c: KernelCache, h: number, len: number): number {
  const start = c.getData(h, len);
  for (let k = start; k < len; k++) c.row[k] = h * 1000 + k;
  return start;
}

describe('KernelCache batched swaps (beginSwaps / endSwaps)', () => {
  it("leaves the columns, their lengths and give-ups as libsvm's swap-by-swap order does", () => {
    const l = 41;
    const rnd = lcg(7);
    const seq = new KernelCache(l, 4 * l * l + 64 * l, new OwnSlab());
    const bat = new KernelCache(l, 4 * l * l + 64 * l, new OwnSlab());
    let gaveUp = 0;
    let swapped = 0;
    for (let round = 0; round < 30; round++) {
      // columns of assorted lengths (short ones are given up by swaps that pass their end)
      for (let t = 0; t < 12; t++) {
        const h = rnd(l);
        const len = 1 + rnd(l);
        expect(fetch(bat, h, len)).toBe(fetch(seq, h, len));
      }
      // a shrinking-like batch: (i, active) with active decreasing, plus a few arbitrary pairs
      bat.beginSwaps();
      let active = l - 1;
      for (let t = 0; t < 10 && active > 0; t++) {
        const i = rnd(active);
        const pair: [number, number] = t % 3 === 2 ? [rnd(l), rnd(l)] : [i, active];
        seq.swapIndex(...pair);
        bat.swapIndex(...pair);
        active -= 1 + rnd(3);
      }
      bat.endSwaps();
      // every column: the same first position to recompute (length kept or given up), same entries
      for (let h = 0; h < l; h++) {
        const len = 1 + rnd(l);
        const s0 = seq.getData(h, len);
        const s1 = bat.getData(h, len);
        expect(s1).toBe(s0);
        if (s0 === 0) gaveUp++; // (or never fetched)
        else swapped++;
        expect(Array.from(bat.row.subarray(0, Math.min(s0, len)))).toEqual(Array.from(seq.row.subarray(0, Math.min(s0, len))));
        for (let k = s0; k < len; k++) {
          seq.row[k] = h * 1000 + k;
          bat.row[k] = h * 1000 + k;
        }
      }
    }
    expect(gaveUp).toBeGreaterThan(50);
    expect(swapped).toBeGreaterThan(50);
  });
});
