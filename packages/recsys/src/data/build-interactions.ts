/** Sorting user-major and merging duplicates: the raw triples → CSR step behind `InteractionMatrix`. */

/** How repeated (user, item) pairs are combined. */
export type DuplicatePolicy = 'error' | 'sum' | 'last' | 'mean';

/** CSR arrays of an interaction matrix (users are rows). */
export interface InteractionParts {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  timestamps: Float64Array | null;
}

/**
 * Builds CSR from COO entries: rows by user, columns sorted by item; duplicates merged per
 * `duplicates` (the timestamp kept is the latest one). `describe(u, i)` names a pair in errors.
 */
export function buildInteractions(
  nUsers: number,
  users: Int32Array,
  items: Int32Array,
  values: Float64Array,
  timestamps: Float64Array | null,
  duplicates: DuplicatePolicy,
  describe: (u: number, i: number) => string,
): InteractionParts {
  const n = users.length;
  const counts = new Int32Array(nUsers + 1);
  for (let e = 0; e < n; e++) counts[users[e] + 1]++;
  for (let u = 0; u < nUsers; u++) counts[u + 1] += counts[u];
  // Stable counting sort by user keeps input order inside a row, so 'last' means last given.
  const order = new Int32Array(n);
  const fill = counts.slice(0, nUsers);
  for (let e = 0; e < n; e++) order[fill[users[e]]++] = e;
  for (let u = 0; u < nUsers; u++) {
    const row = Array.from(order.subarray(counts[u], counts[u + 1]));
    row.sort((a, b) => items[a] - items[b] || a - b);
    order.set(row, counts[u]);
  }
  const indptr = new Int32Array(nUsers + 1);
  const outItems = new Int32Array(n);
  const outValues = new Float64Array(n);
  const outTimes = timestamps === null ? null : new Float64Array(n);
  let nnz = 0;
  for (let u = 0; u < nUsers; u++) {
    let k = counts[u];
    const end = counts[u + 1];
    while (k < end) {
      const e = order[k];
      let value = values[e];
      let time = timestamps === null ? 0 : timestamps[e];
      let repeat = 1;
      k++;
      while (k < end && items[order[k]] === items[e]) {
        if (duplicates === 'error') {
          throw new RangeError(
            `InteractionMatrix: duplicate interaction ${describe(u, items[e])}; pass 'duplicates' ('sum', 'last' or 'mean') to combine repeats`,
          );
        }
        const e2 = order[k];
        if (duplicates === 'last') value = values[e2];
        else value += values[e2];
        if (timestamps !== null && timestamps[e2] > time) time = timestamps[e2];
        repeat++;
        k++;
      }
      outItems[nnz] = items[e];
      outValues[nnz] = duplicates === 'mean' ? value / repeat : value;
      if (outTimes !== null) outTimes[nnz] = time;
      nnz++;
    }
    indptr[u + 1] = nnz;
  }
  return {
    indptr,
    indices: outItems.slice(0, nnz),
    values: outValues.slice(0, nnz),
    timestamps: outTimes === null ? null : outTimes.slice(0, nnz),
  };
}
