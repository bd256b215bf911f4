/**
 * Internal: libsvm's `svm_predict_values` for C-SVC (one decision value per class pair, votes) and
 * scikit-learn's transforms of them: the one-vs-rest shape (`_ovr_decision_function`: votes plus
 * confidences squashed into (−1/3, 1/3)) and probabilities (`svm_predict_probability`).
 */
import { columnMeans, rowSquaredNorms, type KernelSpec } from './kernel.js';
import { coupleProbabilities, sigmoidPredict } from './platt.js';
import { WasmSvcPredictor } from './wasm-rbf-predict.js';

/** What prediction needs from a fitted model. */
export interface PredictModel {
  kernel: KernelSpec;
  nClasses: number;
  /** Support vectors, row-major nSV × d (precomputed: empty, `support` gives the columns). */
  sv: Float64Array;
  support: Int32Array;
  nSupport: Int32Array;
  svCoef: Float64Array;
  rho: Float64Array;
}

/**
 * Kernel values between rows r0 … r0+nr−1 of `x` (nr ≤ 4) and every support vector, into
 * kv[q · nSV + s]. Four query rows share each pass over a support vector.
 */
function kernelBlock(m: PredictModel, x: Float64Array, d: number, r0: number, nr: number, xsq: Float64Array, svsq: Float64Array, kv: Float64Array): void {
  const { sv, kernel } = m;
  const nSV = m.support.length;
  if (kernel.kernel === 'precomputed') {
    for (let q = 0; q < nr; q++) for (let s = 0; s < nSV; s++) kv[q * nSV + s] = x[(r0 + q) * d + m.support[s]];
    return;
  }
  const a0 = r0 * d;
  const a1 = nr > 1 ? a0 + d : a0;
  const a2 = nr > 2 ? a0 + 2 * d : a0;
  const a3 = nr > 3 ? a0 + 3 * d : a0;
  for (let s = 0, b = 0; s < nSV; s++, b += d) {
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let t = 0; t < d; t++) {
      const v = sv[b + t];
      d0 += x[a0 + t] * v;
      d1 += x[a1 + t] * v;
      d2 += x[a2 + t] * v;
      d3 += x[a3 + t] * v;
    }
    kv[s] = d0;
    kv[nSV + s] = d1;
    kv[2 * nSV + s] = d2;
    kv[3 * nSV + s] = d3;
  }
  const { gamma, coef0, degree } = kernel;
  for (let q = 0; q < nr; q++) {
    const o = q * nSV;
    if (kernel.kernel === 'rbf') {
      const xs = xsq[r0 + q];
      for (let s = 0; s < nSV; s++) kv[o + s] = Math.exp(-gamma * Math.max(xs + svsq[s] - 2 * kv[o + s], 0));
    } else if (kernel.kernel === 'poly') {
      for (let s = 0; s < nSV; s++) kv[o + s] = (gamma * kv[o + s] + coef0) ** degree;
    } else if (kernel.kernel === 'sigmoid') {
      for (let s = 0; s < nSV; s++) kv[o + s] = Math.tanh(gamma * kv[o + s] + coef0);
    }
  }
}

/**
 * RBF models with their support vectors centred by their mean, and that mean (queries are centred
 * alike): ‖x − s‖² does not change, but the kernels' form ‖x‖² + ‖s‖² − 2⟨x, s⟩ no longer cancels
 * for features far from the origin (libsvm's prediction, `k_function`, sums (x_t − s_t)² directly).
 */
const centred = new WeakMap<PredictModel, { model: PredictModel; center: Float64Array }>();

function centredRbf(m: PredictModel, d: number): { model: PredictModel; center: Float64Array } {
  let c = centred.get(m);
  if (c === undefined || c.center.length !== d) {
    const nSV = m.support.length;
    const center = columnMeans(m.sv, nSV, d);
    const sv = new Float64Array(nSV * d);
    for (let s = 0, k = 0; s < nSV; s++) for (let t = 0; t < d; t++, k++) sv[k] = m.sv[k] - center[t];
    c = { model: { kernel: m.kernel, nClasses: m.nClasses, sv, support: m.support, nSupport: m.nSupport, svCoef: m.svCoef, rho: m.rho }, center };
    centred.set(m, c);
  }
  return c;
}

/** Pairwise decision values, rows × nPairs (libsvm sign: > 0 votes for the first class of the pair). */
export function pairDecisions(m: PredictModel, x: Float64Array, rows: number, d: number): Float64Array {
  if (m.kernel.kernel === 'rbf' && m.support.length > 0 && m.sv.length === m.support.length * d) {
    const { model, center } = centredRbf(m, d);
    const xc = new Float64Array(rows * d);
    for (let r = 0, k = 0; r < rows; r++) for (let t = 0; t < d; t++, k++) xc[k] = x[k] - center[t];
    return uncentredPairDecisions(model, xc, rows, d);
  }
  return uncentredPairDecisions(m, x, rows, d);
}

function uncentredPairDecisions(m: PredictModel, x: Float64Array, rows: number, d: number): Float64Array {
  // linear, poly and rbf kernels run in WebAssembly SIMD where available (wasm-rbf-predict.ts)
  const wasm = WasmSvcPredictor.of(m, d);
  if (wasm !== null) return wasm.pairDecisions(x, rows);
  const k = m.nClasses;
  const nSV = m.support.length;
  const nPairs = (k * (k - 1)) / 2;
  const out = new Float64Array(rows * nPairs);
  const kv = new Float64Array(4 * nSV);
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + m.nSupport[c - 1];
  const rbf = m.kernel.kernel === 'rbf';
  const xsq = rbf ? rowSquaredNorms(x, rows, d) : new Float64Array(0);
  const svsq = rbf ? rowSquaredNorms(m.sv, nSV, d) : new Float64Array(0);
  for (let r0 = 0; r0 < rows; r0 += 4) {
    const nr = Math.min(4, rows - r0);
    kernelBlock(m, x, d, r0, nr, xsq, svsq, kv);
    for (let q = 0; q < nr; q++) {
      const o = q * nSV;
      let p = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          let sum = 0;
          const c1 = (j - 1) * nSV;
          const c2 = i * nSV;
          for (let s = start[i], e = s + m.nSupport[i]; s < e; s++) sum += m.svCoef[c1 + s] * kv[o + s];
          for (let s = start[j], e = s + m.nSupport[j]; s < e; s++) sum += m.svCoef[c2 + s] * kv[o + s];
          out[(r0 + q) * nPairs + p] = sum - m.rho[p];
          p++;
        }
      }
    }
  }
  return out;
}

/** libsvm's vote: each pair votes for i when its value is > 0, else for j; ties go to the lower class. */
export function voteClasses(dec: Float64Array, rows: number, k: number): Int32Array {
  const nPairs = (k * (k - 1)) / 2;
  const out = new Int32Array(rows);
  const vote = new Int32Array(k);
  for (let r = 0; r < rows; r++) {
    vote.fill(0);
    let p = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) vote[dec[r * nPairs + p++] > 0 ? i : j]++;
    let best = 0;
    for (let c = 1; c < k; c++) if (vote[c] > vote[best]) best = c;
    out[r] = best;
  }
  return out;
}

/** scikit-learn's `_ovr_decision_function(dec < 0, −dec, k)`: rows × k. */
export function ovrDecision(dec: Float64Array, rows: number, k: number): Float64Array {
  const nPairs = (k * (k - 1)) / 2;
  const out = new Float64Array(rows * k);
  const conf = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    conf.fill(0);
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = dec[r * nPairs + p++];
        conf[i] += v;
        conf[j] -= v;
        out[r * k + (v < 0 ? j : i)] += 1;
      }
    }
    for (let c = 0; c < k; c++) out[r * k + c] += conf[c] / (3 * (Math.abs(conf[c]) + 1));
  }
  return out;
}

/** Class probabilities, rows × k, from pairwise decision values (libsvm `svm_predict_probability`). */
export function probabilities(dec: Float64Array, rows: number, k: number, probA: Float64Array, probB: Float64Array): Float64Array {
  const nPairs = (k * (k - 1)) / 2;
  const minProb = 1e-7;
  const out = new Float64Array(rows * k);
  const pairwise = new Float64Array(k * k);
  const p = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    let q = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = Math.min(Math.max(sigmoidPredict(dec[r * nPairs + q], probA[q], probB[q]), minProb), 1 - minProb);
        pairwise[i * k + j] = v;
        pairwise[j * k + i] = 1 - v;
        q++;
      }
    }
    if (k === 2) {
      p[0] = pairwise[1];
      p[1] = pairwise[2];
    } else {
      coupleProbabilities(k, pairwise, p);
    }
    out.set(p, r * k);
  }
  return out;
}
