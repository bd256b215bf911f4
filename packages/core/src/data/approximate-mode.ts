/**
 * scikit-learn 1.2's `_approximate_mode` (sklearn/utils/__init__.py):
 * how many of `nDraws` samples each class gets so that proportions are kept — floor of each class's
 * share, then one more to the classes with the largest remainders, ties among equal remainders broken
 * at random. With no tie at the cut-off the counts equal scikit-learn's exactly.
 */
import type { Rng } from '../random/rng.js';

export function approximateMode(classCounts: readonly number[], nDraws: number, rng: Rng): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const continuous = classCounts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = nDraws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, needToAdd);
      rng.shuffle(inds);
      for (const i of inds.slice(0, addNow)) floored[i] += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}
