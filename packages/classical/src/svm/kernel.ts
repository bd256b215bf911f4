/**
 * Internal: the kernels of libsvm (`Kernel::k_function` in svm.cpp) and the signed kernel matrix
 * Q_ij = y_i y_j K(x_i, x_j) of a two-class sub-problem (libsvm `SVC_Q`), with its column cache.
 *
 * linear ⟨x, z⟩ · poly (γ⟨x, z⟩ + coef0)^degree · rbf exp(−γ‖x − z‖²) · sigmoid tanh(γ⟨x, z⟩ + coef0)
 * · precomputed K[i][j] given by the caller. RBF columns use precomputed squared norms,
 * ‖x‖² + ‖z‖² − 2⟨x, z⟩, as libsvm does during training.
 */
import { KernelCache } from './kernel-cache.js';

export type KernelName = 'linear' | 'poly' | 'rbf' | 'sigmoid' | 'precomputed';

/** A kernel with its resolved parameters. */
export interface KernelSpec {
  kernel: KernelName;
  gamma: number;
  coef0: number;
  degree: number;
}

/** Applies the kernel to a dot product (and the two squared norms, used by rbf). */
export function kernelFromDot(k: KernelSpec, dot: number, sqA: number, sqB: number): number {
  switch (k.kernel) {
    case 'linear':
      return dot;
    case 'poly':
      return (k.gamma * dot + k.coef0) ** k.degree;
    case 'rbf':
      return Math.exp(-k.gamma * (sqA + sqB - 2 * dot));
    case 'sigmoid':
      return Math.tanh(k.gamma * dot + k.coef0);
    default:
      return dot; // precomputed: the "dot" is the given entry
  }
}

/** Squared norm of each row of a row-major n × d matrix. */
export function rowSquaredNorms(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * d, e = k + d; k < e; k++) s += x[k] * x[k];
    out[i] = s;
  }
  return out;
}

/**
 * The Q matrix of one two-class problem: `x` holds its l rows (row-major, d columns); for a
 * precomputed kernel, rows of the full kernel matrix and `column[i]` the column of sample i.
 * Index order changes with {@link swapIndex} (shrinking), as in libsvm.
 */
export class SvcQ {
  readonly QD: Float64Array;
  private readonly perm: Int32Array;
  private readonly y: Int8Array;
  private readonly sq: Float64Array;
  private readonly cache: KernelCache;

  constructor(
    private readonly k: KernelSpec,
    private readonly x: Float64Array,
    private readonly d: number,
    y: Int8Array,
    private readonly column: Int32Array | undefined,
    cacheBytes: number,
  ) {
    const l = y.length;
    this.y = Int8Array.from(y);
    this.perm = new Int32Array(l);
    for (let i = 0; i < l; i++) this.perm[i] = i;
    this.sq = k.kernel === 'rbf' ? rowSquaredNorms(x, l, d) : new Float64Array(l);
    this.cache = new KernelCache(l, cacheBytes);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = this.kernel(i, i);
  }

  /** K(x_i, x_j) in the current index order. */
  kernel(i: number, j: number): number {
    const pi = this.perm[i];
    const pj = this.perm[j];
    if (this.column !== undefined) return this.x[pi * this.d + this.column[pj]];
    const x = this.x;
    let dot = 0;
    for (let a = pi * this.d, b = pj * this.d, e = a + this.d; a < e; a++, b++) dot += x[a] * x[b];
    return kernelFromDot(this.k, dot, this.sq[i], this.sq[j]);
  }

  /** Column i of Q over [0, len) (float32, may be longer than len; valid until the next call). */
  getQ(i: number, len: number): Float32Array {
    const start = this.cache.getData(i, len);
    const row = this.cache.row;
    if (start < len) this.fill(row, i, start, len);
    return row;
  }

  private fill(row: Float32Array, i: number, start: number, len: number): void {
    const { x, d, perm, y, sq, k } = this;
    const yi = y[i];
    const pi = perm[i];
    if (this.column !== undefined) {
      const col = this.column;
      for (let j = start; j < len; j++) row[j] = yi * y[j] * x[pi * d + col[perm[j]]];
      return;
    }
    const a0 = pi * d;
    const sqi = sq[i];
    const { gamma, coef0, degree } = k;
    for (let j = start; j < len; j++) {
      const b0 = perm[j] * d;
      let dot = 0;
      let t = 0;
      for (; t + 3 < d; t += 4) {
        dot += x[a0 + t] * x[b0 + t] + x[a0 + t + 1] * x[b0 + t + 1] + x[a0 + t + 2] * x[b0 + t + 2] + x[a0 + t + 3] * x[b0 + t + 3];
      }
      for (; t < d; t++) dot += x[a0 + t] * x[b0 + t];
      let v: number;
      switch (k.kernel) {
        case 'rbf':
          v = Math.exp(-gamma * (sqi + sq[j] - 2 * dot));
          break;
        case 'linear':
          v = dot;
          break;
        case 'poly':
          v = (gamma * dot + coef0) ** degree;
          break;
        default:
          v = Math.tanh(gamma * dot + coef0);
      }
      row[j] = yi * y[j] * v;
    }
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j);
    let t = this.perm[i];
    this.perm[i] = this.perm[j];
    this.perm[j] = t;
    t = this.y[i];
    this.y[i] = this.y[j];
    this.y[j] = t;
    let s = this.sq[i];
    this.sq[i] = this.sq[j];
    this.sq[j] = s;
    s = this.QD[i];
    this.QD[i] = this.QD[j];
    this.QD[j] = s;
  }
}
