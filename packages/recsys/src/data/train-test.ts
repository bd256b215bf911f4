import type { InteractionMatrix } from './interaction-matrix.js';

/** A split: both matrices share the source's users, items and id maps, so indices line up. */
export interface TrainTest {
  train: InteractionMatrix;
  test: InteractionMatrix;
}
