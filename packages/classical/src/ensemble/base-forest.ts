/**
 * Internal: what RandomForestClassifier and RandomForestRegressor share (sklearn 1.2's `BaseForest`):
 * parameters, per-tree seeds and bootstrap draws from numpy's `RandomState` (reproduced, so an
 * integer `randomState` gives sklearn's forest), growing the trees on columns sorted once, out-of-bag
 * accumulation and feature importances.
 *
 * Reference: L. Breiman, "Random Forests", Machine Learning 45(1), 2001.
 */
import type { SeedLike } from '@ml/core';
import { checkInt } from '../base/check-params.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import type { Dense } from '../base/read-matrix.js';
import { DECISION_TREE_BASE_DEFAULTS, growTree, resolveBuildParams, type DecisionTreeParams } from '../tree/base-decision-tree.js';
import type { Criterion } from '../tree/criterion.js';
import { MAX_INT, NumpyRandomState, seedOf } from '../tree/sklearn-random.js';
import { applyTree, treeFeatureImportances, type TreeArrays } from '../tree/tree-arrays.js';
import { presort, toColumnsF32 } from '../tree/tree-builder.js';

export interface ForestParams extends Omit<DecisionTreeParams, 'randomState'> {
  /** Number of trees (sklearn `n_estimators`). @default 100 */
  nEstimators?: number;
  /** Grow each tree on a bootstrap sample (sklearn `bootstrap`); false: every tree sees all rows. @default true */
  bootstrap?: boolean;
  /** Also compute the out-of-bag score and predictions (sklearn `oob_score`; needs `bootstrap`). @default false */
  oobScore?: boolean;
  /**
   * Seed of the per-tree seeds, bootstrap draws and feature draws (sklearn `random_state`); an
   * integer gives sklearn's forest for the same integer. @default 0
   */
  randomState?: SeedLike;
  /**
   * Rows drawn per bootstrap sample (sklearn `max_samples`): an integer count, a fraction in (0, 1)
   * (rounded half to even, at least 1), or null for all rows. @default null
   */
  maxSamples?: number | null;
}

export const FOREST_BASE_DEFAULTS = {
  ...DECISION_TREE_BASE_DEFAULTS,
  nEstimators: 100,
  bootstrap: true,
  oobScore: false,
  maxSamples: null,
} as const;

/** Python's round() (half to even) for a non-negative number. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** sklearn `_get_n_samples_bootstrap`. */
export function nSamplesBootstrap(where: string, n: number, maxSamples: number | null): number {
  if (maxSamples === null) return n;
  if (Number.isInteger(maxSamples) && maxSamples >= 1) {
    if (maxSamples > n) throw new RangeError(`${where}: 'maxSamples' must be <= the number of rows (${n}); received ${maxSamples}`);
    return maxSamples;
  }
  if (maxSamples > 0 && maxSamples < 1) return Math.max(roundHalfEven(n * maxSamples), 1);
  throw new RangeError(`${where}: 'maxSamples' must be an integer >= 1, a fraction in (0, 1), or null; received ${String(maxSamples)}`);
}

/** Bootstrap draw counts of one tree: `np.bincount(RandomState(seed).randint(0, n, nBoot), minlength=n)`. */
export function bootstrapCounts(seed: number, n: number, nBoot: number): { counts: Float64Array; indices: Int32Array } {
  const rs = new NumpyRandomState(seed);
  const indices = new Int32Array(nBoot);
  const counts = new Float64Array(n);
  for (let k = 0; k < nBoot; k++) {
    const i = rs.randint(0, n);
    indices[k] = i;
    counts[i]++;
  }
  return { counts, indices };
}

/** What a subclass supplies for one tree. */
export interface ForestTreeSpec {
  /** The criterion on the (encoded) targets with this tree's weights. */
  criterion(w: Float64Array | null): Criterion;
  valueSize: number;
  /** Extra per-tree weights from the bootstrap draws (sklearn's 'balanced_subsample'), or null. */
  subsampleWeights?(indices: Int32Array): Float64Array | null;
  /** Adds this tree's out-of-bag prediction for row `i` (leaf `leaf`) into `oob`. */
  addOob(tree: TreeArrays, leaf: number, i: number, oob: Float64Array): void;
}

export interface ForestFit {
  trees: TreeArrays[];
  seeds: number[];
  nFeatures: number;
  maxFeatures: number;
  /** Summed out-of-bag predictions divided by their counts (n × valueSize), when `oobScore`. */
  oob: Float64Array | null;
}

/** Grows the forest. `w` holds the (class-weighted) sample weights, or null. */
export function fitForest(where: string, p: Required<ForestParams>, x: Dense, w: Float64Array | null, spec: ForestTreeSpec): ForestFit {
  checkInt(where, 'nEstimators', p.nEstimators, 1);
  if (!p.bootstrap && p.maxSamples !== null) throw new RangeError(`${where}: 'maxSamples' must be null when 'bootstrap' is false; received ${p.maxSamples}`);
  if (!p.bootstrap && p.oobScore) throw new RangeError(`${where}: 'oobScore' needs 'bootstrap' true (out-of-bag rows exist only with bootstrap samples)`);
  const n = x.rows;
  const nBoot = p.bootstrap ? nSamplesBootstrap(where, n, p.maxSamples) : n;
  const rs = new NumpyRandomState(seedOf(p.randomState));
  const seeds: number[] = [];
  for (let t = 0; t < p.nEstimators; t++) seeds.push(rs.randint(0, MAX_INT));
  let baseTotal = n;
  if (w !== null) baseTotal = w.reduce((a, b) => a + b, 0);
  const resolved = resolveBuildParams(where, p, n, x.cols, baseTotal);
  const pre = presort(toColumnsF32(where, x.data, n, x.cols), n, x.cols);
  const trees: TreeArrays[] = [];
  const K = spec.valueSize;
  const oob = p.oobScore ? new Float64Array(n * K) : null;
  const oobCount = p.oobScore ? new Float64Array(n) : null;
  const row = { data: new Float64Array(x.cols), rows: 1, cols: x.cols };
  for (const seed of seeds) {
    let tw = w;
    let counts: Float64Array | null = null;
    if (p.bootstrap) {
      const draw = bootstrapCounts(seed, n, nBoot);
      counts = draw.counts;
      tw = w === null ? Float64Array.from(counts) : w.map((v, i) => v * (counts as Float64Array)[i]);
      const extra = spec.subsampleWeights?.(draw.indices) ?? null;
      if (extra !== null) for (let i = 0; i < n; i++) tw[i] *= extra[i];
    }
    let total = n;
    if (tw !== null) total = tw.reduce((a, b) => a + b, 0);
    const params = { ...resolved, minWeightLeaf: p.minWeightFractionLeaf * total };
    const tree = growTree(pre, tw, spec.criterion(tw), K, params, seed);
    trees.push(tree);
    if (oob !== null && oobCount !== null && counts !== null) {
      for (let i = 0; i < n; i++) {
        if (counts[i] !== 0) continue;
        row.data.set(x.data.subarray(i * x.cols, (i + 1) * x.cols));
        spec.addOob(tree, applyTree(tree, row)[0], i, oob);
        oobCount[i]++;
      }
    }
  }
  if (oob !== null && oobCount !== null) {
    // sklearn: rows never out of bag are divided by 1 (their prediction stays 0), with a warning there.
    for (let i = 0; i < n; i++) {
      const c = oobCount[i] === 0 ? 1 : oobCount[i];
      for (let k = 0; k < K; k++) oob[i * K + k] /= c;
    }
  }
  return { trees, seeds, nFeatures: x.cols, maxFeatures: resolved.maxFeatures, oob };
}

/** Mean of the trees' normalised importances, renormalised (trees of one node are left out). */
export function forestFeatureImportances(f: ForestFit): number[] {
  const sum = new Float64Array(f.nFeatures);
  let used = 0;
  for (const t of f.trees) {
    if (t.nodeCount <= 1) continue;
    const imp = treeFeatureImportances(t);
    for (let j = 0; j < imp.length; j++) sum[j] += imp[j];
    used++;
  }
  if (used === 0) return Array.from(sum);
  let total = 0;
  for (let j = 0; j < sum.length; j++) {
    sum[j] /= used;
    total += sum[j];
  }
  return Array.from(sum, (v) => v / total);
}

export abstract class BaseForest {
  protected abstract readonly estimatorName: string;
  protected fit_: ForestFit | undefined;

  protected fitted(what: string): ForestFit {
    if (this.fit_ === undefined) throw new NotFittedError(this.estimatorName, what);
    return this.fit_;
  }

  /** Mean decrease of impurity per feature over the trees (sklearn `feature_importances_`). */
  get featureImportances(): number[] {
    return forestFeatureImportances(this.fitted('featureImportances'));
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Each tree's integer seed (sklearn's `estimators_[i].random_state`). */
  get treeSeeds(): number[] {
    return [...this.fitted('treeSeeds').seeds];
  }

  /** Node count of each tree. */
  get treeNodeCounts(): number[] {
    return this.fitted('treeNodeCounts').trees.map((t) => t.nodeCount);
  }
}
