/**
 * `@ml/classical`: classical machine learning with scikit-learn 1.2's semantics.
 * @packageDocumentation
 */
export { NotFittedError } from './base/not-fitted-error.js';
export { toMatrix } from './base/to-matrix.js';
export type { MatrixInput, MatrixOrSparse, Label } from './base/matrix-input.js';
export { KMeans, KMEANS_DEFAULTS, type KMeansParams, type KMeansJSON } from './cluster/k-means.js';
export { GaussianNB, GAUSSIAN_NB_DEFAULTS, type GaussianNBParams, type GaussianNBJSON } from './naive-bayes/gaussian-nb.js';
export { MultinomialNB, MULTINOMIAL_NB_DEFAULTS, type MultinomialNBParams } from './naive-bayes/multinomial-nb.js';
export { ComplementNB, COMPLEMENT_NB_DEFAULTS, type ComplementNBParams } from './naive-bayes/complement-nb.js';
export { BernoulliNB, BERNOULLI_NB_DEFAULTS, type BernoulliNBParams } from './naive-bayes/bernoulli-nb.js';
export type { DiscreteNBParams, DiscreteNBJSON } from './naive-bayes/discrete-nb.js';
export { KNeighborsClassifier, type KNeighborsClassifierParams, type KNeighborsClassifierJSON } from './neighbors/k-neighbors-classifier.js';
export { KNeighborsRegressor, type KNeighborsRegressorParams, type KNeighborsRegressorJSON } from './neighbors/k-neighbors-regressor.js';
export { NEIGHBORS_DEFAULTS, type NeighborsParams, type KNeighborsResult } from './neighbors/neighbors-base.js';
export type { MetricName } from './neighbors/metric.js';
export { StandardScaler, STANDARD_SCALER_DEFAULTS, type StandardScalerParams, type StandardScalerJSON } from './preprocessing/standard-scaler.js';
export { MinMaxScaler, MIN_MAX_SCALER_DEFAULTS, type MinMaxScalerParams, type MinMaxScalerJSON } from './preprocessing/min-max-scaler.js';
export { LabelEncoder, type LabelEncoderJSON } from './preprocessing/label-encoder.js';
export { OneHotEncoder, ONE_HOT_ENCODER_DEFAULTS, type OneHotEncoderParams, type OneHotEncoderJSON, type OneHotOutput, type CategoricalInput } from './preprocessing/one-hot-encoder.js';
export { PCA, PCA_DEFAULTS, type PCAParams, type PCAJSON } from './decomposition/pca.js';
export { SVC, SVC_DEFAULTS, type SVCParams, type SVCJSON } from './svm/svc.js';
export type { KernelName } from './svm/kernel.js';
export type { ClassWeight } from './svm/class-weight.js';
export { LinearSVC, LINEAR_SVC_DEFAULTS, type LinearSVCParams, type LinearSVCJSON } from './svm/linear-svc.js';
