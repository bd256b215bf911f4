/**
 * Thrown by a power iteration run with `strict: true` when it does not meet its tolerance within
 * `maxIter` iterations (networkx's `PowerIterationFailedConvergence`).
 */
export class PowerIterationFailedConvergence extends Error {
  override readonly name = 'PowerIterationFailedConvergence';

  /**
   * @param what the algorithm that failed.
   * @param maxIter the iteration budget spent.
   * @param error the last convergence measure reached.
   * @param tolerance the threshold it had to fall below.
   */
  constructor(
    what: string,
    readonly maxIter: number,
    readonly error: number,
    readonly tolerance: number,
  ) {
    super(`${what}: power iteration failed to converge within ${maxIter} iterations (last L1 change ${error}, needed < ${tolerance})`);
  }
}
