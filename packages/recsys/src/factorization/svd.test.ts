import { describe, expect, it } from 'vitest';
import { BaselineOnly } from '../baseline/baseline-only.js';
import { InteractionMatrix } from '../data/interaction-matrix.js';
import { randomSplit } from '../data/random-split.js';
import { syntheticRatings } from '../data/synthetic-ratings.js';
import { rmse } from '../metrics/rmse.js';
import fixture from './__fixtures__/svd.json';
import { Svd } from './svd.js';

// Reference: scripts/fixtures/recsys_knn.py (Surprise's SVD loop, initial factors from a port of Rng).
const data = InteractionMatrix.fromInteractions(
  fixture.ratings.map(([user, item, value]) => ({ user: user as string, item: item as string, value: value as number })),
  { ratingScale: [1, 5] },
);

describe('Svd', () => {
  it('matches the Surprise update loop step for step', () => {
    const model = new Svd({ nFactors: fixture.nFactors, nEpochs: fixture.nEpochs, lrAll: fixture.lrAll, regAll: fixture.regAll, seed: fixture.seed }).fit(data);
    const f = model.factors;
    const check = (a: ArrayLike<number>, b: number[]): void => b.forEach((v, i) => expect(Math.abs(a[i] - v)).toBeLessThan(1e-10));
    check(f.userBias, fixture.bu);
    check(f.itemBias, fixture.bi);
    check(f.userFactors, fixture.pu);
    check(f.itemFactors, fixture.qi);
    const preds: number[] = [];
    for (let u = 0; u < data.nUsers; u++) for (let i = 0; i < data.nItems; i++) preds.push(model.predict(u, i));
    check(preds, fixture.predictions);
  });

  it('is deterministic for a seed', () => {
    const a = new Svd({ nFactors: 4, seed: 3 }).fit(data).factors.userFactors;
    const b = new Svd({ nFactors: 4, seed: 3 }).fit(data).factors.userFactors;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('beats BaselineOnly on held-out RMSE of a synthetic low-rank data set (quality, not timing)', () => {
    const synthetic = syntheticRatings({ nUsers: 200, nItems: 600, nRatings: 16000, seed: 5 });
    const { train, test } = randomSplit(synthetic, { seed: 1 });
    const svd = rmse(new Svd({ seed: 0 }).fit(train).predictEntries(test), test.values);
    const bsl = rmse(new BaselineOnly().fit(train).predictEntries(test), test.values);
    expect(svd).toBeLessThan(bsl);
  });

  it('round-trips through JSON and safetensors, and folds in a new user', () => {
    const model = new Svd({ nFactors: 3, seed: 1 }).fit(data);
    const fromJson = Svd.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    const fromBytes = Svd.fromSafetensors(model.toSafetensors());
    for (const loaded of [fromJson, fromBytes]) {
      expect(loaded.recommend('u1', 3)).toEqual(model.recommend('u1', 3));
      expect(loaded.predict(2, 3)).toBe(model.predict(2, 3));
    }
    const rec = model.recommendForInteractions([{ item: 'a', value: 5 }, { item: 'c', value: 4 }], 3);
    expect(rec.map((r) => r.item)).not.toContain('a');
    expect(rec).toHaveLength(3);
    expect(model.similarItems('a', 2)).toHaveLength(2);
    expect(() => model.foldInUser([{ item: 'zzz', value: 3 }])).toThrow(/unknown item "zzz"/);
  });
});
