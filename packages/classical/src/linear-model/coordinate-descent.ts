/**
 * Internal: cyclic coordinate descent for the elastic net, a line-by-line port of scikit-learn
 * 1.2's `enet_coordinate_descent` (sklearn/linear_model/_cd_fast.pyx, dense, positive=False).
 *
 * Reference: J. Friedman, T. Hastie and R. Tibshirani, "Regularization paths for generalized linear
 * models via coordinate descent", J. Stat. Softw. 33(1), 2010. Minimises
 *   ½‖y − Xw‖² + l1‖w‖₁ + ½ l2‖w‖²
 * sweeping the features in order; after a sweep whose largest update is < tol·max|w| (or the last
 * sweep) it computes the duality gap and stops when it is < tol·‖y‖².
 */

export interface CdResult {
  w: Float64Array;
  gap: number;
  nIter: number;
  converged: boolean;
}

/** X column-major (n × d: column j at j·n), y of length n. */
export function enetCoordinateDescent(Xc: Float64Array, y: Float64Array, n: number, d: number, l1: number, l2: number, maxIter: number, tol: number): CdResult {
  const w = new Float64Array(d);
  const R = Float64Array.from(y); // residual y − Xw
  const normCols = new Float64Array(d);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Xc[j * n + i] ** 2;
    normCols[j] = s;
  }
  const gapTol = tol * yy;
  let gap = gapTol + 1;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < d; j++) {
      if (normCols[j] === 0) continue;
      const col = j * n;
      const wOld = w[j];
      if (wOld !== 0) for (let i = 0; i < n; i++) R[i] += wOld * Xc[col + i];
      let tmp = 0;
      for (let i = 0; i < n; i++) tmp += Xc[col + i] * R[i];
      const wNew = (Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0)) / (normCols[j] + l2);
      w[j] = wNew;
      if (wNew !== 0) for (let i = 0; i < n; i++) R[i] -= wNew * Xc[col + i];
      dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter - 1) {
      gap = dualityGap(Xc, y, R, w, n, d, l1, l2);
      if (gap < gapTol) return { w, gap, nIter: iter + 1, converged: true };
    }
  }
  return { w, gap, nIter: maxIter, converged: false };
}

function dualityGap(Xc: Float64Array, y: Float64Array, R: Float64Array, w: Float64Array, n: number, d: number, l1: number, l2: number): number {
  let dualNorm = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Xc[j * n + i] * R[i];
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]));
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  let gap: number;
  let c: number;
  if (dualNorm > l1) {
    c = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * c * c);
  } else {
    c = 1;
    gap = rNorm2;
  }
  return gap + l1 * l1Norm - c * ry + 0.5 * l2 * (1 + c * c) * wNorm2;
}
