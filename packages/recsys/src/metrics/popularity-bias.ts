import { checkInt } from '../common/checks.js';

/**
 * Average recommendation popularity (ARP, Abdollahpouri et al., 2019): per user, the mean
 * `popularity` (e.g. training interaction count) of their top-k items, averaged over users with a
 * non-empty list. Higher means the recommender favours popular items.
 */
export function popularityBias(recommended: readonly ArrayLike<number>[], popularity: ArrayLike<number>, k: number): number {
  checkInt('popularityBias', 'k', k, 1);
  let sum = 0;
  let users = 0;
  for (const list of recommended) {
    let s = 0;
    let taken = 0;
    for (let r = 0; r < list.length && taken < k; r++) {
      if (list[r] < 0) continue;
      s += popularity[list[r]];
      taken++;
    }
    if (taken === 0) continue;
    sum += s / taken;
    users++;
  }
  if (users === 0) throw new RangeError(`popularityBias: 'recommended' must hold at least one non-empty list; received none`);
  return sum / users;
}
