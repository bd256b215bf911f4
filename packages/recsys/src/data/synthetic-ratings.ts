/**
 * A seeded synthetic explicit-ratings data set shaped like MovieLens-latest-small (610 users,
 * 9,700 items, 100,000 ratings on a 0.5–5 star scale): a low-rank model plus noise,
 *   r_ui = clip(round_half_star(μ + b_u + b_i + p_u·q_i + ε), 0.5, 5),
 * with b_u ~ N(0, userBiasStd), b_i ~ N(0, itemBiasStd), p_u, q_i ~ N(0, σ) per factor
 * (σ⁴·rank = factorVariance), ε ~ N(0, noiseStd). Item popularity is Zipf-like (weight of the
 * item with popularity rank k ∝ (k + 10)^−popularityExponent), user activity log-normal with a
 * floor of 20 ratings, as in MovieLens. Timestamps increase per user.
 */
import { Rng } from '@ml/core';
import { checkInt, checkKnownKeys, checkNumber, checkSeed } from '../common/checks.js';
import { InteractionMatrix } from './interaction-matrix.js';

/** Options of `syntheticRatings`. */
export interface SyntheticRatingsOptions {
  /** @default 610 */
  nUsers?: number;
  /** @default 9700 */
  nItems?: number;
  /** @default 100000 */
  nRatings?: number;
  /** Rank of the latent model. @default 10 */
  rank?: number;
  /** Variance of the interaction term p_u·q_i. @default 0.5 */
  factorVariance?: number;
  /** @default 0.4 */
  userBiasStd?: number;
  /** @default 0.5 */
  itemBiasStd?: number;
  /** @default 0.5 */
  noiseStd?: number;
  /** @default 1.0 */
  popularityExponent?: number;
  /** @default 42 */
  seed?: number;
}

/** Defaults of `syntheticRatings`. */
export const SYNTHETIC_RATINGS_DEFAULTS = {
  nUsers: 610,
  nItems: 9700,
  nRatings: 100000,
  rank: 10,
  factorVariance: 0.5,
  userBiasStd: 0.4,
  itemBiasStd: 0.5,
  noiseStd: 0.5,
  popularityExponent: 1.0,
  seed: 42,
} as const satisfies Required<SyntheticRatingsOptions>;

/** Generates the data set (user ids 1…nUsers, item ids 1…nItems, numbers). */
export function syntheticRatings(options: SyntheticRatingsOptions = {}): InteractionMatrix {
  const where = 'syntheticRatings';
  checkKnownKeys(where, options, Object.keys(SYNTHETIC_RATINGS_DEFAULTS));
  const o = { ...SYNTHETIC_RATINGS_DEFAULTS, ...options };
  const nUsers = checkInt(where, 'nUsers', o.nUsers, 1);
  const nItems = checkInt(where, 'nItems', o.nItems, 1);
  const nRatings = checkInt(where, 'nRatings', o.nRatings, 1);
  const rank = checkInt(where, 'rank', o.rank, 1);
  if (nRatings > nUsers * Math.floor(nItems / 2)) {
    throw new RangeError(`${where}: 'nRatings' must be <= nUsers · floor(nItems / 2) = ${nUsers * Math.floor(nItems / 2)}; received ${nRatings}`);
  }
  for (const key of ['factorVariance', 'userBiasStd', 'itemBiasStd', 'noiseStd', 'popularityExponent'] as const) checkNumber(where, key, o[key], 0);
  const rng = new Rng(checkSeed(where, o.seed));
  // Item popularity: a random item order, Zipf-like weights along it; cumulative for sampling.
  const order = rng.permutation(nItems);
  const cumulative = new Float64Array(nItems);
  let total = 0;
  for (let k = 0; k < nItems; k++) {
    total += Math.pow(k + 10, -o.popularityExponent);
    cumulative[k] = total;
  }
  // User activity: log-normal, floor 20, cap nItems/2, scaled to sum to nRatings.
  const floor = Math.min(20, Math.floor(nRatings / nUsers));
  const cap = Math.floor(nItems / 2);
  const raw = Array.from({ length: nUsers }, () => Math.exp(rng.normal(0, 1.1)));
  const counts = allot(raw, nRatings, floor, cap);
  const sigma = Math.pow(o.factorVariance / rank, 0.25);
  const q = rng.fillNormal(new Float64Array(nItems * rank), 0, sigma);
  const bi = rng.fillNormal(new Float64Array(nItems), 0, o.itemBiasStd);
  const p = new Float64Array(rank);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    rng.fillNormal(p, 0, sigma);
    const bu = rng.normal(0, o.userBiasStd);
    const seen = new Set<number>();
    let time = 1_500_000_000 + rng.int(10_000_000);
    while (seen.size < counts[u]) {
      const x = rng.random() * total;
      let lo = 0;
      let hi = nItems - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      const i = order[lo];
      if (seen.has(i)) continue;
      seen.add(i);
      let dot = 0;
      for (let f = 0; f < rank; f++) dot += p[f] * q[i * rank + f];
      const r = 3.5 + bu + bi[i] + dot + rng.normal(0, o.noiseStd);
      users.push(u + 1);
      items.push(i + 1);
      values.push(Math.min(5, Math.max(0.5, Math.round(r * 2) / 2)));
      time += 1 + rng.int(100_000);
      times.push(time);
    }
  }
  return InteractionMatrix.fromColumns({ users, items, values, timestamps: times }, { ratingScale: [0.5, 5] });
}

/** Integer counts proportional to `weights`, each in [floor, cap], summing to `total`. */
function allot(weights: number[], total: number, floor: number, cap: number): number[] {
  const n = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.min(cap, floor + Math.floor(((total - floor * n) * w) / sum)));
  let assigned = counts.reduce((a, b) => a + b, 0);
  for (let u = 0; assigned < total; u = (u + 1) % n) {
    if (counts[u] < cap) {
      counts[u]++;
      assigned++;
    }
  }
  return counts;
}
