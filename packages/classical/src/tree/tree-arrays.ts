/**
 * Internal: a fitted tree as scikit-learn's parallel node arrays (`sklearn.tree._tree.Tree`), and
 * what reads them: `apply`, `decisionPath`, feature importances, JSON.
 */
import { CsrMatrix } from '@ml/core';
import type { Dense } from '../base/read-matrix.js';

/** `children_left`/`children_right` of a leaf (sklearn `TREE_LEAF`). */
export const TREE_LEAF = -1;
/** `feature`/`threshold` of a leaf (sklearn `TREE_UNDEFINED`). */
export const TREE_UNDEFINED = -2;

/** The node arrays of one tree; node 0 is the root, nodes are numbered depth first, left first. */
export interface TreeArrays {
  nodeCount: number;
  nFeatures: number;
  /** Depth of the deepest leaf (sklearn `max_depth`). */
  maxDepth: number;
  /** Entries of `value` per node: the number of classes, or 1 for regression. */
  valueSize: number;
  childrenLeft: Int32Array;
  childrenRight: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;
  /** Weighted class counts (classifier, as sklearn 1.2) or the mean / median (regressor). */
  value: Float64Array;
}

/** The plain-array form of {@link TreeArrays} written into estimators' JSON. */
export interface TreeJSON {
  nodeCount: number;
  nFeatures: number;
  maxDepth: number;
  valueSize: number;
  childrenLeft: number[];
  childrenRight: number[];
  feature: number[];
  threshold: number[];
  impurity: number[];
  nNodeSamples: number[];
  weightedNNodeSamples: number[];
  value: number[];
}

/** The leaf index of each row (X cast to float32, compared with `<=` as sklearn). */
export function applyTree(t: TreeArrays, x: Dense): Int32Array {
  const out = new Int32Array(x.rows);
  const { childrenLeft: L, childrenRight: R, feature: F, threshold: T } = t;
  const d = x.cols;
  for (let i = 0; i < x.rows; i++) {
    let node = 0;
    while (L[node] !== TREE_LEAF) node = Math.fround(x.data[i * d + F[node]]) <= T[node] ? L[node] : R[node];
    out[i] = node;
  }
  return out;
}

/** Node indicator matrix: entry (i, j) is 1 when row i passes through node j (sklearn `decision_path`). */
export function decisionPathTree(t: TreeArrays, x: Dense): CsrMatrix {
  const indptr = new Int32Array(x.rows + 1);
  const indices: number[] = [];
  const { childrenLeft: L, childrenRight: R, feature: F, threshold: T } = t;
  const d = x.cols;
  for (let i = 0; i < x.rows; i++) {
    let node = 0;
    indices.push(0);
    while (L[node] !== TREE_LEAF) {
      node = Math.fround(x.data[i * d + F[node]]) <= T[node] ? L[node] : R[node];
      indices.push(node);
    }
    indptr[i + 1] = indices.length;
  }
  return new CsrMatrix({ indptr, indices: Int32Array.from(indices), data: new Float64Array(indices.length).fill(1), shape: [x.rows, t.nodeCount] });
}

/** Normalised total impurity decrease per feature (sklearn `compute_feature_importances`). */
export function treeFeatureImportances(t: TreeArrays): Float64Array {
  const imp = new Float64Array(t.nFeatures);
  const { childrenLeft: L, childrenRight: R, weightedNNodeSamples: W, impurity: I } = t;
  for (let k = 0; k < t.nodeCount; k++) {
    if (L[k] === TREE_LEAF) continue;
    imp[t.feature[k]] += W[k] * I[k] - W[L[k]] * I[L[k]] - W[R[k]] * I[R[k]];
  }
  let sum = 0;
  for (let f = 0; f < imp.length; f++) {
    imp[f] /= W[0];
    sum += imp[f];
  }
  if (sum > 0) for (let f = 0; f < imp.length; f++) imp[f] /= sum;
  return imp;
}

export function treeToJSON(t: TreeArrays): TreeJSON {
  return {
    nodeCount: t.nodeCount,
    nFeatures: t.nFeatures,
    maxDepth: t.maxDepth,
    valueSize: t.valueSize,
    childrenLeft: Array.from(t.childrenLeft),
    childrenRight: Array.from(t.childrenRight),
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    impurity: Array.from(t.impurity),
    nNodeSamples: Array.from(t.nNodeSamples),
    weightedNNodeSamples: Array.from(t.weightedNNodeSamples),
    value: Array.from(t.value),
  };
}

/** Rebuilds (and checks) node arrays from JSON. */
export function treeFromJSON(where: string, j: TreeJSON): TreeArrays {
  const k = j.nodeCount;
  const arrays = [j.childrenLeft, j.childrenRight, j.feature, j.threshold, j.impurity, j.nNodeSamples, j.weightedNNodeSamples];
  if (!Number.isInteger(k) || k < 1 || arrays.some((a) => !Array.isArray(a) || a.length !== k) || !Array.isArray(j.value) || j.value.length !== k * j.valueSize) {
    throw new RangeError(`${where}: a tree's node arrays must all have 'nodeCount' (${String(k)}) entries (value: nodeCount × valueSize)`);
  }
  for (let i = 0; i < k; i++) {
    const l = j.childrenLeft[i];
    const r = j.childrenRight[i];
    const leaf = l === TREE_LEAF && r === TREE_LEAF;
    const inner = l > i && l < k && r > i && r < k && j.feature[i] >= 0 && j.feature[i] < j.nFeatures;
    if (!leaf && !inner) throw new RangeError(`${where}: node ${i} must be a leaf (children -1) or point to later nodes and a feature below ${j.nFeatures}; received children ${l}, ${r}, feature ${j.feature[i]}`);
  }
  return {
    nodeCount: k,
    nFeatures: j.nFeatures,
    maxDepth: j.maxDepth,
    valueSize: j.valueSize,
    childrenLeft: Int32Array.from(j.childrenLeft),
    childrenRight: Int32Array.from(j.childrenRight),
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    impurity: Float64Array.from(j.impurity),
    nNodeSamples: Int32Array.from(j.nNodeSamples),
    weightedNNodeSamples: Float64Array.from(j.weightedNNodeSamples),
    value: Float64Array.from(j.value),
  };
}

/** Number of leaves (sklearn `get_n_leaves`). */
export function countLeaves(t: TreeArrays): number {
  let c = 0;
  for (let k = 0; k < t.nodeCount; k++) if (t.childrenLeft[k] === TREE_LEAF) c++;
  return c;
}
