/**
 * What every task script shares: `QUICK` (set by `ML_QUICK=1`, which the runner's `--quick` passes, for
 * smaller settings that still meet the target) and `report()`, which prints the one machine-readable
 * `RESULT {…}` line the runner reads and sets the exit code (1 when the metric misses its target).
 */

/** True when the script should use its quick settings (`ML_QUICK=1`). */
export const QUICK = process.env.ML_QUICK === '1';

/**
 * Prints `RESULT {"metric", "value", "target", "higherIsBetter", "ok"}` and sets `process.exitCode`
 * to 1 when `value` misses `target`. Returns whether the target was met.
 * @param {{ metric: string, value: number, target: number, higherIsBetter?: boolean }} result
 */
export function report({ metric, value, target, higherIsBetter = true }) {
  if (typeof metric !== 'string' || metric === '') throw new TypeError(`report: metric must be a non-empty string, received ${JSON.stringify(metric)}`);
  if (typeof value !== 'number') throw new TypeError(`report: value must be a number, received ${typeof value}`);
  if (typeof target !== 'number' || !Number.isFinite(target)) throw new TypeError(`report: target must be a finite number, received ${target}`);
  const ok = Number.isFinite(value) && (higherIsBetter ? value >= target : value <= target);
  console.log(`RESULT ${JSON.stringify({ metric, value, target, higherIsBetter, ok })}`);
  if (!ok) process.exitCode = 1;
  return ok;
}
