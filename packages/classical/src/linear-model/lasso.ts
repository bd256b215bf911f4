/**
 * The lasso with scikit-learn 1.2's semantics (`sklearn.linear_model.Lasso`): the elastic net with
 * ρ = 1, min 1/(2n) ‖y − Xw − b‖² + α ‖w‖₁, by the same coordinate descent.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.Lasso.html
 */
import type { MatrixInput } from '../base/matrix-input.js';
import { fitElasticNet } from './elastic-net.js';
import { LinearRegressorBase, type LinearRegressorJSON } from './linear-regressor-base.js';

export interface LassoParams {
  /** L1 strength α ≥ 0 (sklearn `alpha`). @default 1 */
  alpha?: number;
  /** Fit an intercept (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** Coordinate-descent sweeps (sklearn `max_iter`). @default 1000 */
  maxIter?: number;
  /** Tolerance on updates and on the duality gap (× ‖y‖²) (sklearn `tol`). @default 1e-4 */
  tol?: number;
}

export const LASSO_DEFAULTS = { alpha: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4 } as const satisfies Required<LassoParams>;

export type LassoJSON = LinearRegressorJSON<Required<LassoParams>>;

const FORMAT = 'ml-classical/lasso';

export class Lasso extends LinearRegressorBase<LassoParams> {
  readonly params: Readonly<Required<LassoParams>>;
  protected readonly estimatorName = 'Lasso';

  constructor(params: LassoParams = {}) {
    super();
    this.params = { ...LASSO_DEFAULTS, ...params };
  }

  /** Fits the model; returns `this`. */
  fit(X: MatrixInput, y: ArrayLike<number>): this {
    this.state = fitElasticNet('Lasso.fit', X, y, { ...this.params, l1Ratio: 1 });
    return this;
  }

  /** Coordinate-descent sweeps run (sklearn `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter').extra.nIter as number;
  }

  /** The final duality gap divided by n (sklearn `dual_gap_`). */
  get dualGap(): number {
    return this.fitted('dualGap').extra.dualGap as number;
  }

  /** Versioned JSON of the params and fitted state. */
  toJSON(): LassoJSON {
    return this.json(FORMAT);
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): Lasso {
    return LinearRegressorBase.restore('Lasso.fromJSON', json, FORMAT, (p: LassoParams) => new Lasso(p));
  }
}
