/**
 * A random forest of classification trees with scikit-learn 1.2's semantics
 * (`sklearn.ensemble.RandomForestClassifier`).
 *
 * Reference: L. Breiman, "Random Forests", Machine Learning 45(1), 2001. Each tree grows on a
 * bootstrap sample (draw counts become sample weights, as in sklearn) with `maxFeatures` features
 * drawn per split; class probabilities are the mean of the trees' leaf class shares. numpy's and the
 * splitter's random streams are reproduced, so an integer `randomState` gives sklearn's forest.
 */
import { checkFormat, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { readSampleWeight, type MaxFeatures } from '../tree/base-decision-tree.js';
import { classWeightVector, type ClassWeight } from '../tree/class-weight.js';
import { ClassificationCriterion } from '../tree/criterion.js';
import { addTreeProba, classWeightToJSON, DecisionTreeClassifier, type ClassificationCriterionName } from '../tree/decision-tree-classifier.js';
import { applyTree, treeFromJSON, treeToJSON, type TreeJSON } from '../tree/tree-arrays.js';
import { BaseForest, fitForest, FOREST_BASE_DEFAULTS, type ForestParams } from './base-forest.js';

export interface RandomForestClassifierParams extends ForestParams {
  /** Impurity measure of every tree: 'gini', 'entropy' or 'log_loss' (= entropy). @default 'gini' */
  criterion?: ClassificationCriterionName;
  /**
   * Class weights (sklearn `class_weight`): 'balanced' (from all rows), 'balanced_subsample' (from
   * each tree's bootstrap draws), a label → weight map, or null. @default null
   */
  classWeight?: ClassWeight | 'balanced_subsample' | null;
}

export const RANDOM_FOREST_CLASSIFIER_DEFAULTS = {
  ...FOREST_BASE_DEFAULTS,
  criterion: 'gini',
  maxFeatures: 'sqrt',
  classWeight: null,
} as const satisfies Required<RandomForestClassifierParams>;

const FORMAT = 'ml-classical/random-forest-classifier';
const VERSION = 1;

/** The JSON written by `RandomForestClassifier.toJSON()`. */
export interface RandomForestClassifierJSON {
  format: string;
  version: number;
  params: Omit<Required<RandomForestClassifierParams>, 'randomState' | 'classWeight'> & { randomState: number; classWeight: 'balanced' | 'balanced_subsample' | [Label, number][] | null };
  fitted: { classes: Label[]; nFeatures: number; maxFeatures: number; seeds: number[]; trees: TreeJSON[]; oob: number[] | null; y?: number[] } | null;
}

export class RandomForestClassifier extends BaseForest {
  readonly params: Readonly<Required<RandomForestClassifierParams>>;
  protected readonly estimatorName = 'RandomForestClassifier';
  private classes_: Label[] | undefined;
  private y_: Int32Array | undefined;

  constructor(params: RandomForestClassifierParams = {}) {
    super();
    this.params = { ...RANDOM_FOREST_CLASSIFIER_DEFAULTS, ...params };
  }

  /**
   * Grows the trees; returns `this`.
   * @param sampleWeight one non-negative weight per row, multiplied by the bootstrap counts and class weights.
   */
  fit(X: MatrixInput, y: readonly Label[], sampleWeight?: readonly number[] | Float64Array | null): this {
    const where = 'RandomForestClassifier.fit';
    const p = this.params;
    checkOneOf(where, 'criterion', p.criterion, ['gini', 'entropy', 'log_loss']);
    const x = readMatrix(where, 'X', X);
    checkLabels(where, y, x.rows);
    const classes = uniqueLabels(y);
    const yi = encodeLabels(where, y, classes);
    let w = readSampleWeight(where, sampleWeight, x.rows);
    const cw = p.classWeight;
    const subsample = cw === 'balanced_subsample' && p.bootstrap;
    if (cw !== null && !subsample) {
      const vec = classWeightVector(where, cw === 'balanced_subsample' ? 'balanced' : cw, classes, yi);
      w ??= new Float64Array(x.rows).fill(1);
      for (let i = 0; i < x.rows; i++) w[i] *= vec[yi[i]];
    }
    const C = classes.length;
    this.fit_ = fitForest(where, p, x, w, {
      valueSize: C,
      criterion: (tw) => new ClassificationCriterion(yi, tw, C, p.criterion !== 'gini'),
      subsampleWeights: subsample
        ? (indices) => {
            const vec = classWeightVector(where, 'balanced', classes, yi, indices);
            return Float64Array.from(yi, (c) => vec[c]);
          }
        : undefined,
      addOob: (tree, leaf, i, oob) => {
        let s = 0;
        for (let c = 0; c < C; c++) s += tree.value[leaf * C + c];
        if (s === 0) s = 1;
        for (let c = 0; c < C; c++) oob[i * C + c] += tree.value[leaf * C + c] / s;
      },
    });
    this.classes_ = classes;
    this.y_ = p.oobScore ? yi : undefined;
    return this;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    this.fitted('classes');
    return [...(this.classes_ ?? [])];
  }

  /** Mean class probabilities over the trees, columns in `classes` order. */
  predictProba(X: MatrixInput): number[][] {
    const { out, rows, C } = this.proba('predictProba', X);
    return Array.from({ length: rows }, (_, i) => Array.from(out.subarray(i * C, (i + 1) * C)));
  }

  /** The class of largest mean probability (first in `classes` order on ties). */
  predict(X: MatrixInput): Label[] {
    const { out, rows, C } = this.proba('predict', X);
    const classes = this.classes_ ?? [];
    return Array.from({ length: rows }, (_, i) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (out[i * C + c] > out[i * C + best]) best = c;
      return classes[best];
    });
  }

  /** log of `predictProba`. */
  predictLogProba(X: MatrixInput): number[][] {
    return this.predictProba(X).map((row) => row.map(Math.log));
  }

  private proba(what: string, X: MatrixInput): { out: Float64Array; rows: number; C: number } {
    const f = this.fitted(what);
    const x = readMatrix(`RandomForestClassifier.${what}`, 'X', X, f.nFeatures);
    const C = this.classes_?.length ?? 0;
    const out = new Float64Array(x.rows * C);
    for (const t of f.trees) addTreeProba(t, applyTree(t, x), out);
    for (let k = 0; k < out.length; k++) out[k] /= f.trees.length;
    return { out, rows: x.rows, C };
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixInput, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`RandomForestClassifier.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  /** Out-of-bag class probabilities of the training rows (sklearn `oob_decision_function_`); needs `oobScore`. */
  get oobDecisionFunction(): number[][] {
    const f = this.fitted('oobDecisionFunction');
    if (f.oob === null) throw new RangeError("RandomForestClassifier: 'oobDecisionFunction' needs the model fitted with oobScore: true");
    const C = this.classes_?.length ?? 0;
    const oob = f.oob;
    return Array.from({ length: oob.length / C }, (_, i) => Array.from(oob.subarray(i * C, (i + 1) * C)));
  }

  /** Accuracy of the out-of-bag predictions on the training rows (sklearn `oob_score_`); needs `oobScore`. */
  get oobScore(): number {
    const f = this.fitted('oobScore');
    if (f.oob === null || this.y_ === undefined) throw new RangeError("RandomForestClassifier: 'oobScore' needs the model fitted with oobScore: true");
    const C = this.classes_?.length ?? 0;
    const y = this.y_;
    let hit = 0;
    for (let i = 0; i < y.length; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (f.oob[i * C + c] > f.oob[i * C + best]) best = c;
      if (best === y[i]) hit++;
    }
    return hit / y.length;
  }

  /** The trees as fitted `DecisionTreeClassifier`s (sklearn `estimators_`). */
  get estimators(): DecisionTreeClassifier[] {
    const f = this.fitted('estimators');
    const p = this.params;
    return f.trees.map((t, k) =>
      DecisionTreeClassifier.fromJSON({
        format: 'ml-classical/decision-tree-classifier',
        version: 1,
        params: { criterion: p.criterion, maxDepth: p.maxDepth, minSamplesSplit: p.minSamplesSplit, minSamplesLeaf: p.minSamplesLeaf, minWeightFractionLeaf: p.minWeightFractionLeaf, maxFeatures: p.maxFeatures, randomState: f.seeds[k], minImpurityDecrease: p.minImpurityDecrease, classWeight: null },
        fitted: { classes: this.classes_ ?? [], nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, tree: treeToJSON(t) },
      }),
    );
  }

  /** Versioned JSON of the params, the trees and the out-of-bag state. */
  toJSON(): RandomForestClassifierJSON {
    const p = this.params;
    const f = this.fit_;
    const cw = p.classWeight;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...p, randomState: typeof p.randomState === 'number' ? p.randomState : p.randomState.seed, classWeight: cw === 'balanced_subsample' ? cw : classWeightToJSON(cw) },
      fitted:
        f === undefined
          ? null
          : { classes: [...(this.classes_ ?? [])], nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, seeds: f.seeds, trees: f.trees.map(treeToJSON), oob: f.oob === null ? null : Array.from(f.oob), ...(this.y_ ? { y: Array.from(this.y_) } : {}) },
    };
  }

  /** Rebuilds a forest from `toJSON()` output. */
  static fromJSON(json: unknown): RandomForestClassifier {
    const where = 'RandomForestClassifier.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as RandomForestClassifierJSON;
    const cw = o.params.classWeight;
    const model = new RandomForestClassifier({ ...o.params, maxFeatures: o.params.maxFeatures as MaxFeatures, classWeight: cw === null || typeof cw === 'string' ? cw : new Map(cw) });
    const f = o.fitted;
    if (f !== null) {
      const trees = f.trees.map((t) => treeFromJSON(where, t));
      if (trees.some((t) => t.valueSize !== f.classes.length)) throw new RangeError(`${where}: every tree must hold one value per class (${f.classes.length})`);
      model.classes_ = [...f.classes];
      model.y_ = f.y === undefined ? undefined : Int32Array.from(f.y);
      model.fit_ = { trees, seeds: [...f.seeds], nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, oob: f.oob === null ? null : Float64Array.from(f.oob) };
    }
    return model;
  }
}
