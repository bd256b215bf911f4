/**
 * Growable typed-array storage for an edge list of dense node indices: sources, targets and
 * (optionally) weights. Doubling keeps appends amortised O(1) without per-edge objects.
 */
export class EdgeBuffer {
  src: Int32Array;
  dst: Int32Array;
  weights: Float64Array | null = null;
  length = 0;

  constructor(capacity = 1024) {
    this.src = new Int32Array(Math.max(16, capacity));
    this.dst = new Int32Array(Math.max(16, capacity));
  }

  /** Appends `s → d` with weight `w` (1 for unweighted edges). */
  push(s: number, d: number, w: number): void {
    if (this.length === this.src.length) this.grow();
    const i = this.length++;
    this.src[i] = s;
    this.dst[i] = d;
    if (this.weights) {
      this.weights[i] = w;
    } else if (w !== 1) {
      // The first edge not of weight 1 switches the buffer to weighted storage.
      this.weights = new Float64Array(this.src.length).fill(1, 0, i);
      this.weights[i] = w;
    }
  }

  private grow(): void {
    const capacity = this.src.length * 2;
    const src = new Int32Array(capacity);
    src.set(this.src);
    this.src = src;
    const dst = new Int32Array(capacity);
    dst.set(this.dst);
    this.dst = dst;
    if (this.weights) {
      const weights = new Float64Array(capacity);
      weights.set(this.weights);
      this.weights = weights;
    }
  }
}
