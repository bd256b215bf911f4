/**
 * k-nearest-neighbours classification with scikit-learn 1.2's semantics
 * (`sklearn.neighbors.KNeighborsClassifier`).
 *
 * Reference: T. Cover and P. Hart, "Nearest neighbor pattern classification", IEEE Trans. Inf.
 * Theory 13(1), 1967. Votes are uniform or 1/distance; a tie between classes goes to the smallest
 * class label (as sklearn's mode). Neighbours come from brute force (backend matmuls for large
 * euclidean queries on wasm, typed-array loops otherwise) or a k-d tree; all give the same
 * neighbours, equal distances resolved by the lower training index. (Ball tree: `algorithm: 'ball_tree'`.)
 */
import { checkFormat } from '../base/check-params.js';
import { checkLabels, encodeLabels, uniqueLabels } from '../base/label-encoder.js';
import type { Label, MatrixInput } from '../base/matrix-input.js';
import { NeighborsBase, type NeighborsParams } from './neighbors-base.js';

export type KNeighborsClassifierParams = NeighborsParams;

/** The JSON written by `KNeighborsClassifier.toJSON()`. */
export interface KNeighborsClassifierJSON {
  format: string;
  version: number;
  params: Required<NeighborsParams>;
  fitted: { X: number[][]; y: Label[] } | null;
}

const FORMAT = 'ml-classical/k-neighbors-classifier';
const VERSION = 1;

export class KNeighborsClassifier extends NeighborsBase {
  protected readonly estimatorName = 'KNeighborsClassifier';
  private labels: { classes: Label[]; y: Int32Array; raw: Label[] } | undefined;

  constructor(params: KNeighborsClassifierParams = {}) {
    super(params);
  }

  /** Stores the training data (and builds the k-d tree when chosen); returns `this`. */
  fit(X: MatrixInput, y: readonly Label[]): this {
    const where = 'KNeighborsClassifier.fit';
    const x = this.fitX(where, X);
    checkLabels(where, y, x.rows);
    const classes = uniqueLabels(y);
    this.labels = { classes, y: encodeLabels(where, y, classes), raw: [...y] };
    return this;
  }

  /** The class labels, sorted (sklearn `classes_`). */
  get classes(): Label[] {
    this.fitted('classes');
    return [...(this.labels?.classes ?? [])];
  }

  /** Class probabilities: the (weighted) share of each class among the neighbours, columns in `classes` order. */
  predictProba(X: MatrixInput): number[][] {
    return this.votes('KNeighborsClassifier.predictProba', X).map((row) => {
      const total = row.reduce((a, b) => a + b, 0);
      return row.map((v) => v / total);
    });
  }

  /** The class with the largest (weighted) vote; ties go to the smallest class. */
  predict(X: MatrixInput): Label[] {
    const classes = this.labels?.classes ?? [];
    return this.votes('KNeighborsClassifier.predict', X).map((row) => {
      let best = 0;
      for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
      return classes[best];
    });
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixInput, y: readonly Label[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`KNeighborsClassifier.score: 'y' must have one label per row of 'X' (${pred.length}); received ${y.length}`);
    let hit = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hit++;
    return hit / pred.length;
  }

  private votes(where: string, X: MatrixInput): number[][] {
    const { index, weight, rows, k } = this.neighborsWithWeights(where, X);
    const { classes, y } = this.labels as { classes: Label[]; y: Int32Array };
    const out: number[][] = [];
    for (let i = 0; i < rows; i++) {
      const row = new Array<number>(classes.length).fill(0);
      for (let j = 0; j < k; j++) row[y[index[i * k + j]]] += weight[i * k + j];
      out.push(row);
    }
    return out;
  }

  /** Versioned JSON (the training data and labels; a k-d tree is rebuilt on load). */
  toJSON(): KNeighborsClassifierJSON {
    const f = this.fitState;
    const fitted = f === undefined || this.labels === undefined ? null : {
      X: Array.from({ length: f.x.rows }, (_, i) => Array.from(f.x.data.subarray(i * f.x.cols, (i + 1) * f.x.cols))),
      y: this.labels.raw,
    };
    return { format: FORMAT, version: VERSION, params: { ...this.params }, fitted };
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): KNeighborsClassifier {
    const o = checkFormat('KNeighborsClassifier.fromJSON', json, FORMAT, VERSION) as unknown as KNeighborsClassifierJSON;
    const model = new KNeighborsClassifier(o.params);
    return o.fitted === null ? model : model.fit(o.fitted.X, o.fitted.y);
  }
}
