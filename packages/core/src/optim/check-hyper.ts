/** Hyperparameter checks shared by the optimizers and schedulers (internal). */

/** Throws unless `value` is a finite number ≥ `min` (or > `min` when `open`), and ≤ `max`. */
export function checkHyper(fn: string, name: string, value: unknown, min: number, max = Infinity, open = false): void {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (open ? value > min : value >= min) && value <= max;
  if (!ok) {
    const range = max === Infinity ? `${open ? '>' : '>='} ${min}` : `in ${open ? '(' : '['}${min}, ${max}${max === 1 && open ? ')' : ']'}`;
    throw new RangeError(`${fn}: '${name}' must be a finite number ${range}; received ${JSON.stringify(value)}`);
  }
}

/** Throws unless `value` is a boolean. */
export function checkFlag(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new TypeError(`${fn}: '${name}' must be a boolean; received ${JSON.stringify(value)}`);
}

/** Checks the warmup/total step counts shared by the Hugging Face schedules. */
export function checkWarmupSteps(fn: string, numWarmupSteps: unknown, numTrainingSteps: unknown): void {
  if (!Number.isInteger(numWarmupSteps) || (numWarmupSteps as number) < 0) {
    throw new RangeError(`${fn}: 'numWarmupSteps' must be a non-negative integer; received ${JSON.stringify(numWarmupSteps)}`);
  }
  if (!Number.isInteger(numTrainingSteps) || (numTrainingSteps as number) < 1) {
    throw new RangeError(`${fn}: 'numTrainingSteps' must be a positive integer; received ${JSON.stringify(numTrainingSteps)}`);
  }
}

