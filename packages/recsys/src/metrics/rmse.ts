import { checkPairs } from './check-metric-input.js';

/** Root mean squared error: √(Σ (predicted − actual)² / n). */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPairs('rmse', predicted, actual);
  let s = 0;
  for (let i = 0; i < predicted.length; i++) s += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(s / predicted.length);
}
