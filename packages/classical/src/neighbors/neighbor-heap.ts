/**
 * Internal: a bounded max-heap of the k best (distance, index) pairs seen so far. Pairs order by
 * distance, then by index, so equal distances keep the lower training index: the documented,
 * algorithm-independent tie rule of the neighbour models.
 */
export class NeighborHeap {
  readonly dist: Float64Array;
  readonly index: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.index = new Int32Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** The worst kept distance, or Infinity while fewer than k are kept. */
  worst(): number {
    return this.size < this.k ? Infinity : this.dist[0];
  }

  /** Offers a pair; keeps it if among the k best. */
  push(d: number, i: number): void {
    const { dist, index } = this;
    if (this.size < this.k) {
      let c = this.size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (dist[p] > d || (dist[p] === d && index[p] > i)) break;
        dist[c] = dist[p];
        index[c] = index[p];
        c = p;
      }
      dist[c] = d;
      index[c] = i;
      return;
    }
    if (d > dist[0] || (d === dist[0] && i > index[0])) return;
    // Replace the root and sift down.
    let c = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= n) break;
      let m = l;
      const r = l + 1;
      if (r < n && (dist[r] > dist[l] || (dist[r] === dist[l] && index[r] > index[l]))) m = r;
      if (dist[m] < d || (dist[m] === d && index[m] < i)) break;
      dist[c] = dist[m];
      index[c] = index[m];
      c = m;
    }
    dist[c] = d;
    index[c] = i;
  }

  /** Writes the kept pairs in ascending (distance, index) order into `outDist`/`outIndex` at `offset`. */
  drain(outDist: Float64Array, outIndex: Int32Array, offset: number): void {
    // Insertion sort of the (few) kept pairs straight into the output.
    const { dist, index } = this;
    for (let j = 0; j < this.size; j++) {
      const dv = dist[j];
      const iv = index[j];
      let p = offset + j;
      while (p > offset && (outDist[p - 1] > dv || (outDist[p - 1] === dv && outIndex[p - 1] > iv))) {
        outDist[p] = outDist[p - 1];
        outIndex[p] = outIndex[p - 1];
        p--;
      }
      outDist[p] = dv;
      outIndex[p] = iv;
    }
  }
}
