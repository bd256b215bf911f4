/** Surprise's `KNNBaseline` (see knn-base.ts for the rule). */
import { KnnBase } from './knn-base.js';

/** Neighbourhood CF with the 'baseline' prediction rule of knn-base.ts; options in `KnnOptions`. */
export class KnnBaseline extends KnnBase {
  protected readonly mode = 'baseline';
  protected readonly modelName = 'KnnBaseline';
}
