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

/** Computes the sparse top-`storedNeighbors` similarity lists of every row of `input.rows`. */
export function computeSimilarities(input: SimilarityInput): SimilarityLists {
  const { rows, cols, name, shrinkage, storedNeighbors } = input;
  const nX = rows.indptr.length - 1;
  const minSupport = name === 'pearsonBaseline' ? Math.max(2, input.minSupport) : input.minSupport;
  const v = transformValues(input, nX);
  const freq = new Int32Array(nX);
  const prods = new Float64Array(nX);
  const sqi = new Float64Array(nX);
  const sqj = new Float64Array(nX);
  const si = new Float64Array(nX);
  const sj = new Float64Array(nX);
  const sqDiff = new Float64Array(nX);
  const touched = new Int32Array(nX);
  const candSim = new Float64Array(nX);
  const indptr = new Int32Array(nX + 1);
  let outIdx: number[] = [];
  let outVal: number[] = [];
  const isPearson = name === 'pearson';
  const isMsd = name === 'msd';
  const rowPtr = rows.indptr;
  const rowIdx = rows.indices;
  const rowVal = v.rows;
  const colPtr = cols.indptr;
  const colIdx = cols.indices;
  const colVal = v.cols;
  for (let x = 0; x < nX; x++) {
    let nTouched = 0;
    // One specialised inner loop per measure: this is the O(Σ_y |ratings of y|²) part.
    for (let k = rowPtr[x]; k < rowPtr[x + 1]; k++) {
      const y = rowIdx[k];
      const ri = rowVal[k];
      const end = colPtr[y + 1];
      if (isMsd) {
        for (let m = colPtr[y]; m < end; m++) {
          const x2 = colIdx[m];
          if (freq[x2]++ === 0) touched[nTouched++] = x2;
          const d = ri - colVal[m];
          sqDiff[x2] += d * d;
        }
      } else if (isPearson) {
        for (let m = colPtr[y]; m < end; m++) {
          const x2 = colIdx[m];
          const rj = colVal[m];
          if (freq[x2]++ === 0) touched[nTouched++] = x2;
          prods[x2] += ri * rj;
          sqi[x2] += ri * ri;
          sqj[x2] += rj * rj;
          si[x2] += ri;
          sj[x2] += rj;
        }
      } else {
        for (let m = colPtr[y]; m < end; m++) {
          const x2 = colIdx[m];
          const rj = colVal[m];
          if (freq[x2]++ === 0) touched[nTouched++] = x2;
          prods[x2] += ri * rj;
          sqi[x2] += ri * ri;
          sqj[x2] += rj * rj;
        }
      }
    }
    // x itself was accumulated too (cheaper than a test per pair); drop it.
    for (let c = 0; c < nTouched; c++) {
      if (touched[c] === x) {
        touched[c] = touched[--nTouched];
        break;
      }
    }
    freq[x] = 0;
    prods[x] = sqi[x] = sqj[x] = si[x] = sj[x] = sqDiff[x] = 0;
    const cand = touched;
    let nPositive = 0;
    for (let c = 0; c < nTouched; c++) {
      const x2 = cand[c];
      const n = freq[x2];
      let sim = 0;
      if (n >= minSupport) {
        if (isMsd) sim = 1 / (sqDiff[x2] / n + 1);
        else if (isPearson) {
          const den = Math.sqrt((n * sqi[x2] - si[x2] * si[x2]) * (n * sqj[x2] - sj[x2] * sj[x2]));
          sim = den === 0 ? 0 : (n * prods[x2] - si[x2] * sj[x2]) / den;
        } else {
          const den = Math.sqrt(sqi[x2] * sqj[x2]);
          sim = den === 0 ? 0 : prods[x2] / den;
          if (name === 'pearsonBaseline') sim *= (n - 1) / (n - 1 + shrinkage);
        }
      }
      candSim[c] = sim > 0 ? sim : -Infinity;
      if (sim > 0) nPositive++;
      freq[x2] = 0;
      prods[x2] = sqi[x2] = sqj[x2] = si[x2] = sj[x2] = sqDiff[x2] = 0;
    }
    const keep = Math.min(nPositive, storedNeighbors);
    if (keep > 0) {
      const top = selectTop(candSim, cand, nTouched, keep);
      for (let t = 0; t < keep; t++) {
        outIdx.push(cand[top[t]]);
        outVal.push(candSim[top[t]]);
      }
    }
    indptr[x + 1] = outIdx.length;
  }
  const result = { indptr, indices: Int32Array.from(outIdx), values: Float64Array.from(outVal) };
  outIdx = [];
  outVal = [];
  return result;
}

/** Positions of the `keep` largest of sims[0..m), best first; ties: lower `cand` index first. */
function selectTop(sims: Float64Array, cand: Int32Array, m: number, keep: number): Int32Array {
  const before = (a: number, b: number): boolean => sims[a] > sims[b] || (sims[a] === sims[b] && cand[a] < cand[b]);
  if (keep <= 256) {
    // Insertion into a sorted buffer of size keep: O(m) when few candidates qualify.
    const buf = new Int32Array(keep);
    let size = 0;
    for (let i = 0; i < m; i++) {
      if (!(sims[i] > -Infinity)) continue;
      if (size === keep && !before(i, buf[size - 1])) continue;
      let j = size < keep ? size++ : size - 1;
      while (j > 0 && before(i, buf[j - 1])) {
        buf[j] = buf[j - 1];
        j--;
      }
      buf[j] = i;
    }
    return buf;
  }
  const pos: number[] = [];
  for (let i = 0; i < m; i++) if (sims[i] > -Infinity) pos.push(i);
  pos.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return Int32Array.from(pos.slice(0, keep));
}

/** b_x / b_y from user/item baselines in the orientation of the comparison. */
export function orientBaselines(b: Baselines, userBased: boolean): { globalMean: number; bx: Float64Array; by: Float64Array } {
  return userBased ? { globalMean: b.globalMean, bx: b.bu, by: b.bi } : { globalMean: b.globalMean, bx: b.bi, by: b.bu };
}
