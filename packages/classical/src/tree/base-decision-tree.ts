/**
 * Internal: what DecisionTreeClassifier and DecisionTreeRegressor share (sklearn 1.2's
 * `BaseDecisionTree`): parameters and their resolution, sample weights, growing one tree, and the
 * readers of the fitted tree (`apply`, `decisionPath`, `featureImportances`, `exportText`).
 */
import type { CsrMatrix, SeedLike } from '@ml/core';
import { checkInt, checkNumber } from '../base/check-params.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix, type Dense } from '../base/read-matrix.js';
import type { Criterion } from './criterion.js';
import { exportTreeText, type ExportTextOptions } from './export-text.js';
import { NumpyRandomState, RAND_R_MAX, RandR } from './sklearn-random.js';
import { applyTree, countLeaves, decisionPathTree, treeFeatureImportances, type TreeArrays } from './tree-arrays.js';
import { buildTree, type BuildParams, type Presorted } from './tree-builder.js';

/** Features examined per split: a count (integer ≥ 1), a fraction in (0, 1), 'sqrt', 'log2', or null (all). */
export type MaxFeatures = number | 'sqrt' | 'log2' | null;

export interface DecisionTreeParams {
  /** Deepest level grown; null: until leaves are pure or too small (sklearn `max_depth`). @default null */
  maxDepth?: number | null;
  /** Fewest samples a node needs to be split: an integer ≥ 2, or a fraction in (0, 1] of the rows (sklearn `min_samples_split`). @default 2 */
  minSamplesSplit?: number;
  /** Fewest samples in a leaf: an integer ≥ 1, or a fraction in (0, 1) of the rows (sklearn `min_samples_leaf`). @default 1 */
  minSamplesLeaf?: number;
  /** Smallest share of the total sample weight in a leaf (sklearn `min_weight_fraction_leaf`), in [0, 0.5]. @default 0 */
  minWeightFractionLeaf?: number;
  /**
   * Features drawn (without replacement) at each split (sklearn `max_features`): an integer count,
   * a fraction in (0, 1) (⌊fraction · d⌋, at least 1), 'sqrt', 'log2', or null for all. sklearn's
   * float `1.0` is spelled null here. @default null
   */
  maxFeatures?: MaxFeatures;
  /**
   * Seed of the feature draws (sklearn `random_state`). An integer gives exactly sklearn's draws for
   * the same integer (its MT19937 and `rand_r` streams are reproduced); an `Rng` supplies such an
   * integer. sklearn's default is unseeded. @default 0
   */
  randomState?: SeedLike;
  /** A split must decrease the weighted impurity by at least this (sklearn `min_impurity_decrease`). @default 0 */
  minImpurityDecrease?: number;
}

export const DECISION_TREE_BASE_DEFAULTS = {
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: null,
  randomState: 0,
  minImpurityDecrease: 0,
} as const satisfies Required<DecisionTreeParams>;

/** The integers sklearn derives from the params for `n` rows and `d` features. */
export function resolveBuildParams(where: string, p: Required<DecisionTreeParams>, n: number, d: number, totalWeight: number): BuildParams {
  if (p.maxDepth !== null) checkInt(where, 'maxDepth', p.maxDepth, 1);
  const mss = p.minSamplesSplit;
  let minSamplesSplit: number;
  if (Number.isInteger(mss) && mss >= 2) minSamplesSplit = mss;
  else if (mss > 0 && mss <= 1) minSamplesSplit = Math.max(2, Math.ceil(mss * n));
  else throw new RangeError(`${where}: 'minSamplesSplit' must be an integer >= 2 or a fraction in (0, 1]; received ${String(mss)}`);
  const msl = p.minSamplesLeaf;
  let minSamplesLeaf: number;
  if (Number.isInteger(msl) && msl >= 1) minSamplesLeaf = msl;
  else if (msl > 0 && msl < 1) minSamplesLeaf = Math.ceil(msl * n);
  else throw new RangeError(`${where}: 'minSamplesLeaf' must be an integer >= 1 or a fraction in (0, 1); received ${String(msl)}`);
  minSamplesSplit = Math.max(minSamplesSplit, 2 * minSamplesLeaf);
  checkNumber(where, 'minWeightFractionLeaf', p.minWeightFractionLeaf, 0);
  if (p.minWeightFractionLeaf > 0.5) throw new RangeError(`${where}: 'minWeightFractionLeaf' must be in [0, 0.5]; received ${p.minWeightFractionLeaf}`);
  checkNumber(where, 'minImpurityDecrease', p.minImpurityDecrease, 0);
  const mf = p.maxFeatures;
  let maxFeatures: number;
  if (mf === null) maxFeatures = d;
  else if (mf === 'sqrt') maxFeatures = Math.max(1, Math.floor(Math.sqrt(d)));
  else if (mf === 'log2') maxFeatures = Math.max(1, Math.floor(Math.log2(d)));
  else if (typeof mf === 'number' && Number.isInteger(mf) && mf >= 1) maxFeatures = mf;
  else if (typeof mf === 'number' && mf > 0 && mf < 1) maxFeatures = Math.max(1, Math.floor(mf * d));
  else throw new RangeError(`${where}: 'maxFeatures' must be an integer >= 1, a fraction in (0, 1), 'sqrt', 'log2' or null; received ${JSON.stringify(mf)}`);
  return {
    maxDepth: p.maxDepth === null ? 2147483647 : p.maxDepth,
    minSamplesSplit,
    minSamplesLeaf,
    minWeightLeaf: p.minWeightFractionLeaf * totalWeight,
    minImpurityDecrease: p.minImpurityDecrease,
    maxFeatures,
  };
}

/** Checks `sampleWeight` (finite, ≥ 0, one per row) and copies it; undefined/null gives null. */
export function readSampleWeight(where: string, sampleWeight: readonly number[] | Float64Array | null | undefined, n: number): Float64Array | null {
  if (sampleWeight === undefined || sampleWeight === null) return null;
  if (sampleWeight.length !== n) throw new RangeError(`${where}: 'sampleWeight' must have one weight per row of 'X' (${n}); received ${sampleWeight.length}`);
  const w = Float64Array.from(sampleWeight);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(w[i]) || w[i] < 0) throw new RangeError(`${where}: 'sampleWeight[${i}]' must be a finite number >= 0; received ${String(sampleWeight[i])}`);
  }
  if (!w.some((v) => v > 0)) throw new RangeError(`${where}: 'sampleWeight' must have at least one positive weight; received all zeros`);
  return w;
}

/** Grows one tree with sklearn's splitter seed drawn from `RandomState(seed)`. */
export function growTree(pre: Presorted, w: Float64Array | null, crit: Criterion, valueSize: number, params: BuildParams, seed: number): TreeArrays {
  const rs = new NumpyRandomState(seed);
  return buildTree(pre, w, crit, valueSize, params, new RandR(rs.randint(0, RAND_R_MAX)));
}

/** Fitted state every tree estimator keeps. */
export interface TreeFit {
  tree: TreeArrays;
  nFeatures: number;
  maxFeatures: number;
}

export abstract class BaseDecisionTree {
  protected abstract readonly estimatorName: string;
  protected fit_: TreeFit | undefined;

  protected fitted(what: string): TreeFit {
    if (this.fit_ === undefined) throw new NotFittedError(this.estimatorName, what);
    return this.fit_;
  }

  protected readX(what: string, X: MatrixInput): { f: TreeFit; x: Dense } {
    const f = this.fitted(what);
    return { f, x: readMatrix(`${this.estimatorName}.${what}`, 'X', X, f.nFeatures) };
  }

  /** Labels for the leaves of a classifier, null for a regressor. */
  protected abstract leafClasses(): readonly Label[] | null;

  /** Index of the leaf each row ends in (sklearn `apply`). */
  apply(X: MatrixInput): number[] {
    const { f, x } = this.readX('apply', X);
    return Array.from(applyTree(f.tree, x));
  }

  /** Rows × nodes indicator of the nodes each row passes through, as a `CsrMatrix` (sklearn `decision_path`). */
  decisionPath(X: MatrixInput): CsrMatrix {
    const { f, x } = this.readX('decisionPath', X);
    return decisionPathTree(f.tree, x);
  }

  /** Normalised total impurity decrease brought by each feature (sklearn `feature_importances_`). */
  get featureImportances(): number[] {
    return Array.from(treeFeatureImportances(this.fitted('featureImportances').tree));
  }

  /** The node arrays (sklearn `tree_`); `value` holds weighted class counts or the leaf predictions. */
  get tree(): Readonly<TreeArrays> {
    return this.fitted('tree').tree;
  }

  /** Depth of the deepest leaf (sklearn `get_depth()`). */
  get depth(): number {
    return this.fitted('depth').tree.maxDepth;
  }

  /** Number of leaves (sklearn `get_n_leaves()`). */
  get nLeaves(): number {
    return countLeaves(this.fitted('nLeaves').tree);
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  /** Features drawn per split, resolved (sklearn `max_features_`). */
  get maxFeaturesResolved(): number {
    return this.fitted('maxFeaturesResolved').maxFeatures;
  }

  /** The tree as text, as `sklearn.tree.export_text(tree, …)`. */
  exportText(options: ExportTextOptions = {}): string {
    const f = this.fitted('exportText');
    return exportTreeText(`${this.estimatorName}.exportText`, f.tree, this.leafClasses(), options);
  }
}
