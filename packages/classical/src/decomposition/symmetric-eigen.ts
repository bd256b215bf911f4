/**
 * Internal: eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method.
 *
 * Reference: G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed., §8.5 (cyclic Jacobi,
 * with the stable rotation of Rutishauser). Accurate to working precision relative to the matrix
 * norm; sweeps cost O(d³), so this is meant for the feature-by-feature matrices of PCA.
 */

/** Eigenvalues in descending order (ties keep their diagonal order) and unit eigenvectors as rows. */
export interface SymmetricEigen {
  values: Float64Array;
  /** Row-major d × d: row k is the eigenvector of `values[k]`. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** Decomposes the symmetric d × d row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, d: number): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let norm = 0;
  for (let k = 0; k < m.length; k++) norm += m[k] * m[k];
  const tiny = (2 ** -52) ** 2 * norm;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += m[p * d + q] ** 2;
    if (off <= tiny) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p];
          const mkq = m[k * d + q];
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k];
          const mqk = m[q * d + k];
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => m[j * d + j] - m[i * d + i] || i - j);
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((col, k) => {
    values[k] = m[col * d + col];
    for (let r = 0; r < d; r++) vectors[k * d + r] = v[r * d + col];
  });
  return { values, vectors };
}
