/**
 * k-nearest-neighbours regression with scikit-learn 1.2's semantics
 * (`sklearn.neighbors.KNeighborsRegressor`): the (1/distance-weighted) mean of the neighbours'
 * targets. Neighbour search as in `KNeighborsClassifier`.
 */
import { checkFormat } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NeighborsBase, type NeighborsParams } from './neighbors-base.js';

export type KNeighborsRegressorParams = NeighborsParams;

/** The JSON written by `KNeighborsRegressor.toJSON()`. */
export interface KNeighborsRegressorJSON {
  format: string;
  version: number;
  params: Required<NeighborsParams>;
  fitted: { X: number[][]; y: number[] } | null;
}

const FORMAT = 'ml-classical/k-neighbors-regressor';
const VERSION = 1;

export class KNeighborsRegressor extends NeighborsBase {
  protected readonly estimatorName = 'KNeighborsRegressor';
  private y: Float64Array | undefined;

  constructor(params: KNeighborsRegressorParams = {}) {
    super(params);
  }

  /** Stores the training data and targets (one finite number per row); returns `this`. */
  fit(X: MatrixInput, y: readonly number[]): this {
    const where = 'KNeighborsRegressor.fit';
    const x = this.fitX(where, X);
    if (!Array.isArray(y) || y.length !== x.rows) {
      throw new RangeError(`${where}: 'y' must be an array with one target per row of 'X' (${x.rows}); received ${Array.isArray(y) ? y.length : typeof y}`);
    }
    y.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${where}: 'y[${i}]' must be a finite number; received ${String(v)}`);
    });
    this.y = Float64Array.from(y);
    return this;
  }

  /** The (weighted) mean target of each row's neighbours. */
  predict(X: MatrixInput): number[] {
    const { index, weight, rows, k } = this.neighborsWithWeights('KNeighborsRegressor.predict', X);
    const y = this.y as Float64Array;
    const out = new Array<number>(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      let w = 0;
      for (let j = 0; j < k; j++) {
        s += y[index[i * k + j]] * weight[i * k + j];
        w += weight[i * k + j];
      }
      out[i] = s / w;
    }
    return out;
  }

  /** Coefficient of determination R² of `predict(X)` against `y` (sklearn `score`). */
  score(X: MatrixInput, y: readonly number[]): number {
    const pred = this.predict(X);
    if (y.length !== pred.length) throw new RangeError(`KNeighborsRegressor.score: 'y' must have one target per row of 'X' (${pred.length}); received ${y.length}`);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < y.length; i++) {
      ssRes += (y[i] - pred[i]) ** 2;
      ssTot += (y[i] - mean) ** 2;
    }
    if (ssTot === 0) return ssRes === 0 ? 1 : 0;
    return 1 - ssRes / ssTot;
  }

  /** Versioned JSON (the training data and targets). */
  toJSON(): KNeighborsRegressorJSON {
    const f = this.fitState;
    const fitted = f === undefined || this.y === undefined ? null : {
      X: Array.from({ length: f.x.rows }, (_, i) => Array.from(f.x.data.subarray(i * f.x.cols, (i + 1) * f.x.cols))),
      y: Array.from(this.y),
    };
    return { format: FORMAT, version: VERSION, params: { ...this.params }, fitted };
  }

  /** Rebuilds a model from `toJSON()` output. */
  static fromJSON(json: unknown): KNeighborsRegressor {
    const o = checkFormat('KNeighborsRegressor.fromJSON', json, FORMAT, VERSION) as unknown as KNeighborsRegressorJSON;
    const model = new KNeighborsRegressor(o.params);
    return o.fitted === null ? model : model.fit(o.fitted.X, o.fitted.y);
  }
}
