/**
 * `@ml/classical`: classical machine learning with scikit-learn 1.2's semantics.
 * @packageDocumentation
 */
export { NotFittedError } from './base/not-fitted-error.js';
export { toMatrix } from './base/to-matrix.js';
export type { MatrixInput, MatrixOrSparse, Label } from './base/matrix-input.js';
export { KMeans, KMEANS_DEFAULTS, type KMeansParams, type KMeansJSON } from './cluster/k-means.js';
export { MiniBatchKMeans, MINI_BATCH_KMEANS_DEFAULTS, type MiniBatchKMeansParams, type MiniBatchKMeansJSON } from './cluster/mini-batch-k-means.js';
export { GaussianNB, GAUSSIAN_NB_DEFAULTS, type GaussianNBParams, type GaussianNBJSON } from './naive-bayes/gaussian-nb.js';
export { MultinomialNB, MULTINOMIAL_NB_DEFAULTS, type MultinomialNBParams } from './naive-bayes/multinomial-nb.js';
export { ComplementNB, COMPLEMENT_NB_DEFAULTS, type ComplementNBParams } from './naive-bayes/complement-nb.js';
export { BernoulliNB, BERNOULLI_NB_DEFAULTS, type BernoulliNBParams } from './naive-bayes/bernoulli-nb.js';
export type { DiscreteNBParams, DiscreteNBJSON } from './naive-bayes/discrete-nb.js';
export { KNeighborsClassifier, type KNeighborsClassifierParams, type KNeighborsClassifierJSON } from './neighbors/k-neighbors-classifier.js';
export { KNeighborsRegressor, type KNeighborsRegressorParams, type KNeighborsRegressorJSON } from './neighbors/k-neighbors-regressor.js';
export { NEIGHBORS_DEFAULTS, type NeighborsParams, type KNeighborsResult } from './neighbors/neighbors-base.js';
export type { MetricName } from './neighbors/metric.js';
export { BallTree, BALL_TREE_DEFAULTS, type BallTreeParams } from './neighbors/ball-tree.js';
export type { NeighborsAlgorithm } from './neighbors/neighbors-base.js';
export { StandardScaler, STANDARD_SCALER_DEFAULTS, type StandardScalerParams, type StandardScalerJSON } from './preprocessing/standard-scaler.js';
export { MinMaxScaler, MIN_MAX_SCALER_DEFAULTS, type MinMaxScalerParams, type MinMaxScalerJSON } from './preprocessing/min-max-scaler.js';
export { LabelEncoder, type LabelEncoderJSON } from './preprocessing/label-encoder.js';
export { OneHotEncoder, ONE_HOT_ENCODER_DEFAULTS, type OneHotEncoderParams, type OneHotEncoderJSON, type OneHotOutput, type CategoricalInput } from './preprocessing/one-hot-encoder.js';
export { PCA, PCA_DEFAULTS, type PCAParams, type PCAJSON } from './decomposition/pca.js';
export { SVC, SVC_DEFAULTS, type SVCParams, type SVCJSON } from './svm/svc.js';
export type { KernelName } from './svm/kernel.js';
export type { ClassWeight } from './svm/class-weight.js';
export { LinearSVC, LINEAR_SVC_DEFAULTS, type LinearSVCParams, type LinearSVCJSON } from './svm/linear-svc.js';
export { LogisticRegression, LOGISTIC_REGRESSION_DEFAULTS, type LogisticRegressionParams, type LogisticRegressionJSON, type LogisticPenalty } from './linear-model/logistic-regression.js';
export { LinearRegression, LINEAR_REGRESSION_DEFAULTS, type LinearRegressionParams, type LinearRegressionJSON } from './linear-model/linear-regression.js';
export { Ridge, RIDGE_DEFAULTS, type RidgeParams, type RidgeJSON } from './linear-model/ridge.js';
export { Lasso, LASSO_DEFAULTS, type LassoParams, type LassoJSON } from './linear-model/lasso.js';
export { ElasticNet, ELASTIC_NET_DEFAULTS, type ElasticNetParams, type ElasticNetJSON } from './linear-model/elastic-net.js';
export { SGDClassifier, SGD_CLASSIFIER_DEFAULTS, type SGDClassifierParams, type SGDClassifierJSON, type SGDLoss } from './linear-model/sgd-classifier.js';
export type { LinearRegressorJSON } from './linear-model/linear-regressor-base.js';
export { clone, getParams, isClassifier, type Estimator, type Predictor, type Transformer } from './model-selection/estimator.js';
export { crossValScore, type CrossValScoreOptions, type CvSpec, type Split, type Splitter } from './model-selection/cross-val-score.js';
export { GridSearchCV, GRID_SEARCH_CV_DEFAULTS, parameterGrid, type GridSearchCVOptions, type ParamGrid, type CvResults } from './model-selection/grid-search-cv.js';
export type { Scoring, ScoringName } from './model-selection/scoring.js';
export { Pipeline, type PipelineStep, type PipelineParams } from './pipeline/pipeline.js';
export { KFold, StratifiedKFold, trainTestSplit } from '@ml/core';
