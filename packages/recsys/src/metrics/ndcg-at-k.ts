import { meanOverUsers } from './check-metric-input.js';

/**
 * NDCG@k with binary relevance: DCG = Σ_{r=1..k} rel_r / log2(r + 1) over the ranked list;
 * IDCG = Σ_{r=1..min(k, |relevant|)} 1 / log2(r + 1) (the held-out set, truncated at k);
 * NDCG = DCG / IDCG per user, averaged over users with at least one relevant item.
 */
export function ndcgAtK(recommended: readonly ArrayLike<number>[], relevant: readonly ArrayLike<number>[], k: number): number {
  return meanOverUsers('ndcgAtK', recommended, relevant, k, (list, rel) => {
    let dcg = 0;
    list.forEach((i, r) => {
      if (rel.has(i)) dcg += 1 / Math.log2(r + 2);
    });
    let idcg = 0;
    for (let r = 0; r < Math.min(k, rel.size); r++) idcg += 1 / Math.log2(r + 2);
    return dcg / idcg;
  });
}
