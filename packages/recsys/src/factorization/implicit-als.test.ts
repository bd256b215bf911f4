import { describe, expect, it } from 'vitest';
import { solveSpd } from '../common/solve-spd.js';
import { InteractionMatrix } from '../data/interaction-matrix.js';
import { leaveKOutSplit } from '../data/leave-k-out-split.js';
import { syntheticRatings } from '../data/synthetic-ratings.js';
import { evaluateRanking } from '../metrics/evaluate-ranking.js';
import { ImplicitAls } from './implicit-als.js';

function implicitData(): InteractionMatrix {
  const s = syntheticRatings({ nUsers: 150, nItems: 300, nRatings: 6000, seed: 9 });
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < s.nUsers; u++) {
    for (let e = s.indptr[u]; e < s.indptr[u + 1]; e++) {
      if (s.values[e] < 3.5) continue; // liked only
      users.push(u);
      items.push(s.indices[e]);
      values.push(s.values[e] - 3);
    }
  }
  return InteractionMatrix.fromColumns({ users, items, values }, { kind: 'implicit' });
}

describe('ImplicitAls', () => {
  it('with many CG steps each half-step reaches the exact least-squares solution', () => {
    const data = implicitData();
    const model = new ImplicitAls({ factors: 4, iterations: 1, cgSteps: 50, regularization: 0.1, alpha: 2, seed: 1 }).fit(data);
    // After the final (item) half-step, every item row solves its normal equations given the users.
    const s = model.factors;
    const f = 4;
    const csc = data.csc();
    for (const i of [0, 5, 17]) {
      const a = new Float64Array(f * f);
      const b = new Float64Array(f);
      for (let u = 0; u < data.nUsers; u++) for (let p = 0; p < f; p++) for (let q = 0; q < f; q++) a[p * f + q] += s.userFactors[u * f + p] * s.userFactors[u * f + q];
      for (let p = 0; p < f; p++) a[p * f + p] += 0.1;
      for (let k = csc.indptr[i]; k < csc.indptr[i + 1]; k++) {
        const u = csc.indices[k];
        const c = 1 + 2 * csc.values[k];
        for (let p = 0; p < f; p++) {
          b[p] += c * s.userFactors[u * f + p];
          for (let q = 0; q < f; q++) a[p * f + q] += (c - 1) * s.userFactors[u * f + p] * s.userFactors[u * f + q];
        }
      }
      const exact = solveSpd(a, b, f);
      for (let p = 0; p < f; p++) expect(s.itemFactors[i * f + p]).toBeCloseTo(exact[p], 8);
    }
  });

  it('is deterministic and ranks held-out items far above chance', () => {
    const data = implicitData();
    const { train, test } = leaveKOutSplit(data, { k: 2, seed: 4 });
    const a = new ImplicitAls({ factors: 16, iterations: 8, seed: 2 }).fit(train);
    const b = new ImplicitAls({ factors: 16, iterations: 8, seed: 2 }).fit(train);
    expect(Array.from(a.factors.itemFactors)).toEqual(Array.from(b.factors.itemFactors));
    const report = evaluateRanking(a, test, 10);
    // Chance precision@10: a random list of unseen items holds |held out| / |unseen| of them per slot.
    let chance = 0;
    let users = 0;
    for (let u = 0; u < test.nUsers; u++) {
      const held = test.indptr[u + 1] - test.indptr[u];
      if (held === 0) continue;
      chance += held / (train.nItems - (train.indptr[u + 1] - train.indptr[u]));
      users++;
    }
    expect(report.precision).toBeGreaterThan((2 * chance) / users);
    const fold = a.recommendForInteractions([{ item: train.items.id(0), value: 3 }], 5);
    expect(fold).toHaveLength(5);
  });

  it('a loaded model folds in with the fitted regularization and alpha', () => {
    const model = new ImplicitAls({ factors: 6, iterations: 2, regularization: 0.5, alpha: 3, seed: 1 }).fit(implicitData());
    const given = [{ item: model.trainData.items.id(1), value: 2 }, { item: model.trainData.items.id(4), value: 1 }];
    for (const loaded of [ImplicitAls.fromJSON(JSON.parse(JSON.stringify(model.toJSON()))), ImplicitAls.fromSafetensors(model.toSafetensors())]) {
      expect(loaded.foldInUser(given).factors).toEqual(model.foldInUser(given).factors);
    }
  });
});
