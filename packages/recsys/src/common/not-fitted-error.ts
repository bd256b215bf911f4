/** Thrown when a recommender is used before `fit` (or after a failed `fit`). */
export class NotFittedError extends Error {
  constructor(model: string) {
    super(`${model}: the model is not fitted; call fit(train) first`);
    this.name = 'NotFittedError';
  }
}
