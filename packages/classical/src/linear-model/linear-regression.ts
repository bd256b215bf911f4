/**
 * Ordinary least squares with scikit-learn 1.2's semantics (`sklearn.linear_model.LinearRegression`):
 * min Σ s_i (y_i − x_i·w − b)², solved on centred data by `lstsq` (one-sided Jacobi SVD), which gives
 * the minimum-norm solution when X is rank deficient, as scipy's `lstsq` does for sklearn.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.LinearRegression.html
 */
import type { MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { centerData, readTarget } from './center-data.js';
import { checkBool, interceptOf, LinearRegressorBase, type LinearRegressorJSON } from './linear-regressor-base.js';
import { lstsq } from './lstsq.js';
import { readSampleWeight } from './weights.js';

export interface LinearRegressionParams {
  /** Fit an intercept (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
}

export const LINEAR_REGRESSION_DEFAULTS = { fitIntercept: true } as const satisfies Required<LinearRegressionParams>;

export type LinearRegressionJSON = LinearRegressorJSON<Required<LinearRegressionParams>>;

const FORMAT = 'ml-classical/linear-regression';

export class LinearRegression extends LinearRegressorBase<LinearRegressionParams> {
  readonly params: Readonly<Required<LinearRegressionParams>>;
  protected readonly estimatorName = 'LinearRegression';

  constructor(params: LinearRegressionParams = {}) {
    super();
    this.params = { ...LINEAR_REGRESSION_DEFAULTS, ...params };
  }

  /** Fits the model; returns `this`. */
  fit(X: MatrixInput, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): this {
    const where = 'LinearRegression.fit';
    checkBool(where, 'fitIntercept', this.params.fitIntercept);
    const x = readMatrix(where, 'X', X);
    const target = readTarget(where, y, x.rows);
    const sw = sampleWeight === undefined ? undefined : readSampleWeight(where, sampleWeight, x.rows);
    const c = centerData(x, target, sw, this.params.fitIntercept);
    const r = lstsq(c.X, x.rows, x.cols, c.y);
    this.state = {
      coef: r.x,
      intercept: interceptOf(r.x, c.xMean, c.yMean, this.params.fitIntercept),
      nFeatures: x.cols,
      extra: { rank: r.rank, singular: Array.from(r.singular) },
    };
    return this;
  }

  /** Rank of the (centred, weighted) X (sklearn `rank_`). */
  get rank(): number {
    return this.fitted('rank').extra.rank as number;
  }

  /** Singular values of the (centred, weighted) X, largest first (sklearn `singular_`). */
  get singular(): number[] {
    return [...(this.fitted('singular').extra.singular as number[])];
  }

  /** Versioned JSON of the params and fitted state. */
  toJSON(): LinearRegressionJSON {
    return this.json(FORMAT);
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): LinearRegression {
    return LinearRegressorBase.restore('LinearRegression.fromJSON', json, FORMAT, (p: LinearRegressionParams) => new LinearRegression(p));
  }
}
