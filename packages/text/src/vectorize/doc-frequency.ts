import { show } from '../internal/show.js';

/**
 * A document-frequency threshold (`minDf`, `maxDf`), scikit-learn's float-or-int rule made explicit
 * because JavaScript has one number type: an integer >= 1 is a document count; a non-integer in
 * [0, 1), or 0, is a fraction of the documents; `{ fraction: f }` (f in [0, 1]) and `{ count: n }`
 * (integer n >= 0) say which explicitly. `{ fraction: 1 }` is scikit-learn's `max_df=1.0`; plain `1`
 * is `max_df=1` (at most one document).
 */
export type DocFrequency = number | { fraction: number } | { count: number };

/** The threshold in documents for a corpus of `nDocs` (fractions are multiplied, not rounded, as in scikit-learn). */
export function resolveDocFrequency(where: string, name: string, value: unknown, nDocs: number): number {
  const bad = (): never => {
    throw new RangeError(
      `${where}: '${name}' must be an integer count >= 1, a fraction in [0, 1), { fraction: f } with f in [0, 1] or { count: n }; received ${
        typeof value === 'object' && value !== null ? JSON.stringify(value) : show(value)
      }`,
    );
  };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1) return value;
    if (value >= 0 && value < 1) return value * nDocs;
    return bad();
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as { fraction?: unknown; count?: unknown };
    if ('fraction' in o && !('count' in o) && typeof o.fraction === 'number' && o.fraction >= 0 && o.fraction <= 1) return o.fraction * nDocs;
    if ('count' in o && !('fraction' in o) && Number.isInteger(o.count) && (o.count as number) >= 0) return o.count as number;
  }
  return bad();
}
