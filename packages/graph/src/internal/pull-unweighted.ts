/**
 * The inner loop of PageRank's power iteration, pulled over in-edges (the reversed CSR): for each
 * node v, s = Σ_{u → v} y[u], where y[u] = x[u] / outWeight(u), then
 * x[v] ← α ((s0 + s1) + mass · δ[v]) + (1 − α) p[v], returning the L1 change. Two partial sums
 * (even and odd edges of a row) shorten the floating-point add chain; the WebAssembly kernel in
 * `wasm-pull.ts` uses the same order, so both give bit-identical results.
 */
export function pullUnweighted(
  indptr: Int32Array,
  indices: Int32Array,
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
      s0 += y[indices[k]];
      s1 += y[indices[k + 1]];
    }
    if (k < end) s0 += y[indices[k]];
    const next = alpha * (s0 + s1 + mass * delta[v]) + beta * p[v];
    err += Math.abs(next - x[v]);
    x[v] = next;
  }
  return err;
}
