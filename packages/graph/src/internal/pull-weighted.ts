/** PageRank's pull step with edge weights aligned with `indices`; see `pullUnweighted`. */
export function pullWeighted(
  indptr: Int32Array,
  indices: Int32Array,
  weights: Float64Array,
  y: Float64Array,
  x: Float64Array,
  p: Float64Array,
  delta: Float64Array,
  alpha: number,
  mass: number,
): number {
  const n = x.length;
  const beta = 1 - alpha;
  let err = 0;
  for (let v = 0; v < n; v++) {
    let s0 = 0;
    let s1 = 0;
    let k = indptr[v];
    const end = indptr[v + 1];
    for (; k + 2 <= end; k += 2) {
      s0 += y[indices[k]] * weights[k];
      s1 += y[indices[k + 1]] * weights[k + 1];
    }
    if (k < end) s0 += y[indices[k]] * weights[k];
    const next = alpha * (s0 + s1 + mass * delta[v]) + beta * p[v];
    err += Math.abs(next - x[v]);
    x[v] = next;
  }
  return err;
}
