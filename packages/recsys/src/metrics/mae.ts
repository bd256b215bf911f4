import { checkPairs } from './check-metric-input.js';

/** Mean absolute error: Σ |predicted − actual| / n. */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPairs('mae', predicted, actual);
  let s = 0;
  for (let i = 0; i < predicted.length; i++) s += Math.abs(predicted[i] - actual[i]);
  return s / predicted.length;
}
