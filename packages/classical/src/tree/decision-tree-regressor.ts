/**
 * A CART regression tree with scikit-learn 1.2's semantics (`sklearn.tree.DecisionTreeRegressor`).
 *
 * Reference: L. Breiman, J. Friedman, R. Olshen and C. Stone, "Classification and Regression Trees",
 * 1984. Splits minimise the squared error (leaf value: the weighted mean) or the absolute error (leaf
 * value: the weighted median, sklearn's definition); depth-first growth as sklearn, so an integer
 * `randomState` gives sklearn's tree wherever improvements are not tied.
 */
import { checkFormat, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { BaseDecisionTree, DECISION_TREE_BASE_DEFAULTS, growTree, readSampleWeight, resolveBuildParams, type DecisionTreeParams, type MaxFeatures } from './base-decision-tree.js';
import { AbsoluteErrorCriterion, SquaredErrorCriterion } from './criterion.js';
import { seedOf } from './sklearn-random.js';
import { applyTree, treeFromJSON, treeToJSON, type TreeJSON } from './tree-arrays.js';
import { presort, toColumnsF32 } from './tree-builder.js';

export type RegressionCriterionName = 'squared_error' | 'absolute_error';

export interface DecisionTreeRegressorParams extends DecisionTreeParams {
  /** Split quality (sklearn `criterion`): 'squared_error' or 'absolute_error'. @default 'squared_error' */
  criterion?: RegressionCriterionName;
}

export const DECISION_TREE_REGRESSOR_DEFAULTS = { ...DECISION_TREE_BASE_DEFAULTS, criterion: 'squared_error' } as const satisfies Required<DecisionTreeRegressorParams>;

const FORMAT = 'ml-classical/decision-tree-regressor';
const VERSION = 1;

/** The JSON written by `DecisionTreeRegressor.toJSON()`. */
export interface DecisionTreeRegressorJSON {
  format: string;
  version: number;
  params: Omit<Required<DecisionTreeRegressorParams>, 'randomState'> & { randomState: number };
  fitted: { nFeatures: number; maxFeatures: number; tree: TreeJSON } | null;
}

/** Checks regression targets: finite numbers, one per row. */
export function readTargets(where: string, y: readonly number[] | Float64Array, n: number): Float64Array {
  if (!Array.isArray(y) && !(y instanceof Float64Array)) throw new TypeError(`${where}: 'y' must be an array of numbers; received ${typeof y}`);
  if (y.length !== n) throw new RangeError(`${where}: 'y' must have one target per row of 'X' (${n}); received ${y.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}: 'y[${i}]' must be a finite number; received ${typeof v === 'number' ? String(v) : typeof v}`);
    out[i] = v;
  }
  return out;
}

/** R² of `pred` against `y` (sklearn `r2_score`; 1 for a perfect fit of constant `y`, else 0). */
export function r2Score(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

export class DecisionTreeRegressor extends BaseDecisionTree {
  readonly params: Readonly<Required<DecisionTreeRegressorParams>>;
  protected readonly estimatorName = 'DecisionTreeRegressor';

  constructor(params: DecisionTreeRegressorParams = {}) {
    super();
    this.params = { ...DECISION_TREE_REGRESSOR_DEFAULTS, ...params };
  }

  /**
   * Grows the tree; returns `this`.
   * @param sampleWeight one non-negative weight per row; rows of weight 0 are left out.
   */
  fit(X: MatrixInput, y: readonly number[] | Float64Array, sampleWeight?: readonly number[] | Float64Array | null): this {
    const where = 'DecisionTreeRegressor.fit';
    const p = this.params;
    checkOneOf(where, 'criterion', p.criterion, ['squared_error', 'absolute_error']);
    const x = readMatrix(where, 'X', X);
    const yv = readTargets(where, y, x.rows);
    const w = readSampleWeight(where, sampleWeight, x.rows);
    let total = x.rows;
    if (w !== null) {
      total = 0;
      for (let i = 0; i < x.rows; i++) total += w[i];
    }
    const build = resolveBuildParams(where, p, x.rows, x.cols, total);
    const pre = presort(toColumnsF32(where, x.data, x.rows, x.cols), x.rows, x.cols);
    const crit = p.criterion === 'squared_error' ? new SquaredErrorCriterion(yv, w) : new AbsoluteErrorCriterion(yv, w);
    const tree = growTree(pre, w, crit, 1, build, seedOf(p.randomState));
    this.fit_ = { tree, nFeatures: x.cols, maxFeatures: build.maxFeatures };
    return this;
  }

  protected leafClasses(): null {
    return null;
  }

  /** The value of each row's leaf (weighted mean or median of its training targets). */
  predict(X: MatrixInput): number[] {
    const { f, x } = this.readX('predict', X);
    return Array.from(applyTree(f.tree, x), (leaf) => f.tree.value[leaf]);
  }

  /** R² of `predict(X)` against `y` (sklearn `score`). */
  score(X: MatrixInput, y: readonly number[] | Float64Array): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`DecisionTreeRegressor.score: 'y' must have one target per row of 'X' (${pred.length}); received ${y.length}`);
    return r2Score(y, pred);
  }

  /** Versioned JSON of the params and the fitted tree. */
  toJSON(): DecisionTreeRegressorJSON {
    const p = this.params;
    const f = this.fit_;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...p, randomState: typeof p.randomState === 'number' ? p.randomState : p.randomState.seed },
      fitted: f === undefined ? null : { nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, tree: treeToJSON(f.tree) },
    };
  }

  /** Rebuilds a regressor from `toJSON()` output. */
  static fromJSON(json: unknown): DecisionTreeRegressor {
    const where = 'DecisionTreeRegressor.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as DecisionTreeRegressorJSON;
    const model = new DecisionTreeRegressor({ ...o.params, maxFeatures: o.params.maxFeatures as MaxFeatures });
    if (o.fitted !== null) {
      const tree = treeFromJSON(where, o.fitted.tree);
      if (tree.valueSize !== 1) throw new RangeError(`${where}: a regression tree must hold one value per node; received ${tree.valueSize}`);
      model.fit_ = { tree, nFeatures: o.fitted.nFeatures, maxFeatures: o.fitted.maxFeatures };
    }
    return model;
  }
}
