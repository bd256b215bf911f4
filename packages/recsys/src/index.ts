/**
 * `@ml/recsys`: interaction matrices and splits, neighbourhood CF with Surprise's semantics,
 * baselines, matrix factorisation (SVD, implicit ALS, BPR), serving and metrics.
 * @packageDocumentation
 */
export { IdMap, type RawId } from './data/id-map.js';
export {
  InteractionMatrix,
  type Interaction,
  type InteractionColumns,
  type InteractionKind,
  type InteractionMatrixOptions,
  type CscView,
} from './data/interaction-matrix.js';
export type { DuplicatePolicy, InteractionParts } from './data/build-interactions.js';
export type { TrainTest } from './data/train-test.js';
export { randomSplit, type RandomSplitOptions } from './data/random-split.js';
export { leaveKOutSplit, type LeaveKOutSplitOptions } from './data/leave-k-out-split.js';
export { temporalSplit, type TemporalSplitOptions } from './data/temporal-split.js';
export { kFoldSplit, type KFoldSplitOptions } from './data/k-fold-split.js';
export { syntheticRatings, SYNTHETIC_RATINGS_DEFAULTS, type SyntheticRatingsOptions } from './data/synthetic-ratings.js';
export { NotFittedError } from './common/not-fitted-error.js';
export { topN, type TopN } from './common/top-n.js';
export { computeBaselines, BASELINE_DEFAULTS, type BaselineOptions, type Baselines } from './baseline/compute-baselines.js';
export { BaselineOnly } from './baseline/baseline-only.js';
export { computeSimilarities, type SimilarityName, type SimilarityLists, type SimilarityInput, type Csr } from './neighbors/compute-similarities.js';
export { KnnBase, KNN_DEFAULTS, type KnnOptions } from './neighbors/knn-base.js';
export { KnnBasic } from './neighbors/knn-basic.js';
export { KnnWithMeans } from './neighbors/knn-with-means.js';
export { KnnBaseline } from './neighbors/knn-baseline.js';
export { Svd, SVD_DEFAULTS, type SvdOptions } from './factorization/svd.js';
export { Svdpp, SVDPP_DEFAULTS, type SvdppOptions } from './factorization/svdpp.js';
export { ImplicitAls, IMPLICIT_ALS_DEFAULTS, type ImplicitAlsOptions } from './factorization/implicit-als.js';
export { Bpr, BPR_DEFAULTS, type BprOptions } from './factorization/bpr.js';
export {
  Recommender,
  type RecommendOptions,
  type Recommendation,
  type BatchRecommendations,
} from './serving/recommender.js';
export { FactorModel, type FactorState, type FactorModelJSON } from './serving/factor-model.js';
export { rmse } from './metrics/rmse.js';
export { mae } from './metrics/mae.js';
export { precisionAtK } from './metrics/precision-at-k.js';
export { recallAtK } from './metrics/recall-at-k.js';
export { ndcgAtK } from './metrics/ndcg-at-k.js';
export { mapAtK } from './metrics/map-at-k.js';
export { hitRateAtK } from './metrics/hit-rate-at-k.js';
export { auc } from './metrics/auc.js';
export { catalogCoverage } from './metrics/catalog-coverage.js';
export { popularityBias } from './metrics/popularity-bias.js';
export { evaluateRanking, type RankingReport } from './metrics/evaluate-ranking.js';
