/**
 * Counts features per document into CSR arrays, as scikit-learn's `CountVectorizer._count_vocab`:
 * with a growing vocabulary new features get the next id (first-appearance order); with a fixed one
 * unknown features are skipped. Column indices come out in first-seen order within a row (not sorted).
 */
import type { Analyzer } from './analyzer-options.js';

/** Raw per-document counts. */
export interface DocumentCounts {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

export function countDocuments(docs: readonly string[], analyze: Analyzer, vocabulary: Map<string, number>, fixed: boolean): DocumentCounts {
  let counts = new Float64Array(Math.max(16, vocabulary.size));
  const indptr = new Int32Array(docs.length + 1);
  let indices = new Int32Array(1024);
  let data = new Float64Array(1024);
  let nnz = 0;
  for (let d = 0; d < docs.length; d++) {
    const start = nnz;
    for (const feature of analyze(docs[d])) {
      let id = vocabulary.get(feature);
      if (id === undefined) {
        if (fixed) continue;
        id = vocabulary.size;
        vocabulary.set(feature, id);
        if (id >= counts.length) {
          const grown = new Float64Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      if (counts[id] === 0) {
        if (nnz === indices.length) {
          const gi = new Int32Array(nnz * 2);
          gi.set(indices);
          indices = gi;
          const gd = new Float64Array(nnz * 2);
          gd.set(data);
          data = gd;
        }
        indices[nnz++] = id;
      }
      counts[id]++;
    }
    for (let p = start; p < nnz; p++) {
      data[p] = counts[indices[p]];
      counts[indices[p]] = 0;
    }
    indptr[d + 1] = nnz;
  }
  return { indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) };
}
