/**
 * Internal: the kernels of libsvm (`Kernel::k_function` in svm.cpp) and the signed kernel matrix
 * Q_ij = y_i y_j K(x_i, x_j) of a two-class sub-problem (libsvm `SVC_Q`), with its column cache.
 *
 * linear ⟨x, z⟩ · poly (γ⟨x, z⟩ + coef0)^degree · rbf exp(−γ‖x − z‖²) · sigmoid tanh(γ⟨x, z⟩ + coef0)
 * · precomputed K[i][j] given by the caller.
 *
 * RBF columns during training are computed in float32, where they are stored (libsvm's `Qfloat`):
 * the samples centred (by the fit's feature means: the kernel does not change, and centred values
 * lose less to rounding) and rounded to float32 once, ‖x_i − x_j‖² summed feature by feature in
 * float32 (no cancellation, unlike libsvm's ‖x_i‖² + ‖x_j‖² − 2⟨x_i, x_j⟩ in float64), and e^x by
 * `expF32`, four columns per f32x4 vector in WebAssembly (wasm-rbf-column.ts) and with Math.fround
 * in the JavaScript loop, bit for bit alike. The entries differ from libsvm's by a few float32 ulps
 * (the exponent's relative error is about √d · 2^−24, at most ~d · 2^−24, so ~1e−6 relative where
 * γ‖x_i − x_j‖² is large and d is 16), far inside the solver's tolerance; decision values
 * agree with scikit-learn's to 1e−3 (svc.test.ts). Data whose centred values exceed 1e15 (or γ
 * above 1e30) use libsvm's float64 form instead.
 */
import { expF32, expForFloat32 } from './exp-for-float32.js';
import type { ColumnStore } from './column-store.js';
import { KernelCache, SlabPool } from './kernel-cache.js';
import { RbfColumns, wasmRbfColumn } from './wasm-rbf-column.js';

export { expForFloat32 };

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

/** The mean of each column of a row-major n × d matrix (0 for n = 0). */
export function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) out[t] += x[i * d + t];
  if (n > 0) for (let t = 0; t < d; t++) out[t] /= n;
  return out;
}

/** Largest centred magnitude (and γ) for the float32 RBF columns: squared distances stay finite. */
const F32_SAFE = 1e15;

/**
 * float32(x − center) row-major, or null when some |x − center| exceeds 1e15 or γ is not in
 * [0, 1e30] (the float32 squared distance or exponent could overflow).
 */
export function centredFloat32(x: Float64Array, n: number, d: number, gamma: number, center: Float64Array): Float32Array | null {
  if (!(gamma >= 0 && gamma <= 1e30)) return null;
  const out = new Float32Array(n * d);
  for (let i = 0, k = 0; i < n; i++) {
    for (let t = 0; t < d; t++, k++) {
      const v = x[k] - center[t];
      if (!(Math.abs(v) <= F32_SAFE)) return null;
      out[k] = v;
    }
  }
  return out;
}

/** ‖x_a − x_b‖² of float32 rows at offsets a and b, summed over the d features in order in float32. */
function distance32(xf: Float32Array, a: number, b: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = Math.fround(xf[a + t] - xf[b + t]);
    s = Math.fround(s + Math.fround(v * v));
  }
  return s;
}

/**
 * The Q matrix of one two-class problem: `x` holds its l rows (row-major, d columns; the class owns
 * it and reorders it); for a precomputed kernel, rows of the full kernel matrix and `column[i]` the
 * column of sample i. Index order changes with {@link swapIndex} (shrinking), as in libsvm; rows are
 * swapped in memory so that a column is computed by one sequential pass over `x`. `centred` (RBF):
 * the l rows already centred and rounded to float32 as `centredFloat32` gives them; `x` is then not
 * read and may be empty.
 */
export class SvcQ {
  readonly QD: Float64Array;
  private readonly y: Int8Array;
  private readonly sq: Float64Array;
  private readonly cache: KernelCache;
  private readonly xi: Float64Array;
  private readonly dots: Float64Array;
  private readonly column: Int32Array | undefined;
  /** The WebAssembly RBF kernel's copy of the samples (null: other kernels, or no WebAssembly SIMD). */
  private readonly wasm: RbfColumns | null;
  /** Entries shared with the fit's other problems (see column-store.ts), and the training row of each index. */
  private readonly shared: { store: ColumnStore; rows: Int32Array } | undefined;
  /** Whether {@link swapIndex} has reordered the samples (the shared entries then no longer apply). */
  private permuted = false;
  /** Whether every QD_i is 1 (RBF), as the WebAssembly working-set selection assumes. */
  private readonly unitDiagonal: boolean;
  /** RBF: the centred samples in float32, row-major, in index order (null: other kernels, or values too large for float32). */
  private readonly xf: Float32Array | null;

  constructor(
    private readonly k: KernelSpec,
    private readonly x: Float64Array,
    private readonly d: number,
    y: Int8Array,
    column: Int32Array | undefined,
    cacheBytes: number,
    pool: SlabPool = new SlabPool(),
    shared?: { store: ColumnStore; rows: Int32Array },
    center?: Float64Array,
    centred?: Float32Array,
  ) {
    this.shared = shared;
    const l = y.length;
    this.column = column === undefined ? undefined : Int32Array.from(column);
    this.dots = new Float64Array(l);
    this.y = Int8Array.from(y);
    this.xf = k.kernel === 'rbf' && column === undefined ? (centred ?? centredFloat32(x, l, d, k.gamma, center ?? columnMeans(x, l, d))) : null;
    this.sq = k.kernel === 'rbf' && this.xf === null ? rowSquaredNorms(x, l, d) : new Float64Array(l);
    const wasmBytes = k.kernel === 'rbf' && column === undefined ? RbfColumns.bytes(l, d) : 0;
    this.cache = new KernelCache(l, cacheBytes, pool, wasmBytes);
    this.xi = new Float64Array(d);
    this.QD = new Float64Array(l);
    // the RBF diagonal is exp(−γ · 0) = 1 (distance32 of a row with itself is exactly 0)
    if (this.xf !== null) this.QD.fill(1);
    else for (let i = 0; i < l; i++) this.QD[i] = this.kernel(i, i);
    this.unitDiagonal = this.QD.every((v) => v === 1);
    this.wasm = pool.memory === null ? null : RbfColumns.create(pool.memory, pool.extraOffset, this.xf ?? new Float32Array(l * d), l, d, this.y);
    // the working-set selection in WebAssembly reads QD from the module's memory
    if (this.wasm !== null) {
      this.QD = this.wasm.diagonal(this.QD);
      this.cache.batchSwaps = this.wasm.batchSwaps();
    }
  }

  /** The WebAssembly working-set selection (RBF kernel with WebAssembly SIMD; else null: JavaScript). */
  get selection(): RbfColumns | null {
    // with a cache smaller than the matrix, columns lie outside the module's memory
    return wasmRbfColumn.selection && this.cache.fullColumns && this.unitDiagonal ? this.wasm : null;
  }

  /** Buffers of l i32 for the solver's I_up and I_low masks (in the WebAssembly kernel's memory when it runs). */
  maskBuffers(): { up: Int32Array; low: Int32Array } {
    const l = this.y.length;
    return this.wasm === null ? { up: new Int32Array(l), low: new Int32Array(l) } : this.wasm.maskBuffers(l);
  }

  /** K(x_i, x_j) in the current index order. */
  kernel(i: number, j: number): number {
    if (this.column !== undefined) return this.x[i * this.d + this.column[j]];
    if (this.xf !== null) return expF32(Math.fround(Math.fround(-this.k.gamma) * distance32(this.xf, i * this.d, j * this.d, this.d)));
    const x = this.x;
    let dot = 0;
    for (let a = i * this.d, b = j * this.d, e = a + this.d; a < e; a++, b++) dot += x[a] * x[b];
    return kernelFromDot(this.k, dot, this.sq[i], this.sq[j]);
  }

  /** Column i of Q over [0, len) (float32, may be longer than len; valid until the next call). */
  getQ(i: number, len: number): Float32Array {
    const start = this.cache.getData(i, len);
    const row = this.cache.row;
    if (start < len) {
      if (this.shared !== undefined && !this.permuted && start === 0 && len === this.y.length) this.fillShared(row, i, len, this.shared);
      else this.fill(row, i, start, len);
    }
    return row;
  }

  /** A whole column in the samples' first order: its class block from the store where stored, else computed and stored. */
  private fillShared(row: Float32Array, i: number, len: number, shared: { store: ColumnStore; rows: Int32Array }): void {
    const r = shared.rows[i];
    const { off, len: n, stored } = shared.store.lookup(r, i);
    if (stored === null) {
      this.fill(row, i, 0, len);
      if (shared.store.wanted(r)) shared.store.store(r, row.subarray(off, off + n));
      return;
    }
    row.set(stored, off);
    if (off > 0) this.fill(row, i, 0, off);
    if (off + n < len) this.fill(row, i, off + n, len);
  }

  private fill(row: Float32Array, i: number, start: number, len: number): void {
    const { x, d, y, sq, k } = this;
    const yi = y[i];
    if (this.column !== undefined) {
      const col = this.column;
      for (let j = start; j < len; j++) row[j] = yi * y[j] * x[i * d + col[j]];
      return;
    }
    const xf = this.xf;
    if (xf !== null) {
      if (this.wasm !== null) {
        this.wasm.fill(row, i, start, len, yi, k.gamma);
        return;
      }
      // the WebAssembly kernel's float32 operations with Math.fround, four columns per pass over x_i
      const F = Math.fround;
      const ng = F(-k.gamma);
      const a = i * d;
      let j = start;
      for (let b = j * d; j + 3 < len; j += 4, b += 4 * d) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < d; t++) {
          const u = xf[a + t];
          const v0 = F(u - xf[b + t]);
          const v1 = F(u - xf[b + d + t]);
          const v2 = F(u - xf[b + 2 * d + t]);
          const v3 = F(u - xf[b + 3 * d + t]);
          s0 = F(s0 + F(v0 * v0));
          s1 = F(s1 + F(v1 * v1));
          s2 = F(s2 + F(v2 * v2));
          s3 = F(s3 + F(v3 * v3));
        }
        row[j] = yi * y[j] * expF32(F(ng * s0));
        row[j + 1] = yi * y[j + 1] * expF32(F(ng * s1));
        row[j + 2] = yi * y[j + 2] * expF32(F(ng * s2));
        row[j + 3] = yi * y[j + 3] * expF32(F(ng * s3));
      }
      for (; j < len; j++) row[j] = yi * y[j] * expF32(F(ng * distance32(xf, a, j * d, d)));
      return;
    }
    // dot products ⟨x_i, x_j⟩ first, four columns j per pass over x_i (row i copied to a small
    // buffer; each sum runs over t in order, so ⟨x_i, x_j⟩ and ⟨x_j, x_i⟩ are bit for bit equal)
    const { xi, dots } = this;
    for (let t = 0; t < d; t++) xi[t] = x[i * d + t];
    let jb = start;
    for (let b = start * d; jb + 3 < len; jb += 4, b += 4 * d) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < d; t++) {
        const v = xi[t];
        s0 += v * x[b + t];
        s1 += v * x[b + d + t];
        s2 += v * x[b + 2 * d + t];
        s3 += v * x[b + 3 * d + t];
      }
      dots[jb] = s0;
      dots[jb + 1] = s1;
      dots[jb + 2] = s2;
      dots[jb + 3] = s3;
    }
    for (let b = jb * d; jb < len; jb++, b += d) {
      let s = 0;
      for (let t = 0; t < d; t++) s += xi[t] * x[b + t];
      dots[jb] = s;
    }
    const { gamma, coef0, degree } = k;
    if (k.kernel === 'rbf') {
      const sqi = sq[i];
      for (let j = start; j < len; j++) row[j] = yi * y[j] * expForFloat32(-gamma * (sqi + sq[j] - 2 * dots[j]));
    } else if (k.kernel === 'linear') {
      for (let j = start; j < len; j++) row[j] = yi * y[j] * dots[j];
    } else if (k.kernel === 'poly') {
      for (let j = start; j < len; j++) row[j] = yi * y[j] * (gamma * dots[j] + coef0) ** degree;
    } else {
      for (let j = start; j < len; j++) row[j] = yi * y[j] * Math.tanh(gamma * dots[j] + coef0);
    }
  }

  /** A buffer of l f64 for the solver's gradient (in the WebAssembly kernel's memory when it runs). */
  gradientBuffer(): Float64Array {
    const l = this.y.length;
    return this.wasm === null ? new Float64Array(l) : this.wasm.gradientBuffer(l);
  }

  /** A zeroed buffer of l f64 for the solver's Ḡ (in the WebAssembly kernel's memory when it runs). */
  gbarBuffer(): Float64Array {
    const l = this.y.length;
    return this.wasm === null ? new Float64Array(l) : this.wasm.gbarBuffer(l);
  }

  /** The solver's Ḡ update Gbar[k] += s · col[k] for k < len (also its gradient reconstruction's). */
  addColumn(Gbar: Float64Array, col: Float32Array, len: number, s: number): void {
    if (this.wasm !== null && this.wasm.addColumn(Gbar, col, len, s)) return;
    for (let k = 0; k < len; k++) Gbar[k] += s * col[k];
  }

  /** The SMO gradient update G[k] += Qi[k] · dI + Qj[k] · dJ for k < len. */
  updateGradient(G: Float64Array, Qi: Float32Array, Qj: Float32Array, len: number, dI: number, dJ: number): void {
    if (this.wasm !== null && this.wasm.updateGradient(G, Qi, Qj, len, dI, dJ)) return;
    for (let k = 0; k < len; k++) G[k] += Qi[k] * dI + Qj[k] * dJ;
  }

  /** Batches the cache's entry swaps of the following {@link swapIndex} calls until {@link endSwaps} (no getQ in between). */
  beginSwaps(): void {
    this.cache.beginSwaps();
  }

  endSwaps(): void {
    this.cache.endSwaps();
  }

  swapIndex(i: number, j: number): void {
    this.permuted = true;
    this.cache.swapIndex(i, j);
    this.wasm?.swap(i, j);
    const { x, d, xf } = this;
    // with float32 rows, x is not read (and may be empty: see the constructor's `centred`)
    if (xf === null) {
      for (let a = i * d, b = j * d, e = a + d; a < e; a++, b++) {
        const v = x[a];
        x[a] = x[b];
        x[b] = v;
      }
    } else {
      for (let a = i * d, b = j * d, e = a + d; a < e; a++, b++) {
        const v = xf[a];
        xf[a] = xf[b];
        xf[b] = v;
      }
    }
    if (this.column !== undefined) {
      const c = this.column[i];
      this.column[i] = this.column[j];
      this.column[j] = c;
    }
    const t = this.y[i];
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
