/**
 * Symmetric MAPE, `mean(2 |y − ŷ| / (|y| + |ŷ|))`, as a fraction in [0, 2] (multiply by 100 for the
 * percentage the M3/M4 competitions report). A step where both `y` and `ŷ` are 0 counts as 0 error.
 * @see R. J. Hyndman and A. B. Koehler, "Another look at measures of forecast accuracy", IJF 22(4), 2006, §3.3.
 */
import { checkPair } from './check-pair.js';

/** `mean(2 |yTrue − yPred| / (|yTrue| + |yPred|))`, a fraction in [0, 2]. */
export function symmetricMeanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { t, p } = checkPair('symmetricMeanAbsolutePercentageError', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const denom = Math.abs(t[i]) + Math.abs(p[i]);
    if (denom > 0) sum += (2 * Math.abs(t[i] - p[i])) / denom;
  }
  return sum / t.length;
}
