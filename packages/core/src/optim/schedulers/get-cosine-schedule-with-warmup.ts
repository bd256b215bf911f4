/**
 * Linear warmup then cosine decay, as Hugging Face transformers' `get_cosine_schedule_with_warmup`
 * (src/transformers/optimization.py).
 * @see https://huggingface.co/docs/transformers/main_classes/optimizer_schedules#transformers.get_cosine_schedule_with_warmup
 */
import { LambdaLR } from './lambda-lr.js';
import { checkWarmupSteps } from '../check-hyper.js';
import type { SchedulableOptimizer } from './lr-scheduler.js';

export interface CosineScheduleWithWarmupOptions {
  /** Steps of linear increase from 0 to the base lr (`num_warmup_steps`); required. */
  numWarmupSteps: number;
  /** Total steps (`num_training_steps`); required. */
  numTrainingSteps: number;
  /** Cosine periods after warmup; 0.5 decays once from the base lr to 0 (`num_cycles`). @default 0.5 */
  numCycles?: number;
}

export const COSINE_SCHEDULE_WITH_WARMUP_DEFAULTS = { numCycles: 0.5 } as const satisfies Pick<
  Required<CosineScheduleWithWarmupOptions>,
  'numCycles'
>;

/**
 * λ(t) = t/w during warmup, then max(0, (1 + cos(2π·c·p))/2) with p = (t − w)/(T − w). Returns a
 * `LambdaLR` already at step 0.
 */
export function getCosineScheduleWithWarmup(optimizer: SchedulableOptimizer, options: CosineScheduleWithWarmupOptions): LambdaLR {
  const fn = 'getCosineScheduleWithWarmup';
  const { numWarmupSteps: w, numTrainingSteps: total, numCycles } = { ...COSINE_SCHEDULE_WITH_WARMUP_DEFAULTS, ...options };
  checkWarmupSteps(fn, w, total);
  if (typeof numCycles !== 'number' || !Number.isFinite(numCycles) || numCycles < 0) {
    throw new RangeError(`${fn}: 'numCycles' must be a finite number >= 0; received ${JSON.stringify(numCycles)}`);
  }
  return new LambdaLR(optimizer, (t) => {
    if (t < w) return t / Math.max(1, w);
    const progress = (t - w) / Math.max(1, total - w);
    return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress)));
  });
}
