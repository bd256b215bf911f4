/**
 * `@ml/classical`: classical machine learning with scikit-learn 1.2's semantics.
 * @packageDocumentation
 */
export { NotFittedError } from './base/not-fitted-error.js';
export { toMatrix } from './base/to-matrix.js';
export type { MatrixInput, MatrixOrSparse, Label } from './base/matrix-input.js';
export { KMeans, KMEANS_DEFAULTS, type KMeansParams, type KMeansJSON } from './cluster/k-means.js';
