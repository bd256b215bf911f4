/** Surprise's `KNNBasic` (see knn-base.ts for the rule). */
import { KnnBase } from './knn-base.js';

/** Neighbourhood CF with the 'basic' prediction rule of knn-base.ts; options in `KnnOptions`. */
export class KnnBasic extends KnnBase {
  protected readonly mode = 'basic';
  protected readonly modelName = 'KnnBasic';
}
