/**
 * A random forest of regression trees with scikit-learn 1.2's semantics
 * (`sklearn.ensemble.RandomForestRegressor`).
 *
 * Reference: L. Breiman, "Random Forests", Machine Learning 45(1), 2001. Predictions are the mean of
 * the trees'; by default every split examines all features (sklearn 1.2's `max_features=1.0`,
 * spelled null here). An integer `randomState` gives sklearn's forest.
 */
import { checkFormat, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { readSampleWeight, type MaxFeatures } from '../tree/base-decision-tree.js';
import { AbsoluteErrorCriterion, SquaredErrorCriterion } from '../tree/criterion.js';
import { DecisionTreeRegressor, r2Score, readTargets, type RegressionCriterionName } from '../tree/decision-tree-regressor.js';
import { applyTree, treeFromJSON, treeToJSON, type TreeJSON } from '../tree/tree-arrays.js';
import { BaseForest, fitForest, FOREST_BASE_DEFAULTS, type ForestParams } from './base-forest.js';

export interface RandomForestRegressorParams extends ForestParams {
  /** Split quality of every tree: 'squared_error' or 'absolute_error'. @default 'squared_error' */
  criterion?: RegressionCriterionName;
}

export const RANDOM_FOREST_REGRESSOR_DEFAULTS = {
  ...FOREST_BASE_DEFAULTS,
  criterion: 'squared_error',
  maxFeatures: null,
} as const satisfies Required<RandomForestRegressorParams>;

const FORMAT = 'ml-classical/random-forest-regressor';
const VERSION = 1;

/** The JSON written by `RandomForestRegressor.toJSON()`. */
export interface RandomForestRegressorJSON {
  format: string;
  version: number;
  params: Omit<Required<RandomForestRegressorParams>, 'randomState'> & { randomState: number };
  fitted: { nFeatures: number; maxFeatures: number; seeds: number[]; trees: TreeJSON[]; oob: number[] | null; y?: number[] } | null;
}

export class RandomForestRegressor extends BaseForest {
  readonly params: Readonly<Required<RandomForestRegressorParams>>;
  protected readonly estimatorName = 'RandomForestRegressor';
  private y_: Float64Array | undefined;

  constructor(params: RandomForestRegressorParams = {}) {
    super();
    this.params = { ...RANDOM_FOREST_REGRESSOR_DEFAULTS, ...params };
  }

  /**
   * Grows the trees; returns `this`.
   * @param sampleWeight one non-negative weight per row, multiplied by the bootstrap counts.
   */
  fit(X: MatrixInput, y: readonly number[] | Float64Array, sampleWeight?: readonly number[] | Float64Array | null): this {
    const where = 'RandomForestRegressor.fit';
    const p = this.params;
    checkOneOf(where, 'criterion', p.criterion, ['squared_error', 'absolute_error']);
    const x = readMatrix(where, 'X', X);
    const yv = readTargets(where, y, x.rows);
    const w = readSampleWeight(where, sampleWeight, x.rows);
    this.fit_ = fitForest(where, p, x, w, {
      valueSize: 1,
      criterion: (tw) => (p.criterion === 'squared_error' ? new SquaredErrorCriterion(yv, tw) : new AbsoluteErrorCriterion(yv, tw)),
      addOob: (tree, leaf, i, oob) => {
        oob[i] += tree.value[leaf];
      },
    });
    this.y_ = p.oobScore ? yv : undefined;
    return this;
  }

  /** Mean of the trees' predictions. */
  predict(X: MatrixInput): number[] {
    const f = this.fitted('predict');
    const x = readMatrix('RandomForestRegressor.predict', 'X', X, f.nFeatures);
    const out = new Float64Array(x.rows);
    for (const t of f.trees) {
      const leaves = applyTree(t, x);
      for (let i = 0; i < x.rows; i++) out[i] += t.value[leaves[i]];
    }
    for (let i = 0; i < x.rows; i++) out[i] /= f.trees.length;
    return Array.from(out);
  }

  /** R² of `predict(X)` against `y`. */
  score(X: MatrixInput, y: readonly number[] | Float64Array): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`RandomForestRegressor.score: 'y' must have one target per row of 'X' (${pred.length}); received ${y.length}`);
    return r2Score(y, pred);
  }

  /** Out-of-bag prediction of each training row (sklearn `oob_prediction_`); needs `oobScore`. */
  get oobPrediction(): number[] {
    const f = this.fitted('oobPrediction');
    if (f.oob === null) throw new RangeError("RandomForestRegressor: 'oobPrediction' needs the model fitted with oobScore: true");
    return Array.from(f.oob);
  }

  /** R² of the out-of-bag predictions (sklearn `oob_score_`); needs `oobScore`. */
  get oobScore(): number {
    const f = this.fitted('oobScore');
    if (f.oob === null || this.y_ === undefined) throw new RangeError("RandomForestRegressor: 'oobScore' needs the model fitted with oobScore: true");
    return r2Score(this.y_, f.oob);
  }

  /** The trees as fitted `DecisionTreeRegressor`s (sklearn `estimators_`). */
  get estimators(): DecisionTreeRegressor[] {
    const f = this.fitted('estimators');
    const p = this.params;
    return f.trees.map((t, k) =>
      DecisionTreeRegressor.fromJSON({
        format: 'ml-classical/decision-tree-regressor',
        version: 1,
        params: { criterion: p.criterion, maxDepth: p.maxDepth, minSamplesSplit: p.minSamplesSplit, minSamplesLeaf: p.minSamplesLeaf, minWeightFractionLeaf: p.minWeightFractionLeaf, maxFeatures: p.maxFeatures, randomState: f.seeds[k], minImpurityDecrease: p.minImpurityDecrease },
        fitted: { nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, tree: treeToJSON(t) },
      }),
    );
  }

  /** Versioned JSON of the params, the trees and the out-of-bag state. */
  toJSON(): RandomForestRegressorJSON {
    const p = this.params;
    const f = this.fit_;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...p, randomState: typeof p.randomState === 'number' ? p.randomState : p.randomState.seed },
      fitted:
        f === undefined
          ? null
          : { nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, seeds: f.seeds, trees: f.trees.map(treeToJSON), oob: f.oob === null ? null : Array.from(f.oob), ...(this.y_ ? { y: Array.from(this.y_) } : {}) },
    };
  }

  /** Rebuilds a forest from `toJSON()` output. */
  static fromJSON(json: unknown): RandomForestRegressor {
    const where = 'RandomForestRegressor.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as RandomForestRegressorJSON;
    const model = new RandomForestRegressor({ ...o.params, maxFeatures: o.params.maxFeatures as MaxFeatures });
    const f = o.fitted;
    if (f !== null) {
      const trees = f.trees.map((t) => treeFromJSON(where, t));
      if (trees.some((t) => t.valueSize !== 1)) throw new RangeError(`${where}: every regression tree must hold one value per node`);
      model.y_ = f.y === undefined ? undefined : Float64Array.from(f.y);
      model.fit_ = { trees, seeds: [...f.seeds], nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, oob: f.oob === null ? null : Float64Array.from(f.oob) };
    }
    return model;
  }
}
