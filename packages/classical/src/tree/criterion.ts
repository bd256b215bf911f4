/**
 * Internal: split criteria with scikit-learn 1.2's arithmetic (`sklearn/tree/_criterion.pyx`), so
 * that the same candidate split wins, bit for bit, wherever sums are exact (unit or integer weights).
 *
 * A criterion sees the node's samples `idx[base + start … base + end)`, ordered by the feature being
 * scanned; `update(pos)` moves the left/right boundary (adding from the nearer end, as sklearn does),
 * `proxyImprovement()` ranks candidates, `childrenImpurity()` and `improvement()` describe the chosen
 * split. One output only (sklearn's multi-output trees are not implemented).
 */

/** log₂, as sklearn's `_utils.log` (ln x / ln 2). */
const LN2 = Math.log(2.0);
function log2(x: number): number {
  return Math.log(x) / LN2;
}

export interface Criterion {
  /** Sums over the node's samples; `totalWeight` is the weight of all training samples. */
  init(idx: Int32Array, base: number, start: number, end: number, totalWeight: number): void;
  /** Points the criterion at another ordering of the same node's samples and resets it. */
  rebind(idx: Int32Array, base: number): void;
  reset(): void;
  update(newPos: number): void;
  readonly weightedNLeft: number;
  readonly weightedNRight: number;
  readonly weightedNNode: number;
  nodeImpurity(): number;
  proxyImprovement(): number;
  /** [left, right] impurities at the current position. */
  childrenImpurity(out: Float64Array): void;
  improvement(parent: number, left: number, right: number): number;
  /** Writes the node value (class weights, or the mean / median) into `out` at `offset`. */
  nodeValue(out: Float64Array, offset: number): void;
}

abstract class Base {
  protected idx: Int32Array = new Int32Array(0);
  protected base = 0;
  protected start = 0;
  protected end = 0;
  protected pos = 0;
  protected totalWeight = 0;
  weightedNNode = 0;
  weightedNLeft = 0;
  weightedNRight = 0;

  constructor(protected readonly w: Float64Array | null) {}

  rebind(idx: Int32Array, base: number): void {
    this.idx = idx;
    this.base = base;
    this.reset();
  }

  abstract reset(): void;
  abstract childrenImpurity(out: Float64Array): void;

  /** sklearn `impurity_improvement`: weighted decrease of impurity, as a share of all the weight. */
  improvement(parent: number, left: number, right: number): number {
    return (this.weightedNNode / this.totalWeight) * (parent - (this.weightedNRight / this.weightedNNode) * right - (this.weightedNLeft / this.weightedNNode) * left);
  }
}

/** Gini or entropy over C classes (`y` holds class indices). */
export class ClassificationCriterion extends Base implements Criterion {
  private readonly sumTotal: Float64Array;
  private readonly sumLeft: Float64Array;
  private readonly sumRight: Float64Array;

  constructor(
    private readonly y: Int32Array,
    w: Float64Array | null,
    private readonly nClasses: number,
    private readonly entropy: boolean,
  ) {
    super(w);
    this.sumTotal = new Float64Array(nClasses);
    this.sumLeft = new Float64Array(nClasses);
    this.sumRight = new Float64Array(nClasses);
  }

  init(idx: Int32Array, base: number, start: number, end: number, totalWeight: number): void {
    this.idx = idx;
    this.base = base;
    this.start = start;
    this.end = end;
    this.totalWeight = totalWeight;
    const { y, w, sumTotal } = this;
    sumTotal.fill(0);
    let wn = 0;
    for (let p = start; p < end; p++) {
      const i = idx[base + p];
      const wi = w === null ? 1.0 : w[i];
      sumTotal[y[i]] += wi;
      wn += wi;
    }
    this.weightedNNode = wn;
    this.reset();
  }

  reset(): void {
    this.pos = this.start;
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNode;
    this.sumLeft.fill(0);
    this.sumRight.set(this.sumTotal);
  }

  private reverseReset(): void {
    this.pos = this.end;
    this.weightedNLeft = this.weightedNNode;
    this.weightedNRight = 0;
    this.sumLeft.set(this.sumTotal);
    this.sumRight.fill(0);
  }

  update(newPos: number): void {
    const { idx, base, y, w, sumLeft, sumRight, sumTotal } = this;
    let wl = this.weightedNLeft;
    if (newPos - this.pos <= this.end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        sumLeft[y[i]] += wi;
        wl += wi;
      }
    } else {
      this.reverseReset();
      wl = this.weightedNLeft;
      for (let p = this.end - 1; p >= newPos; p--) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        sumLeft[y[i]] -= wi;
        wl -= wi;
      }
    }
    this.weightedNLeft = wl;
    this.weightedNRight = this.weightedNNode - wl;
    for (let c = 0; c < this.nClasses; c++) sumRight[c] = sumTotal[c] - sumLeft[c];
    this.pos = newPos;
  }

  private impurityOf(sum: Float64Array, wn: number): number {
    const C = this.nClasses;
    if (this.entropy) {
      let e = 0.0;
      for (let c = 0; c < C; c++) {
        let count = sum[c];
        if (count > 0.0) {
          count /= wn;
          e -= count * log2(count);
        }
      }
      return e;
    }
    let sq = 0.0;
    for (let c = 0; c < C; c++) sq += sum[c] * sum[c];
    return 1.0 - sq / (wn * wn);
  }

  nodeImpurity(): number {
    return this.impurityOf(this.sumTotal, this.weightedNNode);
  }

  proxyImprovement(): number {
    const wl = this.weightedNLeft;
    const wr = this.weightedNRight;
    if (this.entropy) return -wr * this.impurityOf(this.sumRight, wr) - wl * this.impurityOf(this.sumLeft, wl);
    // Gini inline (the hot path): the same operations, in the same order, as impurityOf.
    const { sumLeft, sumRight } = this;
    let sqL = 0.0;
    let sqR = 0.0;
    for (let c = 0; c < this.nClasses; c++) {
      sqL += sumLeft[c] * sumLeft[c];
      sqR += sumRight[c] * sumRight[c];
    }
    return -wr * (1.0 - sqR / (wr * wr)) - wl * (1.0 - sqL / (wl * wl));
  }

  childrenImpurity(out: Float64Array): void {
    out[0] = this.impurityOf(this.sumLeft, this.weightedNLeft);
    out[1] = this.impurityOf(this.sumRight, this.weightedNRight);
  }

  nodeValue(out: Float64Array, offset: number): void {
    out.set(this.sumTotal, offset);
  }
}

/** Squared error (sklearn `MSE`): the mean is the node value. */
export class SquaredErrorCriterion extends Base implements Criterion {
  private sumTotal = 0;
  private sqSumTotal = 0;
  private sumLeft = 0;
  private sumRight = 0;

  constructor(
    private readonly y: Float64Array,
    w: Float64Array | null,
  ) {
    super(w);
  }

  init(idx: Int32Array, base: number, start: number, end: number, totalWeight: number): void {
    this.idx = idx;
    this.base = base;
    this.start = start;
    this.end = end;
    this.totalWeight = totalWeight;
    const { y, w } = this;
    let s = 0;
    let sq = 0;
    let wn = 0;
    for (let p = start; p < end; p++) {
      const i = idx[base + p];
      const wi = w === null ? 1.0 : w[i];
      const wy = wi * y[i];
      s += wy;
      sq += wy * y[i];
      wn += wi;
    }
    this.sumTotal = s;
    this.sqSumTotal = sq;
    this.weightedNNode = wn;
    this.reset();
  }

  reset(): void {
    this.pos = this.start;
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNode;
    this.sumLeft = 0;
    this.sumRight = this.sumTotal;
  }

  update(newPos: number): void {
    const { idx, base, y, w } = this;
    let sl = this.sumLeft;
    let wl = this.weightedNLeft;
    if (newPos - this.pos <= this.end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        sl += wi * y[i];
        wl += wi;
      }
    } else {
      sl = this.sumTotal;
      wl = this.weightedNNode;
      for (let p = this.end - 1; p >= newPos; p--) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        sl -= wi * y[i];
        wl -= wi;
      }
    }
    this.sumLeft = sl;
    this.weightedNLeft = wl;
    this.weightedNRight = this.weightedNNode - wl;
    this.sumRight = this.sumTotal - sl;
    this.pos = newPos;
  }

  nodeImpurity(): number {
    const wn = this.weightedNNode;
    let impurity = this.sqSumTotal / wn;
    impurity -= (this.sumTotal / wn) ** 2.0;
    return impurity;
  }

  proxyImprovement(): number {
    return (this.sumLeft * this.sumLeft) / this.weightedNLeft + (this.sumRight * this.sumRight) / this.weightedNRight;
  }

  childrenImpurity(out: Float64Array): void {
    const { idx, base, y, w } = this;
    let sqLeft = 0.0;
    for (let p = this.start; p < this.pos; p++) {
      const i = idx[base + p];
      const wi = w === null ? 1.0 : w[i];
      sqLeft += wi * y[i] * y[i];
    }
    const sqRight = this.sqSumTotal - sqLeft;
    let left = sqLeft / this.weightedNLeft;
    let right = sqRight / this.weightedNRight;
    left -= (this.sumLeft / this.weightedNLeft) ** 2.0;
    right -= (this.sumRight / this.weightedNRight) ** 2.0;
    out[0] = left;
    out[1] = right;
  }

  nodeValue(out: Float64Array, offset: number): void {
    out[offset] = this.sumTotal / this.weightedNNode;
  }
}

/**
 * sklearn's `WeightedMedianCalculator` over a sorted `WeightedPQueue`, ported with its incremental
 * bookkeeping (k and the weight of the first k values), so that medians, and so the absolute-error
 * splits, are sklearn's also with sample weights.
 */
class WeightedMedian {
  private readonly data: Float64Array;
  private readonly weight: Float64Array;
  size = 0;
  private total = 0;
  private k = 0;
  private sumW0k = 0;

  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
    this.weight = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
    this.total = 0;
    this.k = 0;
    this.sumW0k = 0;
  }

  median(): number {
    const half = this.total / 2.0;
    if (this.sumW0k === half) return (this.data[this.k] + this.data[this.k - 1]) / 2.0;
    if (this.sumW0k > half) return this.data[this.k - 1];
    return 0; // unreachable while the bookkeeping holds
  }

  push(v: number, w: number): void {
    const original = this.size !== 0 ? this.median() : 0.0;
    const { data, weight } = this;
    let i = this.size++;
    data[i] = v;
    weight[i] = w;
    while (i !== 0 && data[i] < data[i - 1]) {
      const tv = data[i];
      data[i] = data[i - 1];
      data[i - 1] = tv;
      const tw = weight[i];
      weight[i] = weight[i - 1];
      weight[i - 1] = tw;
      i--;
    }
    if (this.size === 1) {
      this.k = 1;
      this.total = w;
      this.sumW0k = this.total;
      return;
    }
    this.total += w;
    if (v < original) {
      this.k += 1;
      this.sumW0k += w;
      while (this.k > 1 && this.sumW0k - weight[this.k - 1] >= this.total / 2.0) {
        this.k -= 1;
        this.sumW0k -= weight[this.k];
      }
    } else {
      while (this.k < this.size && this.sumW0k < this.total / 2.0) {
        this.k += 1;
        this.sumW0k += weight[this.k - 1];
      }
    }
  }

  /** Removes the first record equal to (v, w). */
  remove(v: number, w: number): void {
    const original = this.size !== 0 ? this.median() : 0.0;
    const { data, weight } = this;
    let at = -1;
    for (let i = 0; i < this.size; i++) {
      if (data[i] === v && weight[i] === w) {
        at = i;
        break;
      }
    }
    if (at < 0) return;
    this.removeAt(at, v, w, original);
  }

  /** Removes the smallest record into `out` ([value, weight]). */
  pop(out: Float64Array): void {
    const original = this.size !== 0 ? this.median() : 0.0;
    out[0] = this.data[0];
    out[1] = this.weight[0];
    this.removeAt(0, out[0], out[1], original);
  }

  private removeAt(at: number, v: number, w: number, original: number): void {
    const { data, weight } = this;
    data.copyWithin(at, at + 1, this.size);
    weight.copyWithin(at, at + 1, this.size);
    this.size--;
    if (this.size === 0) {
      this.k = 0;
      this.total = 0;
      this.sumW0k = 0;
      return;
    }
    if (this.size === 1) {
      this.k = 1;
      this.total -= w;
      this.sumW0k = this.total;
      return;
    }
    this.total -= w;
    if (v < original) {
      this.k -= 1;
      this.sumW0k -= w;
      while (this.k < this.size && this.sumW0k < this.total / 2.0) {
        this.k += 1;
        this.sumW0k += weight[this.k - 1];
      }
    } else {
      while (this.k > 1 && this.sumW0k - weight[this.k - 1] >= this.total / 2.0) {
        this.k -= 1;
        this.sumW0k -= weight[this.k];
      }
    }
  }
}

/**
 * Absolute error (sklearn `MAE`): the weighted median is the node value. Left and right medians are
 * kept by two {@link WeightedMedian}s updated sample by sample, as in sklearn (quadratic in the node
 * size there too).
 */
export class AbsoluteErrorCriterion extends Base implements Criterion {
  private readonly left: WeightedMedian;
  private readonly right: WeightedMedian;
  private nodeMedian = 0;
  private readonly rec = new Float64Array(2);

  constructor(
    private readonly y: Float64Array,
    w: Float64Array | null,
  ) {
    super(w);
    this.left = new WeightedMedian(y.length);
    this.right = new WeightedMedian(y.length);
  }

  init(idx: Int32Array, base: number, start: number, end: number, totalWeight: number): void {
    this.idx = idx;
    this.base = base;
    this.start = start;
    this.end = end;
    this.totalWeight = totalWeight;
    const { y, w } = this;
    this.left.clear();
    this.right.clear();
    let wn = 0;
    for (let p = start; p < end; p++) {
      const i = idx[base + p];
      const wi = w === null ? 1.0 : w[i];
      this.right.push(y[i], wi);
      wn += wi;
    }
    this.weightedNNode = wn;
    this.nodeMedian = this.right.median();
    this.reset();
  }

  reset(): void {
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNode;
    this.pos = this.start;
    for (let n = this.left.size; n > 0; n--) {
      this.left.pop(this.rec);
      this.right.push(this.rec[0], this.rec[1]);
    }
  }

  private reverseReset(): void {
    this.weightedNRight = 0;
    this.weightedNLeft = this.weightedNNode;
    this.pos = this.end;
    for (let n = this.right.size; n > 0; n--) {
      this.right.pop(this.rec);
      this.left.push(this.rec[0], this.rec[1]);
    }
  }

  update(newPos: number): void {
    const { idx, base, y, w } = this;
    if (newPos - this.pos <= this.end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        this.right.remove(y[i], wi);
        this.left.push(y[i], wi);
        this.weightedNLeft += wi;
      }
    } else {
      this.reverseReset();
      for (let p = this.end - 1; p >= newPos; p--) {
        const i = idx[base + p];
        const wi = w === null ? 1.0 : w[i];
        this.left.remove(y[i], wi);
        this.right.push(y[i], wi);
        this.weightedNLeft -= wi;
      }
    }
    this.weightedNRight = this.weightedNNode - this.weightedNLeft;
    this.pos = newPos;
  }

  private deviation(from: number, to: number, median: number): number {
    const { idx, base, y, w } = this;
    let s = 0.0;
    for (let p = from; p < to; p++) {
      const i = idx[base + p];
      s += Math.abs(y[i] - median) * (w === null ? 1.0 : w[i]);
    }
    return s;
  }

  nodeImpurity(): number {
    return this.deviation(this.start, this.end, this.nodeMedian) / this.weightedNNode;
  }

  proxyImprovement(): number {
    const out = new Float64Array(2);
    this.childrenImpurity(out);
    return -this.weightedNRight * out[1] - this.weightedNLeft * out[0];
  }

  childrenImpurity(out: Float64Array): void {
    out[0] = this.deviation(this.start, this.pos, this.left.median()) / this.weightedNLeft;
    out[1] = this.deviation(this.pos, this.end, this.right.median()) / this.weightedNRight;
  }

  nodeValue(out: Float64Array, offset: number): void {
    out[offset] = this.nodeMedian;
  }
}
