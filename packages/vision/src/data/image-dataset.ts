/** `ImageDataset`: what `ImageClassifier` trains on — batches of images with their class, plus the class names and preprocessing. */
import type { Dataset, TensorBatch } from '@ml/core';
import type { ImagePreprocessing } from './image-preprocessing.js';

/**
 * A `Dataset` of `{ features: [B, H, W, C] float32, targets }` batches, with class names (target
 * index → name) and the preprocessing that made the features. Targets are class indices `[B]`
 * (int32), one-hot rows `[B, classes]`, or 0/1 floats `[B]` for two classes.
 */
export interface ImageDataset extends Dataset<TensorBatch> {
  /** Class names in target-index order. */
  readonly classNames: readonly string[];
  /** How the features were made from decoded images. */
  readonly preprocessing: ImagePreprocessing;
  /** The class index of every sample (for stratified splits and evaluation), when known. */
  readonly labels?: Int32Array;
}
