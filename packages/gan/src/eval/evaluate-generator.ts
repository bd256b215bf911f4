/**
 * Judges generated images with a `SampleClassifier` trained on real ones: classifier scores of the
 * fakes and the Fréchet distance between real and fake feature statistics.
 */
import type { tf } from '@ml/core';
import { classifierScores, type ClassifierScores } from './classifier-score.js';
import { frechetDistance } from './frechet-distance.js';
import type { SampleClassifier } from './sample-classifier.js';

export interface GeneratorEvaluation extends ClassifierScores {
  /** Fréchet distance between real and generated features (lower is better). */
  frechetDistance: number;
}

/** Scores `fake` `[N, H, W, C]` against `real` `[M, H, W, C]` (the caller keeps both). */
export async function evaluateGenerator(classifier: SampleClassifier, fake: tf.Tensor4D, real: tf.Tensor4D): Promise<GeneratorEvaluation> {
  const f = await classifier.probabilitiesAndFeatures(fake);
  const r = await classifier.probabilitiesAndFeatures(real);
  const scores = classifierScores(f.probs, [fake.shape[0], classifier.numClasses]);
  return {
    ...scores,
    frechetDistance: frechetDistance(
      { data: f.features, shape: [fake.shape[0], f.featureDim] },
      { data: r.features, shape: [real.shape[0], r.featureDim] },
    ),
  };
}
