/**
 * What a `DataLoader` reads from: a fixed number of samples, fetched a batch at a time by index.
 * `TensorDataset` (features and targets as tensors or typed arrays) and `ArrayDataset` (a list of
 * arbitrary samples) implement it; any object with these two members can be loaded too.
 */
export interface Dataset<B> {
  /** The number of samples. */
  readonly length: number;
  /**
   * The samples at `indices`, as one batch. When the batch holds tensors, the caller owns them.
   * Indices are integers in [0, length).
   */
  getBatch(indices: Int32Array): B;
}
