/** Surprise's `KNNWithMeans` (see knn-base.ts for the rule). */
import { KnnBase } from './knn-base.js';

/** Neighbourhood CF with the 'means' prediction rule of knn-base.ts; options in `KnnOptions`. */
export class KnnWithMeans extends KnnBase {
  protected readonly mode = 'means';
  protected readonly modelName = 'KnnWithMeans';
}
