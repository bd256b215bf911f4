/**
 * Internal: limited-memory BFGS for smooth unconstrained minimisation.
 *
 * Reference: J. Nocedal, "Updating quasi-Newton matrices with limited storage", Math. Comp. 35, 1980
 * (two-loop recursion); J. Nocedal and S. Wright, "Numerical Optimization", 2nd ed., Alg. 3.5/3.6
 * (strong Wolfe line search with zoom). Stopping rules as scipy's L-BFGS-B, which scikit-learn
 * calls: the largest |gradient| entry ≤ `gtol` (the projected gradient without bounds), or a
 * relative decrease of f ≤ `ftol` (scipy's factr·eps = 1e7 · 2.2e-16); memory m = 10 and the line
 * search constants (sufficient decrease 1e-3, curvature 0.9) are scipy's too. The search path is not
 * scipy's (it uses Moré–Thuente), so iteration counts can differ by a few.
 */

/** f(x), writing ∇f(x) into `g`. */
export type Objective = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  maxIter: number;
  gtol: number;
  /** @default 2.220446049250313e-9 (scipy's factr 1e7 × machine epsilon) */
  ftol?: number;
  /** @default 10 */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  nIter: number;
  converged: boolean;
}

const C1 = 1e-3;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

interface Point {
  a: number;
  f: number;
  dg: number;
}

/** Minimiser of the cubic through two points with slopes, kept inside [lo + 10%, hi − 10%]; else the midpoint. */
function interpolate(p: Point, q: Point): number {
  const lo = Math.min(p.a, q.a);
  const hi = Math.max(p.a, q.a);
  const d1 = p.dg + q.dg - 3 * ((p.f - q.f) / (p.a - q.a));
  const disc = d1 * d1 - p.dg * q.dg;
  if (disc >= 0) {
    const d2 = Math.sign(q.a - p.a) * Math.sqrt(disc);
    const t = q.a - (q.a - p.a) * ((q.dg + d2 - d1) / (q.dg - p.dg + 2 * d2));
    const margin = 0.1 * (hi - lo);
    if (Number.isFinite(t) && t >= lo + margin && t <= hi - margin) return t;
  }
  return (lo + hi) / 2;
}

/**
 * Strong Wolfe line search along `d` from `x` (f0, g0 known). On success `xOut`/`gOut` hold the new
 * point; returns its f, or NaN when no acceptable step was found.
 */
function lineSearch(fun: Objective, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, step: number, xOut: Float64Array, gOut: Float64Array): number {
  const dg0 = dot(g0, d);
  const evalAt = (a: number): Point => {
    for (let i = 0; i < x.length; i++) xOut[i] = x[i] + a * d[i];
    const f = fun(xOut, gOut);
    return { a, f, dg: dot(gOut, d) };
  };
  const zoom = (lo: Point, hi: Point): number => {
    for (let k = 0; k < 30; k++) {
      const p = evalAt(interpolate(lo, hi));
      if (!Number.isFinite(p.f) || p.f > f0 + C1 * p.a * dg0 || p.f >= lo.f) {
        hi = p;
      } else {
        if (Math.abs(p.dg) <= -C2 * dg0) return p.f;
        if (p.dg * (hi.a - lo.a) >= 0) hi = lo;
        lo = p;
      }
      if (Math.abs(hi.a - lo.a) <= 1e-16 * Math.max(1, lo.a)) break;
    }
    // Accept the best sufficient-decrease point found, as scipy does when the interval collapses.
    if (lo.a > 0) {
      evalAt(lo.a);
      return lo.f;
    }
    return NaN;
  };
  let prev: Point = { a: 0, f: f0, dg: dg0 };
  let a = step;
  for (let k = 0; k < 30; k++) {
    const p = evalAt(a);
    if (!Number.isFinite(p.f) || p.f > f0 + C1 * a * dg0 || (k > 0 && p.f >= prev.f)) return zoom(prev, p);
    if (Math.abs(p.dg) <= -C2 * dg0) return p.f;
    if (p.dg >= 0) return zoom(p, prev);
    prev = p;
    a *= 2;
  }
  evalAt(prev.a);
  return prev.f;
}

/** Minimises `fun` from `x0` (not modified). */
export function lbfgs(fun: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const { maxIter, gtol } = options;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = options.memory ?? 10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fun(x, g);
  if (maxAbs(g) <= gtol) return { x, f, nIter: 0, converged: true };
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iter = 0;
  while (iter < maxIter) {
    // d = −H·g by the two-loop recursion; H0 = (s·y / y·y) I.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      alpha[j] = rho[j] * dot(S[j], d);
      const yj = Y[j];
      for (let i = 0; i < n; i++) d[i] -= alpha[j] * yj[i];
    }
    if (k > 0) {
      const gamma = dot(S[k - 1], Y[k - 1]) / dot(Y[k - 1], Y[k - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const beta = rho[j] * dot(Y[j], d);
      const sj = S[j];
      for (let i = 0; i < n; i++) d[i] += (alpha[j] - beta) * sj[i];
    }
    let dg = dot(g, d);
    if (!(dg < 0)) {
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg = -dot(g, g);
    }
    const step = S.length === 0 ? Math.min(1 / Math.sqrt(dot(d, d)), 1e10) : 1;
    const fNew = lineSearch(fun, x, f, g, d, step, xNew, gNew);
    if (Number.isNaN(fNew)) {
      if (S.length === 0) break; // steepest descent found no decrease: at the limit of precision
      S.length = Y.length = rho.length = 0;
      continue;
    }
    iter++;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const ys = dot(y, s);
    if (ys > 2.220446049250313e-16 * dot(y, y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / ys);
    }
    const fOld = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = fNew;
    if (maxAbs(g) <= gtol) return { x, f, nIter: iter, converged: true };
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) return { x, f, nIter: iter, converged: true };
  }
  return { x, f, nIter: iter, converged: false };
}
