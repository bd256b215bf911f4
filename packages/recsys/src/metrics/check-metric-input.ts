/** Validation and per-user iteration shared by the metric functions. */
import { checkInt } from '../common/checks.js';

/** Checks two equal-length, non-empty, finite value arrays. */
export function checkPairs(where: string, predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
  if (predicted.length !== actual.length) throw new RangeError(`${where}: 'predicted' and 'actual' must have the same length; received ${predicted.length} and ${actual.length}`);
  if (predicted.length === 0) throw new RangeError(`${where}: 'predicted' must not be empty; received 0 values`);
  for (let i = 0; i < predicted.length; i++) {
    if (!Number.isFinite(predicted[i])) throw new RangeError(`${where}: 'predicted[${i}]' must be finite; received ${predicted[i]}`);
    if (!Number.isFinite(actual[i])) throw new RangeError(`${where}: 'actual[${i}]' must be finite; received ${actual[i]}`);
  }
}

/**
 * Calls `perUser(list, relevantSet)` for each user with at least one relevant item and returns the
 * mean (users without relevant items are skipped). `recommended[u]` is u's ranked list, best
 * first (−1 entries, padding, are ignored); only its first k entries count.
 */
export function meanOverUsers(
  where: string,
  recommended: readonly ArrayLike<number>[],
  relevant: readonly ArrayLike<number>[],
  k: number,
  perUser: (list: number[], rel: Set<number>) => number,
): number {
  checkInt(where, 'k', k, 1);
  if (recommended.length !== relevant.length) {
    throw new RangeError(`${where}: 'recommended' and 'relevant' must have one entry per user; received ${recommended.length} and ${relevant.length}`);
  }
  let sum = 0;
  let users = 0;
  for (let u = 0; u < recommended.length; u++) {
    const rel = new Set(Array.from(relevant[u]));
    if (rel.size === 0) continue;
    const list: number[] = [];
    const rec = recommended[u];
    for (let r = 0; r < rec.length && list.length < k; r++) if (rec[r] >= 0) list.push(rec[r]);
    sum += perUser(list, rel);
    users++;
  }
  if (users === 0) throw new RangeError(`${where}: 'relevant' must hold at least one user with a relevant item; received none`);
  return sum / users;
}
