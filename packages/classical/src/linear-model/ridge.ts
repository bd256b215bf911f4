/**
 * Ridge regression with scikit-learn 1.2's semantics (`sklearn.linear_model.Ridge`):
 * min Σ s_i (y_i − x_i·w − b)² + α‖w‖², closed form on centred data.
 * 'cholesky' (what 'auto' picks for dense X) solves (XᵀX + αI) w = Xᵀy by a Cholesky factorisation;
 * 'svd' (and the fallback when XᵀX + αI is not numerically positive definite, e.g. α = 0 with
 * collinear features — sklearn falls back to lstsq there too) solves the stacked least-squares
 * problem [X; √α I] w ≈ [y; 0] with `lstsq`.
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.linear_model.Ridge.html
 */
import { checkNumber, checkOneOf } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { readMatrix } from '../base/read-matrix.js';
import { centerData, readTarget } from './center-data.js';
import { checkBool, interceptOf, LinearRegressorBase, type LinearRegressorJSON } from './linear-regressor-base.js';
import { lstsq } from './lstsq.js';
import { readSampleWeight } from './weights.js';

export interface RidgeParams {
  /** L2 strength α ≥ 0 (sklearn `alpha`). @default 1 */
  alpha?: number;
  /** Fit an intercept (sklearn `fit_intercept`). @default true */
  fitIntercept?: boolean;
  /** 'auto' (= 'cholesky' for dense input), 'cholesky' or 'svd' (sklearn `solver`). @default 'auto' */
  solver?: 'auto' | 'cholesky' | 'svd';
}

export const RIDGE_DEFAULTS = { alpha: 1, fitIntercept: true, solver: 'auto' } as const satisfies Required<RidgeParams>;

export type RidgeJSON = LinearRegressorJSON<Required<RidgeParams>>;

const FORMAT = 'ml-classical/ridge';

/** Solves the SPD system A w = b (A d × d) in place by Cholesky; false when A is not positive definite. */
function choleskySolve(A: Float64Array, b: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let s = A[j * d + j];
    for (let k = 0; k < j; k++) s -= A[j * d + k] ** 2;
    if (!(s > 1e-12 * Math.max(1, Math.abs(A[j * d + j])))) return false;
    const ljj = Math.sqrt(s);
    A[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = A[i * d + j];
      for (let k = 0; k < j; k++) t -= A[i * d + k] * A[j * d + k];
      A[i * d + j] = t / ljj;
    }
  }
  for (let i = 0; i < d; i++) {
    let t = b[i];
    for (let k = 0; k < i; k++) t -= A[i * d + k] * b[k];
    b[i] = t / A[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = b[i];
    for (let k = i + 1; k < d; k++) t -= A[k * d + i] * b[k];
    b[i] = t / A[i * d + i];
  }
  return true;
}

export class Ridge extends LinearRegressorBase<RidgeParams> {
  readonly params: Readonly<Required<RidgeParams>>;
  protected readonly estimatorName = 'Ridge';

  constructor(params: RidgeParams = {}) {
    super();
    this.params = { ...RIDGE_DEFAULTS, ...params };
  }

  /** Fits the model; returns `this`. */
  fit(X: MatrixInput, y: ArrayLike<number>, sampleWeight?: ArrayLike<number>): this {
    const where = 'Ridge.fit';
    const { alpha, fitIntercept, solver } = this.params;
    checkNumber(where, 'alpha', alpha, 0);
    checkBool(where, 'fitIntercept', fitIntercept);
    checkOneOf(where, 'solver', solver, ['auto', 'cholesky', 'svd']);
    const x = readMatrix(where, 'X', X);
    const target = readTarget(where, y, x.rows);
    const sw = sampleWeight === undefined ? undefined : readSampleWeight(where, sampleWeight, x.rows);
    const c = centerData(x, target, sw, fitIntercept);
    const { rows: n, cols: d } = x;
    let coef: Float64Array | undefined;
    if (solver !== 'svd') {
      const A = new Float64Array(d * d); // XᵀX + αI
      const b = new Float64Array(d); // Xᵀy
      for (let i = 0; i < n; i++) {
        const row = i * d;
        for (let j = 0; j < d; j++) {
          const v = c.X[row + j];
          b[j] += v * c.y[i];
          for (let k = 0; k <= j; k++) A[j * d + k] += v * c.X[row + k];
        }
      }
      for (let j = 0; j < d; j++) {
        A[j * d + j] += alpha;
        for (let k = 0; k < j; k++) A[k * d + j] = A[j * d + k];
      }
      if (choleskySolve(A, b, d)) coef = b;
    }
    if (coef === undefined) {
      const stacked = new Float64Array((n + d) * d);
      stacked.set(c.X);
      for (let j = 0; j < d; j++) stacked[(n + j) * d + j] = Math.sqrt(alpha);
      const rhs = new Float64Array(n + d);
      rhs.set(c.y);
      coef = lstsq(stacked, n + d, d, rhs).x;
    }
    this.state = { coef, intercept: interceptOf(coef, c.xMean, c.yMean, fitIntercept), nFeatures: d, extra: {} };
    return this;
  }

  /** Versioned JSON of the params and fitted state. */
  toJSON(): RidgeJSON {
    return this.json(FORMAT);
  }

  /** Rebuilds an estimator from `toJSON()` output. */
  static fromJSON(json: unknown): Ridge {
    return LinearRegressorBase.restore('Ridge.fromJSON', json, FORMAT, (p: RidgeParams) => new Ridge(p));
  }
}
