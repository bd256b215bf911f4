/**
 * Internal: least squares min ‖A x − b‖ with the minimum-norm solution for rank-deficient A
 * (what scipy's `lstsq` / LAPACK `gelsd` returns, which `LinearRegression` uses).
 *
 * Reference: M. R. Hestenes, "Inversion of matrices by biorthogonalization and related results",
 * J. SIAM 6(1), 1958; J. Demmel and K. Veselić, "Jacobi's method is more accurate than QR", SIAM J.
 * Matrix Anal. Appl. 13(4), 1992. One-sided Jacobi rotations orthogonalise the columns of A (m × n,
 * any shape) so that A·V = U·Σ; then x = V Σ⁺ Uᵀ b, singular values ≤ rcond·σ_max treated as zero.
 * Working on A itself (not AᵀA) keeps the accuracy of the data's own condition number.
 */

export interface LstsqResult {
  x: Float64Array;
  rank: number;
  /** Singular values, largest first (min(m, n) of them). */
  singular: Float64Array;
}

/**
 * Solves min ‖A x − b‖ for row-major A (m × n).
 * @param rcond relative cutoff for small singular values; default max(m, n)·eps (numpy's `lstsq`; scipy uses eps).
 */
export function lstsq(A: Float64Array, m: number, n: number, b: Float64Array, rcond = Math.max(m, n) * 2.220446049250313e-16): LstsqResult {
  // Columns of A as separate arrays (column-major work).
  const U: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const col = new Float64Array(m);
    for (let i = 0; i < m; i++) col[i] = A[i * n + j];
    return col;
  });
  const V: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const col = new Float64Array(n);
    col[j] = 1;
    return col;
  });
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const up = U[p];
        const uq = U[q];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += up[i] * up[i];
          beta += uq[i] * uq[i];
          gamma += up[i] * uq[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const a = up[i];
          up[i] = c * a - s * uq[i];
          uq[i] = s * a + c * uq[i];
        }
        const vp = V[p];
        const vq = V[q];
        for (let i = 0; i < n; i++) {
          const a = vp[i];
          vp[i] = c * a - s * vq[i];
          vq[i] = s * a + c * vq[i];
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = U.map((col) => Math.sqrt(col.reduce((acc, v) => acc + v * v, 0)));
  const order = sigma.map((_, j) => j).sort((a, c) => sigma[c] - sigma[a]);
  const smax = sigma[order[0]] ?? 0;
  const x = new Float64Array(n);
  let rank = 0;
  for (const j of order) {
    if (!(sigma[j] > rcond * smax) || sigma[j] === 0) continue;
    rank++;
    // x += v_j (u_jᵀ b) / σ_j², with u_j = U[j] / σ_j
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[j][i] * b[i];
    const f = ub / (sigma[j] * sigma[j]);
    for (let i = 0; i < n; i++) x[i] += f * V[j][i];
  }
  const singular = Float64Array.from(order.slice(0, Math.min(m, n)), (j) => sigma[j]);
  return { x, rank, singular };
}
