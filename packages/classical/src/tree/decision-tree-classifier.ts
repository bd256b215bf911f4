/**
 * A CART classification tree with scikit-learn 1.2's semantics (`sklearn.tree.DecisionTreeClassifier`).
 *
 * Reference: L. Breiman, J. Friedman, R. Olshen and C. Stone, "Classification and Regression Trees",
 * 1984. Best splits by Gini impurity or entropy (`'log_loss'` is entropy, as in sklearn), depth-first
 * growth, thresholds at float64 midpoints of float32 values. For an integer `randomState` the tree is
 * sklearn's, split for split, including the features drawn with `maxFeatures`; see the README for
 * where equal improvements can still resolve differently.
 */
import { checkFormat, checkOneOf } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { BaseDecisionTree, DECISION_TREE_BASE_DEFAULTS, growTree, readSampleWeight, resolveBuildParams, type DecisionTreeParams, type MaxFeatures } from './base-decision-tree.js';
import { classWeightEntries, classWeightVector, type ClassWeight } from './class-weight.js';
import { ClassificationCriterion } from './criterion.js';
import { seedOf } from './sklearn-random.js';
import { applyTree, treeFromJSON, treeToJSON, type TreeArrays, type TreeJSON } from './tree-arrays.js';
import { presort, toColumnsF32 } from './tree-builder.js';

export type ClassificationCriterionName = 'gini' | 'entropy' | 'log_loss';

export interface DecisionTreeClassifierParams extends DecisionTreeParams {
  /** Impurity measure (sklearn `criterion`): 'gini', 'entropy' or 'log_loss' (= entropy). @default 'gini' */
  criterion?: ClassificationCriterionName;
  /** Class weights (sklearn `class_weight`): 'balanced', a label → weight map, or null (all 1). @default null */
  classWeight?: ClassWeight | null;
}

export const DECISION_TREE_CLASSIFIER_DEFAULTS = { ...DECISION_TREE_BASE_DEFAULTS, criterion: 'gini', classWeight: null } as const satisfies Required<DecisionTreeClassifierParams>;

const FORMAT = 'ml-classical/decision-tree-classifier';
const VERSION = 1;

/** The JSON written by `DecisionTreeClassifier.toJSON()`. */
export interface DecisionTreeClassifierJSON {
  format: string;
  version: number;
  params: Omit<Required<DecisionTreeClassifierParams>, 'randomState' | 'classWeight'> & { randomState: number; classWeight: 'balanced' | [Label, number][] | null };
  fitted: { classes: Label[]; nFeatures: number; maxFeatures: number; tree: TreeJSON } | null;
}

/** JSON form of the params shared by tree and forest classifiers. */
export function classWeightToJSON(cw: ClassWeight | null): 'balanced' | [Label, number][] | null {
  return cw === null || cw === 'balanced' ? cw : classWeightEntries(cw);
}

/** Class probabilities of each row from one tree (leaf class weights, normalised), added into `out` (rows × C). */
export function addTreeProba(t: TreeArrays, leaves: Int32Array, out: Float64Array, scale = 1): void {
  const C = t.valueSize;
  for (let i = 0; i < leaves.length; i++) {
    const o = leaves[i] * C;
    let s = 0;
    for (let c = 0; c < C; c++) s += t.value[o + c];
    if (s === 0) s = 1;
    for (let c = 0; c < C; c++) out[i * C + c] += (t.value[o + c] / s) * scale;
  }
}

export class DecisionTreeClassifier extends BaseDecisionTree {
  readonly params: Readonly<Required<DecisionTreeClassifierParams>>;
  protected readonly estimatorName = 'DecisionTreeClassifier';
  private classes_: Label[] | undefined;

  constructor(params: DecisionTreeClassifierParams = {}) {
    super();
    this.params = { ...DECISION_TREE_CLASSIFIER_DEFAULTS, ...params };
  }

  /**
   * Grows the tree; returns `this`.
   * @param sampleWeight one non-negative weight per row (multiplied by the class weights); rows of weight 0 are left out.
   */
  fit(X: MatrixInput, y: readonly Label[], sampleWeight?: readonly number[] | Float64Array | null): this {
    const where = 'DecisionTreeClassifier.fit';
    const p = this.params;
    checkOneOf(where, 'criterion', p.criterion, ['gini', 'entropy', 'log_loss']);
    const x = readMatrix(where, 'X', X);
    checkLabels(where, y, x.rows);
    const classes = uniqueLabels(y);
    const yi = encodeLabels(where, y, classes);
    let w = readSampleWeight(where, sampleWeight, x.rows);
    if (p.classWeight !== null) {
      const cw = classWeightVector(where, p.classWeight, classes, yi);
      w ??= new Float64Array(x.rows).fill(1);
      for (let i = 0; i < x.rows; i++) w[i] *= cw[yi[i]];
    }
    let total = x.rows;
    if (w !== null) {
      total = 0;
      for (let i = 0; i < x.rows; i++) total += w[i];
    }
    const build = resolveBuildParams(where, p, x.rows, x.cols, total);
    const pre = presort(toColumnsF32(where, x.data, x.rows, x.cols), x.rows, x.cols);
    const crit = new ClassificationCriterion(yi, w, classes.length, p.criterion !== 'gini');
    const tree = growTree(pre, w, crit, classes.length, build, seedOf(p.randomState));
    this.classes_ = classes;
    this.fit_ = { tree, nFeatures: x.cols, maxFeatures: build.maxFeatures };
    return this;
  }

  protected leafClasses(): readonly Label[] {
    return this.classes_ ?? [];
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    this.fitted('classes');
    return [...(this.classes_ ?? [])];
  }

  /** Class probabilities: the weighted class shares of each row's leaf, columns in `classes` order. */
  predictProba(X: MatrixInput): number[][] {
    const { f, x } = this.readX('predictProba', X);
    const C = f.tree.valueSize;
    const out = new Float64Array(x.rows * C);
    addTreeProba(f.tree, applyTree(f.tree, x), out);
    return Array.from({ length: x.rows }, (_, i) => Array.from(out.subarray(i * C, (i + 1) * C)));
  }

  /** The class of largest weight in each row's leaf (first in `classes` order on ties). */
  predict(X: MatrixInput): Label[] {
    const { f, x } = this.readX('predict', X);
    const classes = this.classes_ ?? [];
    const C = f.tree.valueSize;
    const v = f.tree.value;
    return Array.from(applyTree(f.tree, x), (leaf) => {
      let best = 0;
      for (let c = 1; c < C; c++) if (v[leaf * C + c] > v[leaf * C + best]) best = c;
      return classes[best];
    });
  }

  /** log of `predictProba` (sklearn `predict_log_proba`). */
  predictLogProba(X: MatrixInput): number[][] {
    return this.predictProba(X).map((row) => row.map(Math.log));
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixInput, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`DecisionTreeClassifier.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  /** Versioned JSON of the params and the fitted tree. */
  toJSON(): DecisionTreeClassifierJSON {
    const p = this.params;
    const f = this.fit_;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...p, randomState: typeof p.randomState === 'number' ? p.randomState : p.randomState.seed, classWeight: classWeightToJSON(p.classWeight) },
      fitted: f === undefined ? null : { classes: [...(this.classes_ ?? [])], nFeatures: f.nFeatures, maxFeatures: f.maxFeatures, tree: treeToJSON(f.tree) },
    };
  }

  /** Rebuilds a classifier from `toJSON()` output. */
  static fromJSON(json: unknown): DecisionTreeClassifier {
    const where = 'DecisionTreeClassifier.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as DecisionTreeClassifierJSON;
    const cw = o.params.classWeight;
    const model = new DecisionTreeClassifier({ ...o.params, maxFeatures: o.params.maxFeatures as MaxFeatures, classWeight: cw === null || cw === 'balanced' ? cw : new Map(cw) });
    if (o.fitted !== null) {
      const tree = treeFromJSON(where, o.fitted.tree);
      if (tree.valueSize !== o.fitted.classes.length) throw new RangeError(`${where}: the tree must hold one value per class (${o.fitted.classes.length}); received ${tree.valueSize}`);
      model.classes_ = [...o.fitted.classes];
      model.fit_ = { tree, nFeatures: o.fitted.nFeatures, maxFeatures: o.fitted.maxFeatures };
    }
    return model;
  }
}
