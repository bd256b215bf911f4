/**
 * Compressed sparse rows of a graph's adjacency: row `u` holds the targets of `u`'s out-edges in
 * `indices[indptr[u] … indptr[u+1]−1]`, sorted ascending and distinct, with their weights at the
 * same positions of `weights` (`null` when every edge weighs 1).
 */
export interface CsrArrays {
  /** Row pointers, length numNodes + 1. */
  readonly indptr: Int32Array;
  /** Column (target) indices, length nnz. */
  readonly indices: Int32Array;
  /** Edge weights aligned with `indices`, or `null` for an unweighted graph. */
  readonly weights: Float64Array | null;
}
