/**
 * Sorts the features and prunes them by document frequency and count, as scikit-learn's
 * `CountVectorizer._sort_features` + `_limit_features` (1.2). Ties in term frequency at the
 * `maxFeatures` cut are broken exactly as scikit-learn does: by NumPy's (unstable) default argsort
 * of the negated frequencies, reproduced in `numpyArgsort`.
 */
import { numpyArgsort } from '../internal/numpy-argsort.js';
import { sortTerms } from './sort-terms.js';
import type { DocumentCounts } from './count-documents.js';

export interface LimitResult {
  /** First-seen id → final column, or -1 when pruned. */
  map: Int32Array;
  /** Kept terms, in column order. */
  terms: string[];
  /** Pruned terms, sorted. */
  pruned: string[];
}

export function limitFeatures(where: string, counts: DocumentCounts, vocabulary: Map<string, number>, minDoc: number, maxDoc: number, maxFeatures: number | null): LimitResult {
  const sorted = sortTerms([...vocabulary.keys()]);
  const n = sorted.length;
  const rank = new Int32Array(n);
  sorted.forEach((t, i) => (rank[vocabulary.get(t) as number] = i));
  const df = new Float64Array(n);
  const tf = new Float64Array(n);
  for (let p = 0; p < counts.indices.length; p++) {
    const r = rank[counts.indices[p]];
    df[r]++;
    tf[r] += counts.data[p];
  }
  const keep = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) if (df[i] <= maxDoc && df[i] >= minDoc) (keep[i] = 1), kept++;
  if (maxFeatures !== null && kept > maxFeatures) {
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) candidates.push(i);
    const order = numpyArgsort(Float64Array.from(candidates, (i) => -tf[i]));
    keep.fill(0);
    for (let k = 0; k < maxFeatures; k++) keep[candidates[order[k]]] = 1;
    kept = maxFeatures;
  }
  if (kept === 0) throw new RangeError(`${where}: after pruning, no terms remain; try a lower 'minDf' or a higher 'maxDf'`);
  const column = new Int32Array(n);
  const terms: string[] = [];
  const pruned: string[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i]) {
      column[i] = terms.length;
      terms.push(sorted[i]);
    } else {
      column[i] = -1;
      pruned.push(sorted[i]);
    }
  }
  const map = new Int32Array(n);
  for (let id = 0; id < n; id++) map[id] = column[rank[id]];
  return { map, terms, pruned };
}
