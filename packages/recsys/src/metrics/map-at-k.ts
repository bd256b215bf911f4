import { meanOverUsers } from './check-metric-input.js';

/**
 * MAP@k: per user, AP@k = Σ_{r=1..k} precision@r · rel_r / min(k, |relevant|); averaged over users
 * with at least one relevant item.
 */
export function mapAtK(recommended: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], k: number): number {
  return meanOverUsers('mapAtK', recommended, relevant, k, (list, rel) => {
    let hits = 0;
    let sum = 0;
    list.forEach((i, r) => {
      if (rel.has(i)) {
        hits++;
        sum += hits / (r + 1);
      }
    });
    return sum / Math.min(k, rel.size);
  });
}
