/**
 * Principal component analysis with scikit-learn 1.2's semantics (`sklearn.decomposition.PCA`,
 * `svd_solver='full'`).
 *
 * Reference: I. T. Jolliffe, "Principal Component Analysis", 2nd ed., 2002; the SVD of the centred
 * data X_c = U S Vᵀ is obtained from the eigen-decomposition X_cᵀ X_c = V S² Vᵀ (cyclic Jacobi,
 * `symmetric-eigen.ts`), with U = X_c V / S. Squaring the data halves the accurate digits of tiny
 * singular values relative to the largest; components of (near-)zero variance are arbitrary here as
 * in LAPACK. Sign convention (deterministic, sklearn 1.2's `svd_flip` with `u_based_decision=True`):
 * each component is flipped so that the entry of largest absolute value in its column of U — the
 * training scores — is positive (first such row on ties).
 */
import { checkFormat } from '../base/check-params.js';
import type { MatrixInput } from '../base/matrix-input.js';
import { NotFittedError } from '../base/not-fitted-error.js';
import { readMatrix } from '../base/read-matrix.js';
import { toRows } from '../preprocessing/to-rows.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface PCAParams {
  /**
   * Components to keep: `null` (min(nSamples, nFeatures)), an integer in 1 … min(nSamples, nFeatures),
   * or a fraction in (0, 1): the fewest components whose explained variance ratio sums above it
   * (sklearn `n_components`).
   * @default null
   */
  nComponents?: number | null;
  /** Scale the projections to unit variance (divide by √explainedVariance) (sklearn `whiten`). @default false */
  whiten?: boolean;
}

export const PCA_DEFAULTS = { nComponents: null, whiten: false } as const satisfies Required<PCAParams>;

/** The JSON written by `PCA.toJSON()`. */
export interface PCAJSON {
  format: string;
  version: number;
  params: Required<PCAParams>;
  fitted: {
    components: number[][];
    explainedVariance: number[];
    explainedVarianceRatio: number[];
    singularValues: number[];
    mean: number[];
    noiseVariance: number;
    nSamples: number;
  } | null;
}

const FORMAT = 'ml-classical/pca';
const VERSION = 1;

interface Fitted {
  components: Float64Array; // k × d
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  singularValues: Float64Array;
  mean: Float64Array;
  noiseVariance: number;
  nSamples: number;
}

export class PCA {
  readonly params: Readonly<Required<PCAParams>>;
  private fitted: Fitted | undefined;

  constructor(params: PCAParams = {}) {
    this.params = { ...PCA_DEFAULTS, ...params };
  }

  /** Fits the principal axes of `X` (n × d, n ≥ 2); returns `this`. */
  fit(X: MatrixInput): this {
    const where = 'PCA.fit';
    const { nComponents, whiten } = this.params;
    if (typeof whiten !== 'boolean') throw new TypeError(`${where}: 'whiten' must be a boolean; received ${JSON.stringify(whiten)}`);
    const { rows: n, cols: d, data } = readMatrix(where, 'X', X);
    if (n < 2) throw new RangeError(`${where}: 'X' must have at least 2 rows (the variance divides by n − 1); received ${n}`);
    const r = Math.min(n, d);
    const fraction = typeof nComponents === 'number' && nComponents > 0 && nComponents < 1;
    if (nComponents !== null && !fraction && (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > r)) {
      throw new RangeError(`${where}: 'nComponents' must be null, an integer in [1, ${r}] (min(nSamples, nFeatures)) or a fraction in (0, 1); received ${String(nComponents)}`);
    }
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] -= mean[j];
    const gram = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        const xa = data[i * d + a];
        if (xa === 0) continue;
        for (let b = a; b < d; b++) gram[a * d + b] += xa * data[i * d + b];
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a];
    const { values, vectors } = symmetricEigen(gram, d);
    const sv = Float64Array.from({ length: r }, (_, k) => Math.sqrt(Math.max(values[k], 0)));
    const ev = sv.map((s) => (s * s) / (n - 1));
    const total = ev.reduce((a, b) => a + b, 0);
    const ratio = ev.map((v) => v / total);
    let k = nComponents === null ? r : nComponents;
    if (fraction) {
      let cum = 0;
      k = 0;
      while (k < r && cum <= (nComponents as number)) cum += ratio[k++];
      k = Math.min(k, r);
    }
    for (let c = 0; c < r; c++) flipSign(data, n, d, vectors, c);
    let noise = 0;
    if (k < r) {
      for (let c = k; c < r; c++) noise += ev[c];
      noise /= r - k;
    }
    this.fitted = {
      components: vectors.slice(0, k * d),
      explainedVariance: ev.slice(0, k),
      explainedVarianceRatio: ratio.slice(0, k),
      singularValues: sv.slice(0, k),
      mean,
      noiseVariance: noise,
      nSamples: n,
    };
    return this;
  }

  /** Projects `X` onto the components: `(X − mean) Vᵀ`, divided by √explainedVariance when `whiten`. */
  transform(X: MatrixInput): number[][] {
    const where = 'PCA.transform';
    const f = this.state('transform');
    const d = f.mean.length;
    const k = f.singularValues.length;
    const x = readMatrix(where, 'X', X, d);
    const scale = this.whitenScale(where, f);
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (x.data[i * d + j] - f.mean[j]) * f.components[c * d + j];
        out[i * k + c] = s / scale[c];
      }
    }
    return toRows(out, x.rows, k);
  }

  /** Fits, then returns `transform(X)` (sklearn `fit_transform`). */
  fitTransform(X: MatrixInput): number[][] {
    return this.fit(X).transform(X);
  }

  /** Maps projections back to feature space: `Z · V + mean` (un-whitening first when `whiten`). */
  inverseTransform(Z: MatrixInput): number[][] {
    const where = 'PCA.inverseTransform';
    const f = this.state('inverseTransform');
    const d = f.mean.length;
    const k = f.singularValues.length;
    const z = readMatrix(where, 'Z', Z, k);
    const scale = this.whitenScale(where, f);
    const out = new Float64Array(z.rows * d);
    for (let i = 0; i < z.rows; i++) {
      for (let j = 0; j < d; j++) {
        let s = f.mean[j];
        for (let c = 0; c < k; c++) s += z.data[i * k + c] * scale[c] * f.components[c * d + j];
        out[i * d + j] = s;
      }
    }
    return toRows(out, z.rows, d);
  }

  /** Principal axes, nComponents × nFeatures, unit rows (sklearn `components_`). */
  get components(): number[][] {
    const f = this.state('components');
    return toRows(f.components, f.singularValues.length, f.mean.length);
  }

  /** Variance along each component, S² / (n − 1) (sklearn `explained_variance_`). */
  get explainedVariance(): number[] {
    return Array.from(this.state('explainedVariance').explainedVariance);
  }

  /** Share of the total variance per component (sklearn `explained_variance_ratio_`). */
  get explainedVarianceRatio(): number[] {
    return Array.from(this.state('explainedVarianceRatio').explainedVarianceRatio);
  }

  /** Singular values of the centred data (sklearn `singular_values_`). */
  get singularValues(): number[] {
    return Array.from(this.state('singularValues').singularValues);
  }

  /** Feature means of the training data (sklearn `mean_`). */
  get mean(): number[] {
    return Array.from(this.state('mean').mean);
  }

  /** Mean variance of the discarded components, 0 when none are (sklearn `noise_variance_`). */
  get noiseVariance(): number {
    return this.state('noiseVariance').noiseVariance;
  }

  /** Components kept (sklearn `n_components_`). */
  get nComponents(): number {
    return this.state('nComponents').singularValues.length;
  }

  /** Number of features seen in fit (sklearn `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.state('nFeaturesIn').mean.length;
  }

  /** Number of training rows (sklearn `n_samples_`). */
  get nSamples(): number {
    return this.state('nSamples').nSamples;
  }

  /** Versioned JSON of the params and fitted state (`PCA.fromJSON` reads it back). */
  toJSON(): PCAJSON {
    const f = this.fitted;
    return {
      format: FORMAT,
      version: VERSION,
      params: { ...this.params },
      fitted: f === undefined ? null : {
        components: this.components,
        explainedVariance: Array.from(f.explainedVariance),
        explainedVarianceRatio: Array.from(f.explainedVarianceRatio),
        singularValues: Array.from(f.singularValues),
        mean: Array.from(f.mean),
        noiseVariance: f.noiseVariance,
        nSamples: f.nSamples,
      },
    };
  }

  /** Rebuilds a PCA from `toJSON()` output. */
  static fromJSON(json: unknown): PCA {
    const where = 'PCA.fromJSON';
    const o = checkFormat(where, json, FORMAT, VERSION) as unknown as PCAJSON;
    const model = new PCA(o.params);
    if (o.fitted !== null) {
      const f = o.fitted;
      const d = f.mean?.length;
      const k = f.singularValues?.length;
      const ok = Array.isArray(f.components) && f.components.length === k && f.components.every((row) => Array.isArray(row) && row.length === d)
        && [f.explainedVariance, f.explainedVarianceRatio].every((a) => Array.isArray(a) && a.length === k);
      if (!ok) throw new RangeError(`${where}: 'fitted' must hold k × d components with k = singularValues.length (${String(k)}) and d = mean.length (${String(d)}); received a mismatched payload`);
      model.fitted = {
        components: Float64Array.from(f.components.flat()),
        explainedVariance: Float64Array.from(f.explainedVariance),
        explainedVarianceRatio: Float64Array.from(f.explainedVarianceRatio),
        singularValues: Float64Array.from(f.singularValues),
        mean: Float64Array.from(f.mean),
        noiseVariance: f.noiseVariance,
        nSamples: f.nSamples,
      };
    }
    return model;
  }

  private whitenScale(where: string, f: Fitted): Float64Array {
    const k = f.singularValues.length;
    if (!this.params.whiten) return new Float64Array(k).fill(1);
    const s = f.explainedVariance.map(Math.sqrt);
    const zero = s.findIndex((v) => !(v > 0));
    if (zero >= 0) throw new RangeError(`${where}: 'whiten' needs every kept component to have positive variance; component ${zero} has explained variance ${f.explainedVariance[zero]}`);
    return s;
  }

  private state(what: string): Fitted {
    if (this.fitted === undefined) throw new NotFittedError('PCA', what);
    return this.fitted;
  }
}

/** sklearn's u-based svd_flip: make the largest-|·| training score of component `c` positive. */
function flipSign(x: Float64Array, n: number, d: number, vectors: Float64Array, c: number): void {
  let best = 0;
  let bestAbs = -1;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] * vectors[c * d + j];
    if (Math.abs(s) > bestAbs) {
      bestAbs = Math.abs(s);
      best = s;
    }
  }
  if (best < 0) for (let j = 0; j < d; j++) vectors[c * d + j] = -vectors[c * d + j];
}
