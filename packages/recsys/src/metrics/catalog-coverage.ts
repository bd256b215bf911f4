import { checkInt } from '../common/checks.js';

/** Catalog coverage@k: |∪_u top-k(u)| / nItems, the share of the catalogue recommended to anyone. */
export function catalogCoverage(recommended: readonly ArrayLike<number>[], nItems: number, k: number): number {
  checkInt('catalogCoverage', 'nItems', nItems, 1);
  checkInt('catalogCoverage', 'k', k, 1);
  const seen = new Set<number>();
  for (const list of recommended) {
    let taken = 0;
    for (let r = 0; r < list.length && taken < k; r++) {
      if (list[r] < 0) continue;
      seen.add(list[r]);
      taken++;
    }
  }
  return seen.size / nItems;
}
