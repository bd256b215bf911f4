/**
 * Metrics on plain arrays: classification (scikit-learn 1.2 semantics), ranking, regression and text
 * generation (BLEU, ROUGE). Every function is synchronous and takes labels or numbers as arrays or
 * typed arrays; read a tensor first with `await t.data()` (or `await t.array()` for rows).
 * @packageDocumentation
 */
export { accuracyScore, type AccuracyScoreOptions } from './accuracy-score.js';
export {
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  type PerClassScores,
  type AveragedScores,
} from './precision-recall-fscore-support.js';
export { precisionScore, type PrecisionScoreOptions } from './precision-score.js';
export { recallScore, type RecallScoreOptions } from './recall-score.js';
export { f1Score, type F1ScoreOptions } from './f1-score.js';
export { fbetaScore, type FbetaScoreOptions } from './fbeta-score.js';
export type { Average, PrfOptions } from './prf-core.js';
export type { Label, LabelArray, WarningHandler } from './label-utils.js';
export { adjustedRandScore, randScore, pairConfusionMatrix } from './adjusted-rand-score.js';
export { confusionMatrix, type ConfusionMatrixOptions } from './confusion-matrix.js';
export { rocCurve, type RocCurve, type RocCurveOptions } from './roc-curve.js';
export { rocAucScore, type RocAucScoreOptions } from './roc-auc-score.js';
export { logLoss, type LogLossOptions } from './log-loss.js';
export { meanSquaredError, type MeanSquaredErrorOptions } from './mean-squared-error.js';
export { rootMeanSquaredError, type RootMeanSquaredErrorOptions } from './root-mean-squared-error.js';
export { meanAbsoluteError, type MeanAbsoluteErrorOptions } from './mean-absolute-error.js';
export { r2Score, type R2ScoreOptions } from './r2-score.js';
export type { MultiOutput, RegressionTargets } from './regression-utils.js';
export { perplexity, type PerplexityOptions } from './perplexity.js';
export { corpusBleu, type BleuResult, type BleuSentence, type CorpusBleuOptions } from './corpus-bleu.js';
export { tokenize13a } from './tokenize-13a.js';
export { rougeN, type RougeNOptions } from './rouge-n.js';
export { rougeL } from './rouge-l.js';
export { rougeLsum, type RougeSummary } from './rouge-lsum.js';
export { rougeTokenize } from './rouge-tokenize.js';
export type { RougeScore, RougeOptions } from './rouge-utils.js';
