/**
 * Mean absolute percentage error, `mean(|y − ŷ| / |y|)`, as a fraction (0.05 is 5 %), the convention
 * of scikit-learn 1.2's `mean_absolute_percentage_error`. Unlike scikit-learn, which divides by
 * machine epsilon and returns an enormous number, an actual value of zero throws: MAPE is undefined
 * there (use sMAPE or MASE for series that reach zero).
 * @see R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast accuracy", IJF 22(4), 2006, §3.2.
 */
import { checkPair } from './check-pair.js';

/** Thrown by `meanAbsolutePercentageError` when an actual value is zero. */
export class ZeroActualError extends RangeError {
  /** Index of the first zero in `yTrue`. */
  readonly index: number;

  constructor(where: string, index: number) {
    super(`${where}: 'yTrue[${index}]' is 0, where the percentage error |y − ŷ| / |y| is undefined; MAPE needs non-zero actual values (use sMAPE or MASE instead)`);
    this.name = 'ZeroActualError';
    this.index = index;
  }
}

/** `mean(|yTrue − yPred| / |yTrue|)`, a fraction. @throws {ZeroActualError} if some `yTrue[i]` is 0. */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const where = 'meanAbsolutePercentageError';
  const { t, p } = checkPair(where, yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 0) throw new ZeroActualError(where, i);
    sum += Math.abs(t[i] - p[i]) / Math.abs(t[i]);
  }
  return sum / t.length;
}
