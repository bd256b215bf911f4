import { describe, expect, it } from 'vitest';
import { InteractionMatrix } from './interaction-matrix.js';
import { kFoldSplit } from './k-fold-split.js';
import { leaveKOutSplit } from './leave-k-out-split.js';
import { randomSplit } from './random-split.js';
import { temporalSplit } from './temporal-split.js';

const log = [
  { user: 1, item: 'x', value: 4, timestamp: 10 },
  { user: '1', item: 'y', value: 2, timestamp: 5 },
  { user: 1, item: 'y', value: 5, timestamp: 30 },
  { user: 2, item: 'x', value: 3, timestamp: 1 },
  { user: 1, item: 'z', value: 1, timestamp: 20 },
  { user: 2, item: 'z', value: 2, timestamp: 2 },
];

describe('InteractionMatrix', () => {
  it('keeps users as rows, maps ids both ways, and keeps "1" and 1 distinct', () => {
    const m = InteractionMatrix.fromInteractions(log);
    expect([m.nUsers, m.nItems, m.nnz]).toEqual([3, 3, 6]);
    expect(m.userIndex(1)).toBe(0);
    expect(m.userIndex('1')).toBe(1);
    expect(m.users.id(2)).toBe(2);
    expect(Array.from(m.indptr)).toEqual([0, 3, 4, 6]);
    expect(Array.from(m.indices)).toEqual([0, 1, 2, 1, 0, 2]);
    expect(Array.from(m.values)).toEqual([4, 5, 1, 2, 3, 2]);
    const csc = m.csc();
    expect(Array.from(csc.indptr)).toEqual([0, 2, 4, 6]);
    expect(Array.from(csc.indices)).toEqual([0, 2, 0, 1, 0, 2]);
    expect(m.find(2, 2)).toBe(5);
    expect(m.find(1, 0)).toBe(-1);
    expect(m.toCsrMatrix().toArray()).toEqual([[4, 5, 1], [0, 2, 0], [3, 0, 2]]);
  });

  it('combines duplicates only when asked', () => {
    const dup = [{ user: 'a', item: 'b', value: 1 }, { user: 'a', item: 'b', value: 3 }];
    expect(() => InteractionMatrix.fromInteractions(dup)).toThrow(/duplicate interaction \(user "a", item "b"\)/);
    expect(Array.from(InteractionMatrix.fromInteractions(dup, { duplicates: 'mean' }).values)).toEqual([2]);
    expect(Array.from(InteractionMatrix.fromInteractions(dup, { kind: 'implicit' }).values)).toEqual([4]);
    expect(Array.from(InteractionMatrix.fromInteractions([{ user: 'a', item: 'b' }, { user: 'a', item: 'b' }], { kind: 'implicit' }).values)).toEqual([2]);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => InteractionMatrix.fromInteractions([])).toThrow(/'interactions' must hold at least one interaction; received 0/);
    expect(() => InteractionMatrix.fromInteractions([{ user: 1, item: 2, value: Number.NaN }])).toThrow(/'value' of interaction #0 must be a finite number; received NaN/);
    expect(() => InteractionMatrix.fromInteractions([{ user: 1, item: 2 }])).toThrow(/needs a 'value'/);
    expect(() => InteractionMatrix.fromInteractions([{ user: 1, item: 2, value: -1 }], { kind: 'implicit' })).toThrow(/>= 0; received -1/);
    const m = InteractionMatrix.fromInteractions(log);
    expect(() => m.userIndex(3)).toThrow(/unknown user 3 \(number\)/);
    expect(() => InteractionMatrix.fromInteractions([{ user: 9, item: 'x', value: 1 }], { users: m.users })).toThrow(/unknown user 9/);
  });
});

describe('splits', () => {
  const m = InteractionMatrix.fromInteractions(log);
  const pairs = (x: InteractionMatrix): string[] => {
    const out: string[] = [];
    for (let u = 0; u < x.nUsers; u++) for (let e = x.indptr[u]; e < x.indptr[u + 1]; e++) out.push(`${u}:${x.indices[e]}`);
    return out;
  };
  it('partition the interactions, share id maps and are seeded', () => {
    const a = randomSplit(m, { testFraction: 0.5, seed: 3 });
    expect(a.test.nnz).toBe(3);
    expect(a.train.users).toBe(m.users);
    expect([...pairs(a.train), ...pairs(a.test)].sort()).toEqual(pairs(m).sort());
    expect(pairs(randomSplit(m, { testFraction: 0.5, seed: 3 }).test)).toEqual(pairs(a.test));
    const folds = kFoldSplit(m, { nFolds: 3, seed: 1 });
    expect(folds.flatMap((f) => pairs(f.test)).sort()).toEqual(pairs(m).sort());
    const l = leaveKOutSplit(m, { k: 1, seed: 2 });
    expect(l.test.userCounts()).toEqual(new Int32Array([1, 0, 1]));
  });
  it('temporal split holds out each user\'s latest interaction', () => {
    const t = temporalSplit(m);
    expect(pairs(t.test)).toEqual(['0:1', '2:2']);
    expect(() => temporalSplit(InteractionMatrix.fromInteractions([{ user: 1, item: 1, value: 1 }]))).toThrow(/must have timestamps/);
    expect(() => randomSplit(m, { testFraction: 1 })).toThrow(/'testFraction' must be in \(0, 1\); received 1/);
  });
});
