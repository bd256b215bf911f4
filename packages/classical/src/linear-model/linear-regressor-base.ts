/**
 * Internal: what the least-squares regressors share (sklearn's `LinearModel`): ŷ = X·coef +
 * intercept, R² `score`, fitted getters and the versioned JSON.
 */
import { r2Score } from '@ml/core';
import { checkFormat } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix } from '../base/read-matrix.js';

export interface LinearFit {
  coef: Float64Array; // [d]
  intercept: number;
  nFeatures: number;
  /** Solver facts: LinearRegression's rank and singular values, the coordinate-descent iterations and duality gap. */
  extra: Record<string, number | number[]>;
}

/** The JSON written by the regressors' `toJSON()`. */
export interface LinearRegressorJSON<P> {
  format: string;
  version: number;
  params: P;
  fitted: { coef: number[]; intercept: number; nFeatures: number; extra: Record<string, number | number[]> } | null;
}

const VERSION = 1;

export abstract class LinearRegressorBase<P extends object> {
  abstract readonly params: Readonly<Required<P>>;
  protected abstract readonly estimatorName: string;
  protected state: LinearFit | undefined;

  /** Predictions X·coef + intercept. */
  predict(X: MatrixInput): number[] {
    const st = this.fitted('predict');
    const x = readMatrix(`${this.estimatorName}.predict`, 'X', X, st.nFeatures);
    const d = st.nFeatures;
    const out = new Array<number>(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let s = st.intercept;
      for (let j = 0; j < d; j++) s += x.data[i * d + j] * st.coef[j];
      out[i] = s;
    }
    return out;
  }

  /** R² of `predict(X)` against `y` (sklearn `score`). */
  score(X: MatrixInput, y: ArrayLike<number>): number {
    return r2Score(y, this.predict(X));
  }

  /** Coefficients, one per feature (sklearn `coef_`). */
  get coef(): number[] {
    return Array.from(this.fitted('coef').coef);
  }

  /** The intercept, 0 without `fitIntercept` (sklearn `intercept_`). */
  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  /** Features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }

  protected fitted(what: string): LinearFit {
    if (this.state === undefined) throw new NotFittedError(this.estimatorName, what);
    return this.state;
  }

  protected json(format: string): LinearRegressorJSON<Required<P>> {
    const st = this.state;
    return {
      format,
      version: VERSION,
      params: { ...this.params },
      fitted: st === undefined ? null : { coef: Array.from(st.coef), intercept: st.intercept, nFeatures: st.nFeatures, extra: st.extra },
    };
  }

  /** Reads `json` into a new estimator made by `make(params)`. */
  protected static restore<P extends object, M extends LinearRegressorBase<P>>(where: string, json: unknown, format: string, make: (params: P) => M): M {
    const o = checkFormat(where, json, format, VERSION) as unknown as LinearRegressorJSON<P>;
    const model = make(o.params);
    const f = o.fitted;
    if (f !== null) {
      if (f.coef.length !== f.nFeatures || !f.coef.every(Number.isFinite) || !Number.isFinite(f.intercept)) {
        throw new RangeError(`${where}: 'fitted.coef' must hold nFeatures = ${f.nFeatures} finite numbers; received ${f.coef.length}`);
      }
      model.state = { coef: Float64Array.from(f.coef), intercept: f.intercept, nFeatures: f.nFeatures, extra: f.extra };
    }
    return model;
  }
}

/** intercept = ȳ − x̄ · coef (0 without an intercept). */
export function interceptOf(coef: Float64Array, xMean: Float64Array, yMean: number, fitIntercept: boolean): number {
  if (!fitIntercept) return 0;
  let s = yMean;
  for (let j = 0; j < coef.length; j++) s -= xMean[j] * coef[j];
  return s;
}

export function checkBool(where: string, name: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new TypeError(`${where}: '${name}' must be a boolean; received ${JSON.stringify(v)}`);
}
