/**
 * Elastic net with scikit-learn 1.2's semantics (`sklearn.linear_model.ElasticNet`):
 * min 1/(2n) ‖y − Xw − b‖² + α ρ ‖w‖₁ + ½ α (1 − ρ) ‖w‖², by cyclic coordinate descent on centred
 * data (`coordinate-descent.ts`, a port of sklearn's `enet_coordinate_descent`), stopped on the
 * duality gap; coefficients, `nIter` and `dualGap` follow sklearn's run step for step.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.ElasticNet.html
 */
import { checkInt, checkNumber } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { centerData, readTarget } from './center-data.js';
import { enetCoordinateDescent } from './coordinate-descent.js';
import { checkBool, interceptOf, LinearRegressorBase, type LinearRegressorJSON } from './linear-regressor-base.js';

export interface ElasticNetParams {
  /** Penalty strength α ≥ 0 (sklearn `alpha`). @default 1 */
  alpha?: number;
  /** Mixing ρ in [0, 1]: 1 is the lasso, 0 ridge (sklearn `l1_ratio`). @default 0.5 */
  l1Ratio?: number;
  /** Fit an intercept (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** Coordinate-descent sweeps (sklearn `max_iter`). @default 1000 */
  maxIter?: number;
  /** Tolerance on updates and on the duality gap (× ‖y‖²) (sklearn `tol`). @default 1e-4 */
  tol?: number;
}

export const ELASTIC_NET_DEFAULTS = { alpha: 1, l1Ratio: 0.5, fitIntercept: true, maxIter: 1000, tol: 1e-4 } as const satisfies Required<ElasticNetParams>;

export type ElasticNetJSON = LinearRegressorJSON<Required<ElasticNetParams>>;

/** Fits an elastic net on behalf of `ElasticNet` and `Lasso`. */
export function fitElasticNet(where: string, X: MatrixInput, y: ArrayLike<number>, p: Required<ElasticNetParams>): { coef: Float64Array; intercept: number; nFeatures: number; extra: { nIter: number; dualGap: number } } {
  checkNumber(where, 'alpha', p.alpha, 0);
  checkNumber(where, 'l1Ratio', p.l1Ratio, 0);
  if (p.l1Ratio > 1) throw new RangeError(`${where}: 'l1Ratio' must be a number in [0, 1]; received ${p.l1Ratio}`);
  checkBool(where, 'fitIntercept', p.fitIntercept);
  checkInt(where, 'maxIter', p.maxIter, 1);
  checkNumber(where, 'tol', p.tol, 0);
  const x = readMatrix(where, 'X', X);
  const target = readTarget(where, y, x.rows);
  const c = centerData(x, target, undefined, p.fitIntercept);
  const { rows: n, cols: d } = x;
  const colMajor = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) colMajor[j * n + i] = c.X[i * d + j];
  const r = enetCoordinateDescent(colMajor, c.y, n, d, p.alpha * p.l1Ratio * n, p.alpha * (1 - p.l1Ratio) * n, p.maxIter, p.tol);
  return { coef: r.w, intercept: interceptOf(r.w, c.xMean, c.yMean, p.fitIntercept), nFeatures: d, extra: { nIter: r.nIter, dualGap: r.gap / n } };
}

const FORMAT = 'ml-classical/elastic-net';

export class ElasticNet extends LinearRegressorBase<ElasticNetParams> {
  readonly params: Readonly<Required<ElasticNetParams>>;
  protected readonly estimatorName: string = 'ElasticNet';

  constructor(params: ElasticNetParams = {}) {
    super();
    this.params = { ...ELASTIC_NET_DEFAULTS, ...params };
  }

  /** Fits the model; returns `this`. */
  fit(X: MatrixInput, y: ArrayLike<number>): this {
    this.state = fitElasticNet(`${this.estimatorName}.fit`, X, y, this.params);
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
  toJSON(): ElasticNetJSON {
    return this.json(FORMAT);
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): ElasticNet {
    return LinearRegressorBase.restore('ElasticNet.fromJSON', json, FORMAT, (p: ElasticNetParams) => new ElasticNet(p));
  }
}
