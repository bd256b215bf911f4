/**
 * Top-n selection with a bounded min-heap: O(m log n) for m candidates instead of a full sort.
 * Ties are broken by the lower index, so the result does not depend on the scan order.
 */

/** The `n` best entries of a selection, best first. */
export interface TopN {
  /** Item (or user) indices, best first. */
  indices: Int32Array;
  /** Their scores, same order. */
  scores: Float64Array;
}

/** `a` ranks below `b` (lower score, or equal score and higher index). */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/**
 * The `n` highest of `scores` (NaN and −Infinity never selected), skipping indices where
 * `skip(index)` is true. Returns fewer than `n` entries when fewer qualify.
 */
export function topN(scores: ArrayLike<number>, n: number, skip?: (index: number) => boolean): TopN {
  const heapIdx = new Int32Array(n);
  const heapScore = new Float64Array(n);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s > -Infinity)) continue;
    if (skip !== undefined && skip(i)) continue;
    if (size < n) {
      // sift up
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(s, i, heapScore[p], heapIdx[p])) break;
        heapScore[c] = heapScore[p];
        heapIdx[c] = heapIdx[p];
        c = p;
      }
      heapScore[c] = s;
      heapIdx[c] = i;
    } else if (n > 0 && worse(heapScore[0], heapIdx[0], s, i)) {
      siftDown(heapScore, heapIdx, size, s, i);
    }
  }
  // Pop the heap from worst to best into the output back to front.
  const indices = new Int32Array(size);
  const out = new Float64Array(size);
  for (let k = size - 1; k >= 0; k--) {
    indices[k] = heapIdx[0];
    out[k] = heapScore[0];
    const last = k;
    if (last > 0) siftDown(heapScore, heapIdx, last, heapScore[last], heapIdx[last]);
  }
  return { indices, scores: out };
}

/** Replaces the root with (s, i) and restores the min-heap order over the first `size` slots. */
function siftDown(heapScore: Float64Array, heapIdx: Int32Array, size: number, s: number, i: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && worse(heapScore[r], heapIdx[r], heapScore[l], heapIdx[l]) ? r : l;
    if (!worse(heapScore[m], heapIdx[m], s, i)) break;
    heapScore[c] = heapScore[m];
    heapIdx[c] = heapIdx[m];
    c = m;
  }
  heapScore[c] = s;
  heapIdx[c] = i;
}
