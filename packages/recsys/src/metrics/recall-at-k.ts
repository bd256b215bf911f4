import { meanOverUsers } from './check-metric-input.js';

/** Recall@k: per user, |top-k ∩ relevant| / |relevant|; averaged over users with at least one relevant item. */
export function recallAtK(recommended: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], k: number): number {
  return meanOverUsers('recallAtK', recommended, relevant, k, (list, rel) => list.filter((i) => rel.has(i)).length / rel.size);
}
