/**
 * Datasets, batching and data splits: `TensorDataset` / `ArrayDataset`, a seeded `DataLoader`, and
 * scikit-learn-style `trainTestSplit`, `KFold` and `StratifiedKFold`.
 * @packageDocumentation
 */
export type { Dataset } from './dataset.js';
export { ArrayDataset } from './array-dataset.js';
export { TensorDataset, type ArrayData, type DatasetInput, type NestedNumbers, type TensorBatch } from './tensor-dataset.js';
export { DataLoader, DATA_LOADER_DEFAULTS, type DataLoaderOptions } from './data-loader.js';
export { trainTestSplit } from './train-test-split.js';
export { trainTestSplitIndices, type TrainTestSplitOptions, type SplitIndices } from './train-test-split-indices.js';
export type { Splittable } from './take-rows.js';
export { KFold, K_FOLD_DEFAULTS, type Fold, type KFoldOptions } from './k-fold.js';
export { StratifiedKFold, type StratifiedKFoldOptions } from './stratified-k-fold.js';
