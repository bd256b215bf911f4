/**
 * Sparse neighbour similarities with Surprise's definitions (`surprise/similarities.pyx`), computed
 * over common ratings only and kept as the top `storedNeighbors` positive similarities per row, so
 * memory is O(rows · storedNeighbors), never rows².
 *
 * Per pair (x, x') over the ys rated by both (n = |common|):
 * - cosine: Σ r·r' / √(Σ r² · Σ r'²)
 * - msd: 1 / (Σ (r − r')² / n + 1)
 * - pearson: (n Σ r r' − Σ r Σ r') / √((n Σ r² − (Σ r)²)(n Σ r'² − (Σ r')²)), i.e. centred on
 *   the common-rating means; 0 when the denominator is 0
 * - pearsonBaseline: cosine of the residuals r − (μ + b_x + b_y), times (n − 1)/(n − 1 + shrinkage);
 *   needs n ≥ max(2, minSupport)
 * - adjustedCosine (Sarwar et al., WWW 2001): cosine of r − mean of the y's ratings (for item-item,
 *   each rating minus its user's mean)
 * Pairs with n < minSupport get 0. Non-positive similarities are not stored: Surprise's
 * predictions skip neighbours with similarity ≤ 0, so dropping them changes no prediction.
 */
import type { Baselines } from '../baseline/compute-baselines.js';
import { NeighborListsBuilder } from './neighbor-lists-builder.js';

/** The similarity measures. */
export type SimilarityName = 'cosine' | 'msd' | 'pearson' | 'pearsonBaseline' | 'adjustedCosine';

/** Per-row neighbour lists, each sorted by similarity descending (ties: lower index first). */
export interface SimilarityLists {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** A CSR matrix in the orientation the similarity needs (rows = the entities compared). */
export interface Csr {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export interface SimilarityInput {
  name: SimilarityName;
  /** x × y ratings (rows are compared). */
  rows: Csr;
  /** y × x: the transpose of `rows`. */
  cols: Csr;
  minSupport: number;
  shrinkage: number;
  storedNeighbors: number;
  /** Baselines with b_x and b_y, for pearsonBaseline. */
  baselines?: { globalMean: number; bx: Float64Array; by: Float64Array };
}

/** Rewrites the values the measure works on: residuals (pearsonBaseline) or y-mean centred (adjustedCosine). */
function transformValues(input: SimilarityInput, nX: number): { rows: Float64Array; cols: Float64Array } {
  const { rows, cols, name } = input;
  if (name !== 'pearsonBaseline' && name !== 'adjustedCosine') return { rows: rows.values, cols: cols.values };
  const nY = cols.indptr.length - 1;
  let f: (x: number, y: number) => number;
  if (name === 'pearsonBaseline') {
    const b = input.baselines as NonNullable<SimilarityInput['baselines']>;
    f = (x, y) => b.globalMean + b.bx[x] + b.by[y];
  } else {
    const yMean = new Float64Array(nY);
    for (let y = 0; y < nY; y++) {
      let s = 0;
      for (let k = cols.indptr[y]; k < cols.indptr[y + 1]; k++) s += cols.values[k];
      yMean[y] = cols.indptr[y + 1] > cols.indptr[y] ? s / (cols.indptr[y + 1] - cols.indptr[y]) : 0;
    }
    f = (_x, y) => yMean[y];
  }
  const r = new Float64Array(rows.values.length);
  for (let x = 0; x < nX; x++) for (let k = rows.indptr[x]; k < rows.indptr[x + 1]; k++) r[k] = rows.values[k] - f(x, rows.indices[k]);
  const c = new Float64Array(cols.values.length);
  for (let y = 0; y < nY; y++) for (let k = cols.indptr[y]; k < cols.indptr[y + 1]; k++) c[k] = cols.values[k] - f(cols.indices[k], y);
  return { rows: r, cols: c };
}

/**
 * Computes the sparse top-`storedNeighbors` similarity lists of every row of `input.rows`. Each
 * pair is computed once (x < x′): row x walks its ys, and for each y the entries of column y after
 * x (a cursor per column advances with x, so `cols` must hold sorted indices), accumulating the
 * co-rating sums of x′ in one dense interleaved row; the similarity then goes to both rows' lists.
 */
export function computeSimilarities(input: SimilarityInput): SimilarityLists {
  const { rows, cols, name, shrinkage, storedNeighbors } = input;
  const nX = rows.indptr.length - 1;
  const nY = cols.indptr.length - 1;
  const minSupport = name === 'pearsonBaseline' ? Math.max(2, input.minSupport) : input.minSupport;
  const v = transformValues(input, nX);
  const out = new NeighborListsBuilder(nX, storedNeighbors >= nX - 1 ? Infinity : storedNeighbors);
  const isPearson = name === 'pearson';
  const isMsd = name === 'msd';
  const isShrunk = name === 'pearsonBaseline';
  // Per x′: msd [n, Σd²]; cosine-like [n, Σrr′, Σr², Σr′²]; pearson adds [Σr, Σr′].
  const stride = isMsd ? 2 : isPearson ? 8 : 4;
  const acc = new Float64Array(nX * stride);
  const touched = new Int32Array(nX);
  const rowPtr = rows.indptr;
  const rowIdx = rows.indices;
  const rowVal = v.rows;
  const colPtr = cols.indptr;
  const colIdx = cols.indices;
  const colVal = v.cols;
  const cursor = colPtr.slice(0, nY);
  for (let x = 0; x < nX; x++) {
    let nTouched = 0;
    // One specialised inner loop per measure: this is the O(Σ_y |ratings of y|² / 2) part.
    for (let k = rowPtr[x]; k < rowPtr[x + 1]; k++) {
      const y = rowIdx[k];
      const ri = rowVal[k];
      const at = cursor[y]++;
      const end = colPtr[y + 1];
      if (at >= end || colIdx[at] !== x) {
        throw new RangeError(`computeSimilarities: 'cols' must be the transpose of 'rows' with sorted indices; row ${x} is missing from column ${y}`);
      }
      if (isMsd) {
        for (let m = at + 1; m < end; m++) {
          const x2 = colIdx[m];
          const o = x2 << 1;
          if (acc[o]++ === 0) touched[nTouched++] = x2;
          const d = ri - colVal[m];
          acc[o + 1] += d * d;
        }
      } else if (isPearson) {
        for (let m = at + 1; m < end; m++) {
          const x2 = colIdx[m];
          const rj = colVal[m];
          const o = x2 << 3;
          if (acc[o]++ === 0) touched[nTouched++] = x2;
          acc[o + 1] += ri * rj;
          acc[o + 2] += ri * ri;
          acc[o + 3] += rj * rj;
          acc[o + 4] += ri;
          acc[o + 5] += rj;
        }
      } else {
        for (let m = at + 1; m < end; m++) {
          const x2 = colIdx[m];
          const rj = colVal[m];
          const o = x2 << 2;
          if (acc[o]++ === 0) touched[nTouched++] = x2;
          acc[o + 1] += ri * rj;
          acc[o + 2] += ri * ri;
          acc[o + 3] += rj * rj;
        }
      }
    }
    for (let c = 0; c < nTouched; c++) {
      const x2 = touched[c];
      const o = x2 * stride;
      const n = acc[o];
      let sim = 0;
      if (n >= minSupport) {
        if (isMsd) sim = 1 / (acc[o + 1] / n + 1);
        else if (isPearson) {
          const den = Math.sqrt((n * acc[o + 2] - acc[o + 4] * acc[o + 4]) * (n * acc[o + 3] - acc[o + 5] * acc[o + 5]));
          sim = den === 0 ? 0 : (n * acc[o + 1] - acc[o + 4] * acc[o + 5]) / den;
        } else {
          const den = Math.sqrt(acc[o + 2] * acc[o + 3]);
          sim = den === 0 ? 0 : acc[o + 1] / den;
          if (isShrunk) sim *= (n - 1) / (n - 1 + shrinkage);
        }
      }
      acc[o] = acc[o + 1] = 0;
      if (!isMsd) acc[o + 2] = acc[o + 3] = 0;
      if (isPearson) acc[o + 4] = acc[o + 5] = 0;
      if (sim > 0) {
        out.add(x, x2, sim);
        out.add(x2, x, sim);
      }
    }
  }
  return out.finish();
}

/** b_x / b_y from user/item baselines in the orientation of the comparison. */
export function orientBaselines(b: Baselines, userBased: boolean): { globalMean: number; bx: Float64Array; by: Float64Array } {
  return userBased ? { globalMean: b.globalMean, bx: b.bu, by: b.bi } : { globalMean: b.globalMean, bx: b.bi, by: b.bu };
}
