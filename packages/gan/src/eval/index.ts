/** Evaluation of generated images: classifier scores and Fréchet distance. */
export { classifierScores, type ClassifierScores } from './classifier-score.js';
export {
  frechetDistance,
  frechetDistanceFromStatistics,
  featureStatistics,
  type FeatureMatrix,
  type FeatureStatistics,
} from './frechet-distance.js';
export {
  SampleClassifier,
  SAMPLE_CLASSIFIER_FIT_DEFAULTS,
  type SampleClassifierOptions,
  type SampleClassifierFitOptions,
} from './sample-classifier.js';
export { evaluateGenerator, type GeneratorEvaluation } from './evaluate-generator.js';
