/**
 * Linear warmup then linear decay to 0, as Hugging Face transformers'
 * `get_linear_schedule_with_warmup` (src/transformers/optimization.py).
 * @see https://huggingface.co/docs/transformers/main_classes/optimizer_schedules#transformers.get_linear_schedule_with_warmup
 */
import { LambdaLR } from './lambda-lr.js';
import type { SchedulableOptimizer } from './lr-scheduler.js';
import { checkWarmupSteps } from '../check-hyper.js';

export interface LinearScheduleWithWarmupOptions {
  /** Steps of linear increase from 0 to the base lr (`num_warmup_steps`); required. */
  numWarmupSteps: number;
  /** Total steps; the lr reaches 0 here and stays there (`num_training_steps`); required. */
  numTrainingSteps: number;
}

/** λ(t) = t/w during warmup, then max(0, (T − t)/(T − w)). Returns a `LambdaLR` already at step 0. */
export function getLinearScheduleWithWarmup(optimizer: SchedulableOptimizer, options: LinearScheduleWithWarmupOptions): LambdaLR {
  const { numWarmupSteps: w, numTrainingSteps: total } = options ?? ({} as LinearScheduleWithWarmupOptions);
  checkWarmupSteps('getLinearScheduleWithWarmup', w, total);
  return new LambdaLR(optimizer, (t) => {
    if (t < w) return t / Math.max(1, w);
    return Math.max(0, (total - t) / Math.max(1, total - w));
  });
}
