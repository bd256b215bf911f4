/** The error every estimator throws when fitted state is read before `fit`. */
export class NotFittedError extends Error {
  /**
   * @param estimator the class name, e.g. `'KMeans'`.
   * @param what the method or attribute that needed the fitted state.
   */
  constructor(estimator: string, what: string) {
    super(`${estimator}: '${what}' needs a fitted estimator; call fit() first`);
    this.name = 'NotFittedError';
  }
}
