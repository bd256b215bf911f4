import { meanOverUsers } from './check-metric-input.js';

/** Hit rate@k: the fraction of users (with at least one relevant item) with a relevant item in their top k. */
export function hitRateAtK(recommended: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], k: number): number {
  return meanOverUsers('hitRateAtK', recommended, relevant, k, (list, rel) => (list.some((i) => rel.has(i)) ? 1 : 0));
}
