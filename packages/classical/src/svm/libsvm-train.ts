/**
 * Internal: libsvm's `svm_train` for C-SVC as scikit-learn 1.2's fork runs it: samples with zero
 * weight dropped, classes in sorted order, one two-class SMO problem per pair (i, j), i < j, with
 * class i as +1, per-sample bounds C_i = weight · C_class, and (with `probability`) Platt scaling
 * fitted on 5-fold cross-validated decision values before each pair is trained.
 */
import type { Rng } from '@ml/core';
import { SvcQ, centredFloat32, columnMeans, kernelFromDot, type KernelSpec } from './kernel.js';
import { ColumnStore, columnStore } from './column-store.js';
import { SlabPool } from './kernel-cache.js';
import { sigmoidTrain } from './platt.js';
import { solveSmo, type SolverOptions } from './smo-solver.js';

export interface TrainInput {
  /** Row-major n × d (precomputed: n × n kernel matrix). */
  x: Float64Array;
  n: number;
  d: number;
  /** Class index of each row, 0 … nClasses−1. */
  y: Int32Array;
  nClasses: number;
  /** C × class weight, per class. */
  weightedC: Float64Array;
  sampleWeight: Float64Array;
  kernel: KernelSpec;
  solver: SolverOptions;
  cacheBytes: number;
  probability: boolean;
  rng: Rng;
  /** Cache storage shared by the successive two-class problems. */
  pool?: SlabPool;
  /** RBF: the feature means all problems centre the samples by (so their shared kernel entries agree); computed when absent. */
  center?: Float64Array;
  /**
   * RBF: all n rows centred by `center` and rounded to float32 (`centredFloat32`), computed once per
   * fit so the problems copy their rows from it; null: each problem centres its own rows (other
   * kernels, or some row too large for float32, which then decides per problem as before).
   */
  centred?: Float32Array | null;
}

/** libsvm's model, in its own layout. */
export interface LibsvmModel {
  /** Training-row index of each support vector, grouped by class (sorted), then by row. */
  support: Int32Array;
  nSupport: Int32Array;
  /** (nClasses − 1) × nSV, row-major (libsvm `sv_coef`). */
  svCoef: Float64Array;
  /** One per pair (0,1), (0,2), …, (1,2), … */
  rho: Float64Array;
  probA: Float64Array;
  probB: Float64Array;
  nIter: Int32Array;
  /** True when some pair stopped at `maxIter`. */
  hitMaxIter: boolean;
}

/** Trains one two-class problem on the rows `rows` with signs `sign`; returns signed α and ρ. */
function trainBinary(inp: TrainInput, rows: Int32Array, sign: Int8Array, bound: Float64Array, store?: ColumnStore): { alpha: Float64Array; rho: number; nIter: number; hitMaxIter: boolean } {
  const l = rows.length;
  const { d, x } = inp;
  const pre = inp.kernel.kernel === 'precomputed';
  const all32 = pre ? null : inp.centred ?? null;
  // a plain copy (a subarray per row would allocate one object per row); float32 rows when the fit
  // has them (the float64 rows are then not needed: an empty x)
  const sub = new Float64Array(all32 === null ? l * d : 0);
  const sub32 = all32 === null ? undefined : new Float32Array(l * d);
  if (sub32 !== undefined && all32 !== null) {
    for (let a = 0, o = 0; a < l; a++) for (let t = rows[a] * d, e = t + d; t < e; t++) sub32[o++] = all32[t];
  } else {
    for (let a = 0, o = 0; a < l; a++) for (let t = rows[a] * d, e = t + d; t < e; t++) sub[o++] = x[t];
  }
  const Q = new SvcQ(inp.kernel, sub, d, sign, pre ? rows : undefined, inp.cacheBytes, inp.pool, store === undefined || pre ? undefined : { store, rows }, inp.center, sub32);
  const p = new Float64Array(l).fill(-1);
  const r = solveSmo(Q, p, sign, bound, inp.solver);
  for (let a = 0; a < l; a++) r.alpha[a] *= sign[a];
  return r;
}

/** K(x_a, x_b) between two training rows. */
function kernelAt(inp: TrainInput, a: number, b: number): number {
  const { x, d, kernel } = inp;
  if (kernel.kernel === 'precomputed') return x[a * d + b];
  let dot = 0;
  let sqA = 0;
  let sqB = 0;
  for (let t = 0; t < d; t++) {
    const u = x[a * d + t];
    const v = x[b * d + t];
    dot += u * v;
    sqA += u * u;
    sqB += v * v;
  }
  return kernelFromDot(kernel, dot, sqA, sqB);
}

/** libsvm `svm_binary_svc_probability`: Platt's A, B from 5-fold cross-validated decision values. */
function binaryProbability(inp: TrainInput, rows: Int32Array, sign: Int8Array, bound: Float64Array): { A: number; B: number } {
  const l = rows.length;
  const folds = 5;
  const perm = new Int32Array(l);
  for (let i = 0; i < l; i++) perm[i] = i;
  for (let i = 0; i < l; i++) {
    const j = i + inp.rng.int(l - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const dec = new Float64Array(l);
  for (let f = 0; f < folds; f++) {
    const begin = Math.floor((f * l) / folds);
    const end = Math.floor(((f + 1) * l) / folds);
    const keep: number[] = [];
    for (let j = 0; j < l; j++) if (j < begin || j >= end) keep.push(perm[j]);
    let pos = 0;
    let neg = 0;
    for (const k of keep) if (sign[k] > 0) pos++; else neg++;
    if (pos === 0 || neg === 0) {
      const v = pos === 0 && neg === 0 ? 0 : pos > 0 ? 1 : -1;
      for (let j = begin; j < end; j++) dec[perm[j]] = v;
      continue;
    }
    const subRows = Int32Array.from(keep, (k) => rows[k]);
    const subSign = Int8Array.from(keep, (k) => sign[k]);
    const subBound = Float64Array.from(keep, (k) => bound[k]);
    const m = trainBinary(inp, subRows, subSign, subBound);
    for (let j = begin; j < end; j++) {
      const target = rows[perm[j]];
      let s = 0;
      for (let a = 0; a < keep.length; a++) if (m.alpha[a] !== 0) s += m.alpha[a] * kernelAt(inp, subRows[a], target);
      dec[perm[j]] = s - m.rho;
    }
  }
  return sigmoidTrain(dec, sign);
}

export function libsvmTrain(input: TrainInput): LibsvmModel {
  const inp = {
    ...input,
    pool: input.pool ?? new SlabPool(),
    center: input.center ?? (input.kernel.kernel === 'rbf' ? columnMeans(input.x, input.n, input.d) : undefined),
    centred: null as Float32Array | null,
  };
  if (inp.kernel.kernel === 'rbf' && inp.center !== undefined) inp.centred = input.centred !== undefined ? input.centred : centredFloat32(inp.x, inp.n, inp.d, inp.kernel.gamma, inp.center);
  const { y, nClasses: k, sampleWeight } = inp;
  // Group rows by class, in row order within a class; zero-weight rows are dropped (as sklearn's fork).
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < inp.n; i++) if (sampleWeight[i] > 0) members[y[i]].push(i);
  const nPairs = (k * (k - 1)) / 2;
  const rho = new Float64Array(nPairs);
  const probA = new Float64Array(inp.probability ? nPairs : 0);
  const probB = new Float64Array(inp.probability ? nPairs : 0);
  const nIter = new Int32Array(nPairs);
  const alphas: Float64Array[] = [];
  const nonzero = members.map((m) => new Uint8Array(m.length));
  let hitMaxIter = false;
  // same-class kernel entries, shared by the problems (not by the cross-validation folds' subsets)
  const store = k > 2 && columnStore.enabled ? new ColumnStore(members, inp.n) : undefined;
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const ci = members[i].length;
      const rows = Int32Array.from([...members[i], ...members[j]]);
      const l = rows.length;
      const sign = new Int8Array(l);
      const bound = new Float64Array(l);
      for (let a = 0; a < l; a++) {
        sign[a] = a < ci ? 1 : -1;
        bound[a] = sampleWeight[rows[a]] * inp.weightedC[a < ci ? i : j];
      }
      if (inp.probability) {
        const ab = binaryProbability(inp, rows, sign, bound);
        probA[p] = ab.A;
        probB[p] = ab.B;
      }
      const r = trainBinary(inp, rows, sign, bound, store);
      store?.finishProblem(i, j);
      hitMaxIter ||= r.hitMaxIter;
      rho[p] = r.rho;
      nIter[p] = r.nIter;
      alphas.push(r.alpha);
      for (let a = 0; a < l; a++) {
        if (Math.abs(r.alpha[a]) > 0) {
          if (a < ci) nonzero[i][a] = 1;
          else nonzero[j][a - ci] = 1;
        }
      }
      p++;
    }
  }
  const nSupport = new Int32Array(k);
  const nzStart = new Int32Array(k);
  const support: number[] = [];
  for (let c = 0; c < k; c++) {
    nzStart[c] = support.length;
    members[c].forEach((row, a) => {
      if (nonzero[c][a]) support.push(row);
    });
    nSupport[c] = support.length - nzStart[c];
  }
  const nSV = support.length;
  const svCoef = new Float64Array((k - 1) * nSV);
  p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      // pair (i, j): class i's coefficients go to row j−1, class j's to row i (libsvm's layout)
      const alpha = alphas[p];
      const ci = members[i].length;
      let q = nzStart[i];
      for (let a = 0; a < ci; a++) if (nonzero[i][a]) svCoef[(j - 1) * nSV + q++] = alpha[a];
      q = nzStart[j];
      for (let a = 0; a < members[j].length; a++) if (nonzero[j][a]) svCoef[i * nSV + q++] = alpha[ci + a];
      p++;
    }
  }
  return { support: Int32Array.from(support), nSupport, svCoef, rho, probA, probB, nIter, hitMaxIter };
}
