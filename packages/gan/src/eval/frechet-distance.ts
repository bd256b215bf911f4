/**
 * The Fréchet distance between Gaussians fitted to two feature sets: Heusel et al., "GANs Trained by
 * a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium" (2017), the FID formula
 * ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½), here in any feature space (e.g. a small classifier's
 * penultimate layer rather than Inception-v3's pool3, so the numbers are not comparable to
 * published FIDs). tr((Σ₁Σ₂)^½) = tr((Σ₁^½ Σ₂ Σ₁^½)^½), computed from two symmetric eigen-
 * decompositions in float64; checked against scipy.linalg.sqrtm (scripts/fixtures/gan_frechet.py).
 */
import { symmetricEigen } from './symmetric-eigen.js';

/** Feature rows: a `[N, D]` nested array or a flat row-major array with its shape. */
export type FeatureMatrix = readonly (readonly number[])[] | { data: ArrayLike<number>; shape: readonly [number, number] };

/** Mean `[D]` and covariance `[D, D]` (row-major, ddof = 1 as numpy's `cov`). */
export interface FeatureStatistics {
  mean: Float64Array;
  cov: Float64Array;
  dim: number;
}

function toFlat(where: string, name: string, x: FeatureMatrix): { data: ArrayLike<number>; n: number; d: number } {
  if (Array.isArray(x)) {
    const rows = x as readonly (readonly number[])[];
    const d = rows[0]?.length ?? 0;
    const data = new Float64Array(rows.length * d);
    rows.forEach((r, i) => {
      if (r.length !== d) throw new RangeError(`${where}: '${name}' rows must all have ${d} values; row ${i} has ${r.length}`);
      data.set(r, i * d);
    });
    return { data, n: rows.length, d };
  }
  const m = x as { data: ArrayLike<number>; shape: readonly [number, number] };
  const [n, d] = m.shape;
  if (m.data.length !== n * d) throw new RangeError(`${where}: '${name}.data' must hold ${n}×${d} = ${n * d} values; received ${m.data.length}`);
  return { data: m.data, n, d };
}

/** Mean and covariance of feature rows (at least 2 rows). */
export function featureStatistics(features: FeatureMatrix, name = 'features'): FeatureStatistics {
  const where = 'featureStatistics';
  const { data, n, d } = toFlat(where, name, features);
  if (n < 2 || d < 1) throw new RangeError(`${where}: '${name}' must have at least 2 rows and 1 column; received [${n}, ${d}]`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] as number;
      if (!Number.isFinite(v)) throw new RangeError(`${where}: '${name}' must be finite; received ${v} at row ${i}, column ${j}`);
      row[j] = v - (mean[j] as number);
    }
    for (let j = 0; j < d; j++) for (let k = j; k < d; k++) cov[j * d + k] = (cov[j * d + k] as number) + (row[j] as number) * (row[k] as number);
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const c = (cov[j * d + k] as number) / (n - 1);
      cov[j * d + k] = c;
      cov[k * d + j] = c;
    }
  }
  return { mean, cov, dim: d };
}

/** C = A·B for n×n row-major matrices. */
function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] as number) + aik * (b[k * n + j] as number);
    }
  }
  return c;
}

/** The principal square root V·diag(√max(λ, 0))·Vᵀ of a symmetric positive semi-definite matrix. */
function sqrtPsd(a: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(values[k] as number, 0));
    if (s === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = (vectors[i * n + k] as number) * s;
      for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + vik * (vectors[j * n + k] as number);
    }
  }
  return out;
}

/** ‖μ₁ − μ₂‖² + tr(Σ₁) + tr(Σ₂) − 2·tr((Σ₁Σ₂)^½) from two sets of statistics. */
export function frechetDistanceFromStatistics(a: FeatureStatistics, b: FeatureStatistics): number {
  if (a.dim !== b.dim) throw new RangeError(`frechetDistance: both feature sets must have the same width; received ${a.dim} and ${b.dim}`);
  const n = a.dim;
  let dist = 0;
  for (let j = 0; j < n; j++) dist += ((a.mean[j] as number) - (b.mean[j] as number)) ** 2;
  for (let j = 0; j < n; j++) dist += (a.cov[j * n + j] as number) + (b.cov[j * n + j] as number);
  const r = sqrtPsd(a.cov, n);
  const m = matmul(matmul(r, b.cov, n), r, n); // Σ₁^½ Σ₂ Σ₁^½: symmetric PSD, same eigenvalues as Σ₁Σ₂
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = ((m[i * n + j] as number) + (m[j * n + i] as number)) / 2; // symmetrise rounding
      m[i * n + j] = s;
      m[j * n + i] = s;
    }
  }
  const { values } = symmetricEigen(m, n);
  let trSqrt = 0;
  for (const v of values) trSqrt += Math.sqrt(Math.max(v, 0));
  return dist - 2 * trSqrt;
}

/** The Fréchet distance between the Gaussians fitted to two feature sets `[N₁, D]` and `[N₂, D]`. */
export function frechetDistance(a: FeatureMatrix, b: FeatureMatrix): number {
  return frechetDistanceFromStatistics(featureStatistics(a, 'a'), featureStatistics(b, 'b'));
}
