/**
 * Internal: scikit-learn 1.2's depth-first tree builder and best splitter
 * (`sklearn/tree/_tree.pyx` `DepthFirstTreeBuilder`, `sklearn/tree/_splitter.pyx` `BestSplitter`) on
 * presorted columns.
 *
 * Reference: L. Breiman, J. Friedman, R. Olshen and C. Stone, "Classification and Regression Trees",
 * 1984 (CART). The features of each node are drawn as sklearn draws them (Fisher–Yates over a
 * persistent feature permutation, with known-constant features skipped), from the same `rand_r`
 * stream, so trees equal sklearn's for the same seed. Instead of sorting every drawn feature at
 * every node (sklearn's introsort), each feature's column is sorted once and the node segments are
 * partitioned stably at each split: O(n·d) per tree level. Only the order of equal values differs
 * from sklearn, which changes nothing but the last bits of float sums with non-integer weights.
 *
 * Float32 rules as sklearn: X is cast to float32; two sorted neighbours are distinct when
 * `x[p+1] > float32(x[p] + float32(1e-7))`; a threshold is the float64 midpoint `x[p−1]/2 + x[p]/2`,
 * replaced by `x[p−1]` when it rounds up to `x[p]` (so no value falls on the wrong side).
 */
import type { Criterion } from './criterion.js';
import type { RandR } from './sklearn-random.js';
import { TREE_LEAF, TREE_UNDEFINED, type TreeArrays } from './tree-arrays.js';

/** sklearn's `FEATURE_THRESHOLD` (a float32 1e-7). */
const FEATURE_THRESHOLD = Math.fround(1e-7);
/** `np.finfo(np.double).eps`. */
const EPSILON = 2.220446049250313e-16;

/** Columns sorted once, shared by every tree of a forest. */
export interface Presorted {
  /** Float32 values, column-major: `X[f·n + i]`. */
  X: Float32Array;
  /** Per column, the sample indices in ascending value order (ties by index): `order[f·n + k]`. */
  order: Int32Array;
  n: number;
  d: number;
}

/**
 * Sorts every column of a float32 column-major matrix once. A float32 value widened to float64 has
 * 29 zero mantissa bits; the sample index is written there, so a native numeric sort of the keys
 * orders by value (equal values by index, reversed for negatives) and the index is read back.
 */
export function presort(X: Float32Array, n: number, d: number): Presorted {
  if (n >= 2 ** 29) throw new RangeError(`presort: at most 2^29 - 1 rows are supported; received ${n}`);
  const order = new Int32Array(n * d);
  const keys = new Float64Array(n);
  const words = new Uint32Array(keys.buffer);
  const lo = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // little-endian: low word first
  for (let f = 0; f < d; f++) {
    const col = X.subarray(f * n, (f + 1) * n);
    for (let i = 0; i < n; i++) {
      keys[i] = col[i];
      words[2 * i + lo] = ((words[2 * i + lo] & 0xe0000000) | i) >>> 0;
    }
    keys.sort();
    const o = f * n;
    for (let k = 0; k < n; k++) order[o + k] = words[2 * k + lo] & 0x1fffffff;
  }
  return { X, order, n, d };
}

/**
 * Column-major float32 copy of a row-major float64 matrix (sklearn's cast to `DTYPE`); a value
 * beyond float32's range is rejected, as sklearn's `check_array` does.
 */
export function toColumnsF32(where: string, data: Float64Array, n: number, d: number): Float32Array {
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const v = Math.fround(data[i * d + f]);
      if (!Number.isFinite(v)) throw new RangeError(`${where}: 'X[${i}][${f}]' must fit in float32 (|x| <= 3.4028235e38); received ${data[i * d + f]}`);
      X[f * n + i] = v;
    }
  }
  return X;
}

/** Stopping and sampling rules, already resolved to sklearn's integers. */
export interface BuildParams {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minWeightLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: number;
}

/** Growable node storage. */
class NodeStore {
  count = 0;
  left = new Int32Array(64);
  right = new Int32Array(64);
  feature = new Int32Array(64);
  threshold = new Float64Array(64);
  impurity = new Float64Array(64);
  nSamples = new Int32Array(64);
  wnSamples = new Float64Array(64);
  value: Float64Array;

  constructor(readonly valueSize: number) {
    this.value = new Float64Array(64 * valueSize);
  }

  add(parent: number, isLeft: boolean, isLeaf: boolean, feature: number, threshold: number, impurity: number, n: number, wn: number): number {
    if (this.count === this.left.length) this.grow();
    const id = this.count++;
    if (parent !== TREE_UNDEFINED) {
      if (isLeft) this.left[parent] = id;
      else this.right[parent] = id;
    }
    this.left[id] = TREE_LEAF;
    this.right[id] = TREE_LEAF;
    this.feature[id] = isLeaf ? TREE_UNDEFINED : feature;
    this.threshold[id] = isLeaf ? TREE_UNDEFINED : threshold;
    this.impurity[id] = impurity;
    this.nSamples[id] = n;
    this.wnSamples[id] = wn;
    return id;
  }

  private grow(): void {
    const cap = this.left.length * 2;
    const g = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (k: number) => T)(size);
      b.set(a);
      return b;
    };
    this.left = g(this.left, cap);
    this.right = g(this.right, cap);
    this.feature = g(this.feature, cap);
    this.threshold = g(this.threshold, cap);
    this.impurity = g(this.impurity, cap);
    this.nSamples = g(this.nSamples, cap);
    this.wnSamples = g(this.wnSamples, cap);
    this.value = g(this.value, cap * this.valueSize);
  }

  finish(nFeatures: number, maxDepth: number): TreeArrays {
    const k = this.count;
    return {
      nodeCount: k,
      nFeatures,
      maxDepth,
      valueSize: this.valueSize,
      childrenLeft: this.left.slice(0, k),
      childrenRight: this.right.slice(0, k),
      feature: this.feature.slice(0, k),
      threshold: this.threshold.slice(0, k),
      impurity: this.impurity.slice(0, k),
      nNodeSamples: this.nSamples.slice(0, k),
      weightedNNodeSamples: this.wnSamples.slice(0, k),
      value: this.value.slice(0, k * this.valueSize),
    };
  }
}

/**
 * Grows one tree. `w` (length n, or null for unit weights) drops samples of weight 0, as sklearn's
 * splitter does; `crit` is built on the same `y` and `w`.
 */
export function buildTree(pre: Presorted, w: Float64Array | null, crit: Criterion, valueSize: number, params: BuildParams, rand: RandR): TreeArrays {
  const { n, d, X, order } = pre;
  const { maxDepth, minSamplesSplit, minSamplesLeaf: msl, minWeightLeaf: mwl, minImpurityDecrease, maxFeatures } = params;

  // Samples with non-zero weight; the total weight counts every sample (sklearn weighted_n_samples).
  let m = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    if (w === null || w[i] !== 0) m++;
    totalWeight += w === null ? 1.0 : w[i];
  }
  const idx = new Int32Array(d * m);
  const vals = new Float32Array(d * m);
  for (let f = 0; f < d; f++) {
    let k = f * m;
    const ord = order.subarray(f * n, (f + 1) * n);
    const col = X.subarray(f * n, (f + 1) * n);
    for (let q = 0; q < n; q++) {
      const s = ord[q];
      if (w !== null && w[s] === 0) continue;
      idx[k] = s;
      vals[k++] = col[s];
    }
  }
  const samples = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (w === null || w[i] !== 0) samples[k++] = i;

  const features = new Int32Array(d);
  for (let f = 0; f < d; f++) features[f] = f;
  const constantFeatures = new Int32Array(d);
  const goLeft = new Uint8Array(n);
  const tmpI = new Int32Array(m);
  const tmpV = new Float32Array(m);
  const children = new Float64Array(2);
  const store = new NodeStore(valueSize);

  // Stack of pending nodes: start, end, depth, parent, isLeft, impurity, nConstantFeatures.
  const stack: number[] = [0, m, 0, TREE_UNDEFINED, 0, Infinity, 0];
  let first = true;
  let maxDepthSeen = 0;

  while (stack.length > 0) {
    const nConstParent = stack.pop() as number;
    let impurity = stack.pop() as number;
    const isLeft = stack.pop() === 1;
    const parent = stack.pop() as number;
    const depth = stack.pop() as number;
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const nNode = end - start;

    crit.init(samples, 0, start, end, totalWeight);
    const wnNode = crit.weightedNNode;
    let isLeaf = depth >= maxDepth || nNode < minSamplesSplit || nNode < 2 * msl || wnNode < 2 * mwl;
    if (first) {
      impurity = crit.nodeImpurity();
      first = false;
    }
    isLeaf = isLeaf || impurity <= EPSILON;

    let bestPos = end;
    let bestFeature = 0;
    let bestThreshold = 0;
    let impLeft = Infinity;
    let impRight = Infinity;
    let nConst = nConstParent;
    if (!isLeaf) {
      // ---- BestSplitter.node_split ----
      let fi = d;
      let nVisited = 0;
      let nFound = 0;
      let nDrawn = 0;
      const nKnown = nConstParent;
      let nTotal = nKnown;
      let bestProxy = -Infinity;
      let lastSorted = -1;
      while (fi > nTotal && (nVisited < maxFeatures || nVisited <= nFound + nDrawn)) {
        nVisited++;
        let fj = rand.int(nDrawn, fi - nFound);
        if (fj < nKnown) {
          const t = features[nDrawn];
          features[nDrawn] = features[fj];
          features[fj] = t;
          nDrawn++;
          continue;
        }
        fj += nFound;
        const f = features[fj];
        const o = f * m;
        // sklearn sorts the node's samples by each drawn feature; the last sort fixes their order.
        if (vals[o + end - 1] !== vals[o + start]) lastSorted = f;
        if (vals[o + end - 1] <= Math.fround(vals[o + start] + FEATURE_THRESHOLD)) {
          features[fj] = features[nTotal];
          features[nTotal] = f;
          nFound++;
          nTotal++;
          continue;
        }
        fi--;
        features[fj] = features[fi];
        features[fi] = f;

        crit.rebind(idx, o);
        let p = start;
        while (p < end) {
          while (p + 1 < end && vals[o + p + 1] <= Math.fround(vals[o + p] + FEATURE_THRESHOLD)) p++;
          p++;
          if (p >= end) break;
          if (p - start < msl || end - p < msl) continue;
          crit.update(p);
          if (crit.weightedNLeft < mwl || crit.weightedNRight < mwl) continue;
          const proxy = crit.proxyImprovement();
          if (proxy > bestProxy) {
            bestProxy = proxy;
            const lo = vals[o + p - 1];
            const hi = vals[o + p];
            let thr = lo / 2.0 + hi / 2.0;
            if (thr === hi || thr === Infinity || thr === -Infinity) thr = lo;
            bestThreshold = thr;
            bestPos = p;
            bestFeature = f;
          }
        }
      }
      let improvement = -Infinity;
      if (lastSorted >= 0) samples.set(idx.subarray(lastSorted * m + start, lastSorted * m + end), start);
      if (bestPos < end) {
        // sklearn's in-place partition of the samples, then its final criterion pass over them: the
        // node sums it stores (and the children's) are summed in this order.
        const col = X.subarray(bestFeature * n, (bestFeature + 1) * n);
        let pEnd = end;
        for (let p = start; p < pEnd; ) {
          if (col[samples[p]] <= bestThreshold) p++;
          else {
            pEnd--;
            const t = samples[p];
            samples[p] = samples[pEnd];
            samples[pEnd] = t;
          }
        }
        crit.rebind(samples, 0);
        crit.update(bestPos);
        crit.childrenImpurity(children);
        impLeft = children[0];
        impRight = children[1];
        improvement = crit.improvement(impurity, impLeft, impRight);
      }
      // Restore the known constants' order; record the newly found ones.
      for (let k = 0; k < nKnown; k++) features[k] = constantFeatures[k];
      for (let k = nKnown; k < nTotal; k++) constantFeatures[k] = features[k];
      nConst = nTotal;
      isLeaf = bestPos >= end || improvement + EPSILON < minImpurityDecrease;

      if (!isLeaf) {
        // Partition the samples and every non-constant column stably around the split.
        const o = bestFeature * m;
        for (let p = start; p < bestPos; p++) goLeft[idx[o + p]] = 1;
        for (let p = bestPos; p < end; p++) goLeft[idx[o + p]] = 0;
        for (let k = nTotal; k < d; k++) {
          const f = features[k];
          if (f === bestFeature) continue;
          partitionColumn(idx, vals, f * m, start, end, goLeft, tmpI, tmpV);
        }
      }
    }

    const id = store.add(parent, isLeft, isLeaf, bestFeature, bestThreshold, impurity, nNode, wnNode);
    crit.nodeValue(store.value, id * valueSize);
    if (!isLeaf) {
      stack.push(bestPos, end, depth + 1, id, 0, impRight, nConst);
      stack.push(start, bestPos, depth + 1, id, 1, impLeft, nConst);
    }
    if (depth > maxDepthSeen) maxDepthSeen = depth;
  }
  return store.finish(d, maxDepthSeen);
}

function partitionColumn(idx: Int32Array, vals: Float32Array, o: number, start: number, end: number, goLeft: Uint8Array, tmpI: Int32Array, tmpV: Float32Array): void {
  let l = o + start;
  let r = 0;
  for (let p = o + start; p < o + end; p++) {
    const s = idx[p];
    if (goLeft[s] === 1) {
      idx[l] = s;
      vals[l++] = vals[p];
    } else {
      tmpI[r] = s;
      tmpV[r++] = vals[p];
    }
  }
  idx.set(tmpI.subarray(0, r), l);
  vals.set(tmpV.subarray(0, r), l);
}
