/**
 * The two passes of one PageRank power iteration over the out-edge CSR, in JavaScript (the
 * WebAssembly module in `wasm-push.ts` runs the same arithmetic in the same order, so both give
 * bit-identical results).
 *
 * 1. `scatter`: acc[v] += x[u] · inv[u] (· weight) for every edge u → v, rows in ascending u, so
 *    each acc[v] sums its in-neighbours in ascending order. Push rather than pull: the reads of x
 *    and inv stream, and the writes land on the targets, which on web-like graphs concentrate on
 *    few popular nodes whose accumulators stay in cache (a pull gathers from sources all over x).
 * 2. `finalize`: x[v] ← α (acc[v] + mass · δ[v]) + (1 − α) p[v], acc[v] ← 0, returning the L1
 *    change and storing in `massOut[0]` the new dangling mass Σ x[v] over nodes with inv[v] = 0.
 */
export function scatter(
  indptr: Int32Array,
  indices: Int32Array,
  weights: Float64Array | null,
  x: Float64Array,
  inv: Float64Array,
  acc: Float64Array,
): void {
  const n = x.length;
  if (weights === null) {
    for (let u = 0; u < n; u++) {
      const yu = x[u] * inv[u];
      for (let k = indptr[u], end = indptr[u + 1]; k < end; k++) acc[indices[k]] += yu;
    }
    return;
  }
  for (let u = 0; u < n; u++) {
    const yu = x[u] * inv[u];
    for (let k = indptr[u], end = indptr[u + 1]; k < end; k++) acc[indices[k]] += yu * weights[k];
  }
}

/** Pass 2; see the file header. */
export function finalize(
  x: Float64Array,
  acc: Float64Array,
  inv: Float64Array,
  p: Float64Array,
  delta: Float64Array,
  alpha: number,
  mass: number,
  massOut: Float64Array,
): number {
  const n = x.length;
  const beta = 1 - alpha;
  let err = 0;
  let nextMass = 0;
  for (let v = 0; v < n; v++) {
    const next = alpha * (acc[v] + mass * delta[v]) + beta * p[v];
    acc[v] = 0;
    err += Math.abs(next - x[v]);
    x[v] = next;
    nextMass += inv[v] === 0 ? next : 0;
  }
  massOut[0] = nextMass;
  return err;
}
