import { meanOverUsers } from './check-metric-input.js';

/**
 * Precision@k: per user, |top-k ∩ relevant| / k (k, not the list length, is the denominator, so a
 * short list is penalised); averaged over users with at least one relevant item.
 */
export function precisionAtK(recommended: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], k: number): number {
  return meanOverUsers('precisionAtK', recommended, relevant, k, (list, rel) => list.filter((i) => rel.has(i)).length / k);
}
