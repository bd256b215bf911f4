/**
 * Internal: libsvm's SMO solver (`Solver` in svm.cpp) for
 *   min ½ αᵀQα + pᵀα  subject to  yᵀα = 0, 0 ≤ α_i ≤ C_i,
 * with the second-order working-set selection of R.-E. Fan, P.-H. Chen and C.-J. Lin, "Working set
 * selection using second order information for training support vector machines", JMLR 6, 2005
 * (WSS3), and libsvm's shrinking and gradient reconstruction. Per-sample upper bounds C_i carry the
 * class and sample weights, as in scikit-learn's libsvm fork.
 */
import type { SvcQ } from './kernel.js';
import { WSS_LANES, type RbfColumns } from './wasm-rbf-column.js';

// libsvm's TAU = 1e-12 is written as a literal below: a module constant read into a conditional
// makes V8 box the other branch's double (an allocation per candidate j in the selection loop).
const LOWER = 0;
const UPPER = 1;
const FREE = 2;

export interface SolverResult {
  /** α in the caller's sample order (unsigned). */
  alpha: Float64Array;
  rho: number;
  nIter: number;
  /** True when `maxIter` stopped the solver before the tolerance was met. */
  hitMaxIter: boolean;
}

export interface SolverOptions {
  eps: number;
  shrinking: boolean;
  /** −1: no limit. */
  maxIter: number;
}

export function solveSmo(Q: SvcQ, p: Float64Array, yIn: Int8Array, C: Float64Array, opts: SolverOptions): SolverResult {
  return new Solver(Q, p, yIn, C, opts).run();
}

class Solver {
  private readonly l: number;
  private activeSize: number;
  private readonly y: Int8Array;
  private readonly p: Float64Array;
  private readonly C: Float64Array;
  private readonly alpha: Float64Array;
  private readonly status: Uint8Array;
  private readonly G: Float64Array;
  private readonly Gbar: Float64Array;
  private readonly activeSet: Int32Array;
  private readonly QD: Float64Array;
  /** −1 where i ∈ I_up (y_i = 1 and α_i < C_i, or y_i = −1 and α_i > 0), else 0; kept with `status`. */
  private readonly up: Int32Array;
  /** −1 where i ∈ I_low (y_i = 1 and α_i > 0, or y_i = −1 and α_i < C_i), else 0. */
  private readonly low: Int32Array;
  private unshrink = false;
  private outI = 0;
  private outJ = 0;
  // the second pass's running values (selectSecondPass)
  private gmax2 = -Infinity;
  private objDiffMin = Infinity;
  private gminIdx = -1;
  /**
   * The first selection pass's lane results, computed with the last gradient update (`gradMax`, in
   * WebAssembly) over the current active set; null when shrinking or a gradient reconstruction
   * came after it (the selection then runs its own pass).
   */
  private maxReady: Float64Array | null = null;

  constructor(
    private readonly Q: SvcQ,
    p: Float64Array,
    y: Int8Array,
    C: Float64Array,
    private readonly opts: SolverOptions,
  ) {
    const l = y.length;
    this.l = l;
    this.activeSize = l;
    this.y = Int8Array.from(y);
    this.p = Float64Array.from(p);
    this.C = Float64Array.from(C);
    this.alpha = new Float64Array(l);
    this.status = new Uint8Array(l);
    const masks = Q.maskBuffers();
    this.up = masks.up;
    this.low = masks.low;
    for (let i = 0; i < l; i++) this.updateStatus(i);
    this.activeSet = new Int32Array(l);
    for (let i = 0; i < l; i++) this.activeSet[i] = i;
    this.G = Q.gradientBuffer(); // α = 0: G = p, Ḡ = 0
    this.G.set(p);
    this.Gbar = Q.gbarBuffer();
    this.QD = Q.QD;
  }

  private updateStatus(i: number): void {
    const a = this.alpha[i];
    const s = a >= this.C[i] ? UPPER : a <= 0 ? LOWER : FREE;
    this.status[i] = s;
    const pos = this.y[i] === 1;
    this.up[i] = (pos ? s !== UPPER : s !== LOWER) ? -1 : 0;
    this.low[i] = (pos ? s !== LOWER : s !== UPPER) ? -1 : 0;
  }

  run(): SolverResult {
    const { l, y, G, alpha, status, C, QD, Q } = this;
    const { maxIter, shrinking } = this.opts;
    let iter = 0;
    let counter = Math.min(l, 1000) + 1;
    let hitMaxIter = false;
    for (;;) {
      if (maxIter !== -1 && iter >= maxIter) {
        hitMaxIter = true;
        if (this.activeSize < l) {
          this.reconstructGradient();
          this.activeSize = l;
        }
        break;
      }
      if (--counter === 0) {
        counter = Math.min(l, 1000);
        if (shrinking) this.doShrinking();
        this.maxReady = null;
      }
      if (this.selectWorkingSet() !== 0) {
        this.reconstructGradient();
        this.activeSize = l;
        this.maxReady = null;
        if (this.selectWorkingSet() !== 0) break;
        counter = 1; // shrink at the next iteration
      }
      const i = this.outI;
      const j = this.outJ;
      ++iter;
      const active = this.activeSize;
      // The cache keeps at least two full columns, so Q_i stays valid while Q_j is fetched (libsvm).
      const Qi = Q.getQ(i, active);
      const Qij = Qi[j];
      const Qj = Q.getQ(j, active);
      const Ci = C[i];
      const Cj = C[j];
      const oldI = alpha[i];
      const oldJ = alpha[j];
      if (y[i] !== y[j]) {
        let quad = QD[i] + QD[j] + 2 * Qij;
        if (quad <= 0) quad = 1e-12; // TAU
        const delta = (-G[i] - G[j]) / quad;
        const diff = alpha[i] - alpha[j];
        alpha[i] += delta;
        alpha[j] += delta;
        if (diff > 0) {
          if (alpha[j] < 0) {
            alpha[j] = 0;
            alpha[i] = diff;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = -diff;
        }
        if (diff > Ci - Cj) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = Ci - diff;
          }
        } else if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = Cj + diff;
        }
      } else {
        let quad = QD[i] + QD[j] - 2 * Qij;
        if (quad <= 0) quad = 1e-12; // TAU
        const delta = (G[i] - G[j]) / quad;
        const sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        if (sum > Ci) {
          if (alpha[i] > Ci) {
            alpha[i] = Ci;
            alpha[j] = sum - Ci;
          }
        } else if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = sum;
        }
        if (sum > Cj) {
          if (alpha[j] > Cj) {
            alpha[j] = Cj;
            alpha[i] = sum - Cj;
          }
        } else if (alpha[i] < 0) {
          alpha[i] = 0;
          alpha[j] = sum;
        }
      }
      const dI = alpha[i] - oldI;
      const dJ = alpha[j] - oldJ;
      const ui = status[i] === UPPER;
      const uj = status[j] === UPPER;
      // the masks first: the WebAssembly update also runs the next selection's first pass on them
      this.updateStatus(i);
      this.updateStatus(j);
      const w = Q.selection;
      this.maxReady = w === null ? null : w.updateGradientMax(G, Qi, Qj, active, dI, dJ, this.up);
      if (this.maxReady === null) Q.updateGradient(G, Qi, Qj, active, dI, dJ);

      if (ui !== (status[i] === UPPER)) {
        Q.addColumn(this.Gbar, Q.getQ(i, l), l, ui ? -Ci : Ci);
      }
      if (uj !== (status[j] === UPPER)) {
        Q.addColumn(this.Gbar, Q.getQ(j, l), l, uj ? -Cj : Cj);
      }
    }
    const rho = this.calculateRho();
    const out = new Float64Array(l);
    for (let i = 0; i < l; i++) out[this.activeSet[i]] = alpha[i];
    return { alpha: out, rho, nIter: iter, hitMaxIter };
  }

  /** WSS3: i maximises −y_i ∇f_i over I_up; j minimises the second-order decrease over I_low. */
  private selectWorkingSet(): number {
    const w = this.Q.selection;
    if (w !== null) {
      const r = this.selectWorkingSetWasm(w);
      if (r !== -1) return r;
    }
    const { y, G, status, activeSize } = this;
    let Gmax = -Infinity;
    let Gmax2 = -Infinity;
    let GmaxIdx = -1;
    let GminIdx = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== UPPER && -G[t] >= Gmax) {
          Gmax = -G[t];
          GmaxIdx = t;
        }
      } else if (status[t] !== LOWER && G[t] >= Gmax) {
        Gmax = G[t];
        GmaxIdx = t;
      }
    }
    const i = GmaxIdx;
    if (i === -1) return 1;
    const Qi = this.Q.getQ(i, activeSize);
    this.gmax2 = -Infinity;
    this.objDiffMin = Infinity;
    this.gminIdx = -1;
    this.selectSecondPass(i, Gmax, Qi, 0);
    return this.selected(Gmax, i);
  }

  private selected(Gmax: number, i: number): number {
    if (Gmax + this.gmax2 < this.opts.eps || this.gminIdx === -1) return 1;
    this.outI = i;
    this.outJ = this.gminIdx;
    return 0;
  }

  /**
   * WSS3 with both passes over [0, activeSize) in WebAssembly SIMD lanes (`wasm-rbf-column.ts`), the
   * last activeSize mod WSS_LANES columns here; the lanes' results combine to the sequential loop's
   * (the maximum or minimum value, ties to the last column; NaN never chosen). −1 when an array is
   * not in the module's memory, having selected nothing (`SvcQ.selection` rules that out).
   */
  private selectWorkingSetWasm(w: RbfColumns): number {
    const { y, G, up, QD, activeSize } = this;
    const n = activeSize - (activeSize % WSS_LANES);
    const r = this.maxReady ?? w.wssMax(n, G, up);
    this.maxReady = null;
    if (r === null) return -1;
    let Gmax = -Infinity;
    let GmaxIdx = -1;
    for (let q = 0; q < WSS_LANES; q++) {
      const base = r[WSS_LANES + q];
      if (base === -1) continue;
      const v = -r[q];
      if (v > Gmax || (v === Gmax && base + q > GmaxIdx)) {
        Gmax = v;
        GmaxIdx = base + q;
      }
    }
    for (let t = n; t < activeSize; t++) {
      if (up[t] === 0) continue;
      const v = y[t] === 1 ? -G[t] : G[t];
      if (v >= Gmax) {
        Gmax = v;
        GmaxIdx = t;
      }
    }
    const i = GmaxIdx;
    if (i === -1) return 1;
    const Qi = this.Q.getQ(i, activeSize);
    const s = w.wssMin(n, G, this.low, QD, Qi, Gmax, QD[i], y[i]);
    if (s === null) return -1;
    let g2 = -Infinity;
    let gain = -Infinity; // −objDiffMin
    let idx = -1;
    for (let q = 0; q < WSS_LANES; q++) {
      if (s[q] >= g2) g2 = s[q];
      const base = s[2 * WSS_LANES + q];
      if (base === -1) continue;
      const v = s[WSS_LANES + q];
      if (v > gain || (v === gain && base + q > idx)) {
        gain = v;
        idx = base + q;
      }
    }
    this.gmax2 = g2;
    this.objDiffMin = -gain;
    this.gminIdx = idx;
    if (n < activeSize) this.selectSecondPass(i, Gmax, Qi, n);
    return this.selected(Gmax, i);
  }

  /** WSS3's second pass over [from, activeSize), continuing from the running values. */
  private selectSecondPass(i: number, Gmax: number, Qi: Float32Array, from: number): void {
    const { y, G, status, QD, activeSize } = this;
    let Gmax2 = this.gmax2;
    let objDiffMin = this.objDiffMin;
    let GminIdx = this.gminIdx;
    const QDi = QD[i];
    const yi = y[i];
    for (let j = from; j < activeSize; j++) {
      if (y[j] === 1) {
        if (status[j] !== LOWER) {
          const gradDiff = Gmax + G[j];
          if (G[j] >= Gmax2) Gmax2 = G[j];
          if (gradDiff > 0) {
            const quad = QDi + QD[j] - 2 * yi * Qi[j];
            const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : 1e-12);
            if (objDiff <= objDiffMin) {
              GminIdx = j;
              objDiffMin = objDiff;
            }
          }
        }
      } else if (status[j] !== UPPER) {
        const gradDiff = Gmax - G[j];
        if (-G[j] >= Gmax2) Gmax2 = -G[j];
        if (gradDiff > 0) {
          const quad = QDi + QD[j] + 2 * yi * Qi[j];
          const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : 1e-12);
          if (objDiff <= objDiffMin) {
            GminIdx = j;
            objDiffMin = objDiff;
          }
        }
      }
    }
    this.gmax2 = Gmax2;
    this.objDiffMin = objDiffMin;
    this.gminIdx = GminIdx;
  }

  private beShrunk(i: number, Gmax1: number, Gmax2: number): boolean {
    const s = this.status[i];
    if (s === UPPER) return this.y[i] === 1 ? -this.G[i] > Gmax1 : -this.G[i] > Gmax2;
    if (s === LOWER) return this.y[i] === 1 ? this.G[i] > Gmax2 : this.G[i] > Gmax1;
    return false;
  }

  private doShrinking(): void {
    const { y, G, status } = this;
    let Gmax1 = -Infinity; // max { −y_i ∇f_i | i ∈ I_up }
    let Gmax2 = -Infinity; // max { y_i ∇f_i | i ∈ I_low }
    for (let i = 0; i < this.activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!this.unshrink && Gmax1 + Gmax2 <= this.opts.eps * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }
    this.Q.beginSwaps();
    for (let i = 0; i < this.activeSize; i++) {
      if (this.beShrunk(i, Gmax1, Gmax2)) {
        this.activeSize--;
        while (this.activeSize > i) {
          if (!this.beShrunk(this.activeSize, Gmax1, Gmax2)) {
            this.swapIndex(i, this.activeSize);
            break;
          }
          this.activeSize--;
        }
      }
    }
    this.Q.endSwaps();
  }

  private swapIndex(i: number, j: number): void {
    this.Q.swapIndex(i, j);
    swap8(this.y, i, j);
    swapF(this.G, i, j);
    const s = this.status[i];
    this.status[i] = this.status[j];
    this.status[j] = s;
    swap32(this.up, i, j);
    swap32(this.low, i, j);
    swapF(this.alpha, i, j);
    swapF(this.p, i, j);
    const a = this.activeSet[i];
    this.activeSet[i] = this.activeSet[j];
    this.activeSet[j] = a;
    swapF(this.Gbar, i, j);
    swapF(this.C, i, j);
  }

  /** Rebuilds the gradient of shrunk variables from Ḡ and the free variables. */
  private reconstructGradient(): void {
    const { l, activeSize, G, Gbar, p, alpha, status, Q } = this;
    if (activeSize === l) return;
    for (let j = activeSize; j < l; j++) G[j] = Gbar[j] + p[j];
    let nFree = 0;
    for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nFree++;
    if (nFree * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const Qi = Q.getQ(i, activeSize);
        let s = 0;
        for (let j = 0; j < activeSize; j++) if (status[j] === FREE) s += alpha[j] * Qi[j];
        G[i] += s;
      }
    } else {
      for (let i = 0; i < activeSize; i++) {
        if (status[i] !== FREE) continue;
        // G[j] += α_i · Q_i[j] for j ≥ activeSize (in WebAssembly where both lie in its memory)
        Q.addColumn(G.subarray(activeSize), Q.getQ(i, l).subarray(activeSize), l - activeSize, alpha[i]);
      }
    }
  }

  private calculateRho(): number {
    const { y, G, status } = this;
    let nFree = 0;
    let ub = Infinity;
    let lb = -Infinity;
    let sumFree = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const yG = y[i] * G[i];
      if (status[i] === UPPER) {
        if (y[i] === -1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else if (status[i] === LOWER) {
        if (y[i] === 1) ub = Math.min(ub, yG);
        else lb = Math.max(lb, yG);
      } else {
        nFree++;
        sumFree += yG;
      }
    }
    return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  }
}

function swapF(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function swap32(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function swap8(a: Int8Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
