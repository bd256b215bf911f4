import { describe, expect, it } from 'vitest';
import { BaselineOnly } from '../baseline/baseline-only.js';
import { InteractionMatrix } from '../data/interaction-matrix.js';
import { randomSplit } from '../data/random-split.js';
import { syntheticRatings } from '../data/synthetic-ratings.js';
import { rmse } from '../metrics/rmse.js';
import fixture from './__fixtures__/svdpp.json';
import { Svdpp } from './svdpp.js';

// Reference: scripts/fixtures/recsys_svdpp.py (Surprise's SVDpp.sgd loop, literally, in numpy).
const data = InteractionMatrix.fromInteractions(
  fixture.ratings.map(([user, item, value]) => ({ user: user as string, item: item as string, value: value as number })),
  { ratingScale: [1, 5] },
);

function close(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(Math.abs(actual[i] - v), `index ${i}: ${actual[i]} vs ${v}`).toBeLessThan(tol));
}

describe('Svdpp', () => {
  it('matches the Surprise SVDpp update loop step for step', () => {
    const model = new Svdpp({ nFactors: fixture.nFactors, nEpochs: fixture.nEpochs, lrAll: fixture.lrAll, regAll: fixture.regAll, seed: fixture.seed }).fit(data);
    const f = model.factors;
    // Our O(f)-per-rating form differs from the literal loop only by rounding.
    close(f.userBias, fixture.bu, 1e-12);
    close(f.itemBias, fixture.bi, 1e-12);
    close(model.userExplicitFactors(), fixture.pu, 1e-12);
    close(f.itemFactors, fixture.qi, 1e-12);
    close(model.implicitItemFactors, fixture.yj, 1e-12);
    const preds: number[] = [];
    for (let u = 0; u < data.nUsers; u++) for (let i = 0; i < data.nItems; i++) preds.push(model.predict(u, i));
    close(preds, fixture.predictions, 1e-12);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Svdpp({ nFactors: 4, seed: 3 }).fit(data).factors.userFactors;
    const b = new Svdpp({ nFactors: 4, seed: 3 }).fit(data).factors.userFactors;
    const c = new Svdpp({ nFactors: 4, seed: 4 }).fit(data).factors.userFactors;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('is no worse than BaselineOnly on held-out RMSE of a synthetic low-rank data set (quality, not timing)', () => {
    const synthetic = syntheticRatings({ nUsers: 200, nItems: 600, nRatings: 16000, seed: 5 });
    const { train, test } = randomSplit(synthetic, { seed: 1 });
    const svdpp = rmse(new Svdpp({ seed: 0 }).fit(train).predictEntries(test), test.values);
    const bsl = rmse(new BaselineOnly().fit(train).predictEntries(test), test.values);
    expect(svdpp).toBeLessThan(bsl);
  });

  it('folds in a new user exactly (ridge optimum given the implicit term) and round-trips through JSON and safetensors', () => {
    const model = new Svdpp({ nFactors: 3, seed: 1 }).fit(data);
    const given = [{ item: 'a', value: 5 }, { item: 'c', value: 4 }, { item: 'g', value: 1 }];
    const { factors, bias } = model.foldInUser(given);
    const s = model.factors;
    const items = given.map((g) => data.itemIndex(g.item));
    const z = new Float64Array(3);
    for (const j of items) for (let k = 0; k < 3; k++) z[k] += s.implicitItemFactors![j * 3 + k] / Math.sqrt(3);
    const p = Array.from(factors, (v, k) => v - z[k]);
    // Gradient of Σ (r − μ − b_i − b − q_i·(p + z))² + reg(b² + |p|²) at the folded-in (p, b): zero.
    const gp = p.map((v) => 0.02 * v);
    let gb = 0.02 * bias;
    items.forEach((i, t) => {
      let dot = 0;
      for (let k = 0; k < 3; k++) dot += s.itemFactors[i * 3 + k] * factors[k];
      const e = given[t].value - (s.globalMean + s.itemBias[i] + bias + dot);
      for (let k = 0; k < 3; k++) gp[k] -= e * s.itemFactors[i * 3 + k];
      gb -= e;
    });
    for (const g of [...gp, gb]) expect(Math.abs(g)).toBeLessThan(1e-12);
    expect(model.recommendForInteractions(given, 3).map((r) => r.item)).not.toContain('a');
    const fromJson = Svdpp.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const fromBytes = Svdpp.fromSafetensors(model.toSafetensors());
    for (const loaded of [fromJson, fromBytes]) {
      expect(loaded.recommend('u1', 3)).toEqual(model.recommend('u1', 3));
      expect(loaded.predict(2, 3)).toBe(model.predict(2, 3));
      expect(Array.from(loaded.implicitItemFactors)).toEqual(Array.from(model.implicitItemFactors));
      expect(loaded.foldInUser(given).factors).toEqual(factors);
    }
  });

  it('rejects bad options naming the argument', () => {
    expect(() => new Svdpp({ lrYj: -1 }).fit(data)).toThrow(/Svdpp.fit: 'lrYj' must be a finite number >= 0; received -1/);
    expect(() => new Svdpp({ nFactor: 3 } as never).fit(data)).toThrow(/unknown option 'nFactor'/);
    expect(() => new Svdpp().recommend('u1')).toThrow(/not fitted/);
  });
});
