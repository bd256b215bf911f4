/**
 * Collects (row, column, similarity) entries into per-row neighbour lists sorted by similarity
 * descending (ties: lower column first). Bounded (`k` finite): one min-heap of size k per row in two
 * flat typed arrays, so memory is O(rows · k) and a candidate worse than a full row's worst costs one
 * comparison. Unbounded (`k` = Infinity): every entry is kept in growable typed arrays and each row
 * is sorted at the end.
 */
import type { SimilarityLists } from './compute-similarities.js';

/** `(va, ca)` ranks below `(vb, cb)`: lower value, or equal value and higher column. */
function worse(va: number, ca: number, vb: number, cb: number): boolean {
  return va < vb || (va === vb && ca > cb);
}

export class NeighborListsBuilder {
  private readonly bounded: boolean;
  private readonly k: number;
  private readonly size: Int32Array;
  private heapVal: Float64Array;
  private heapCol: Int32Array;
  // Unbounded mode: (row, col, value) triples.
  private rowsOf: Int32Array;
  private length = 0;

  constructor(readonly nRows: number, k: number) {
    this.bounded = Number.isFinite(k);
    this.k = this.bounded ? k : 0;
    this.size = new Int32Array(nRows);
    const cap = this.bounded ? nRows * k : 1024;
    this.heapVal = new Float64Array(cap);
    this.heapCol = new Int32Array(cap);
    this.rowsOf = new Int32Array(this.bounded ? 0 : cap);
  }

  /** Offers `col` with similarity `value` to row `row`'s list. */
  add(row: number, col: number, value: number): void {
    if (!this.bounded) {
      if (this.length === this.heapVal.length) this.grow();
      this.rowsOf[this.length] = row;
      this.heapCol[this.length] = col;
      this.heapVal[this.length++] = value;
      this.size[row]++;
      return;
    }
    const k = this.k;
    const base = row * k;
    const hv = this.heapVal;
    const hc = this.heapCol;
    const s = this.size[row];
    if (s < k) {
      let c = s;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(value, col, hv[base + p], hc[base + p])) break;
        hv[base + c] = hv[base + p];
        hc[base + c] = hc[base + p];
        c = p;
      }
      hv[base + c] = value;
      hc[base + c] = col;
      this.size[row] = s + 1;
    } else if (k > 0 && worse(hv[base], hc[base], value, col)) {
      siftDown(hv, hc, base, k, value, col);
    }
  }

  private grow(): void {
    const cap = this.heapVal.length * 2;
    const v = new Float64Array(cap);
    v.set(this.heapVal);
    const c = new Int32Array(cap);
    c.set(this.heapCol);
    const r = new Int32Array(cap);
    r.set(this.rowsOf);
    this.heapVal = v;
    this.heapCol = c;
    this.rowsOf = r;
  }

  /** The lists as CSR, each row best first. */
  finish(): SimilarityLists {
    const n = this.nRows;
    const indptr = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) indptr[r + 1] = indptr[r] + this.size[r];
    const indices = new Int32Array(indptr[n]);
    const values = new Float64Array(indptr[n]);
    if (this.bounded) {
      const k = this.k;
      for (let r = 0; r < n; r++) {
        // Pop the heap worst-first into the row back to front.
        const base = r * k;
        for (let s = this.size[r] - 1; s >= 0; s--) {
          indices[indptr[r] + s] = this.heapCol[base];
          values[indptr[r] + s] = this.heapVal[base];
          if (s > 0) siftDown(this.heapVal, this.heapCol, base, s, this.heapVal[base + s], this.heapCol[base + s]);
        }
      }
      return { indptr, indices, values };
    }
    const fill = indptr.slice(0, n);
    const order = new Int32Array(this.length);
    for (let t = 0; t < this.length; t++) order[fill[this.rowsOf[t]]++] = t;
    const hv = this.heapVal;
    const hc = this.heapCol;
    for (let r = 0; r < n; r++) {
      const row = order.subarray(indptr[r], indptr[r + 1]);
      row.sort((a, b) => (worse(hv[b], hc[b], hv[a], hc[a]) ? -1 : worse(hv[a], hc[a], hv[b], hc[b]) ? 1 : 0));
      for (let s = 0; s < row.length; s++) {
        indices[indptr[r] + s] = hc[row[s]];
        values[indptr[r] + s] = hv[row[s]];
      }
    }
    return { indptr, indices, values };
  }
}

/** Puts (v, c) at the root of the min-heap in slots [base, base + size) and restores the heap order. */
function siftDown(hv: Float64Array, hc: Int32Array, base: number, size: number, v: number, c: number): void {
  let at = 0;
  for (;;) {
    const l = 2 * at + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && worse(hv[base + r], hc[base + r], hv[base + l], hc[base + l]) ? r : l;
    if (!worse(hv[base + m], hc[base + m], v, c)) break;
    hv[base + at] = hv[base + m];
    hc[base + at] = hc[base + m];
    at = m;
  }
  hv[base + at] = v;
  hc[base + at] = c;
}
