/** Thrown when a fitted attribute or `transform` is used before `fit`. */
export class NotFittedError extends Error {
  constructor(where: string, what = 'this instance') {
    super(`${where}: ${what} is not fitted yet; call 'fit' (or 'fitTransform') with documents first`);
    this.name = 'NotFittedError';
  }
}
