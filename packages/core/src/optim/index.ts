/** Optimizers, gradient clipping, parameter groups and learning-rate schedules (PyTorch 1.13 semantics). */
export {
  Optimizer,
  type HyperValue,
  type Hyperparameters,
  type ParamGroup,
  type ParamGroupSpec,
  type ParamsInput,
  type ParamState,
  type ParamStateDict,
  type OptimizerStateDict,
} from './optimizer.js';
export { SGD, SGD_DEFAULTS, type SgdOptions } from './sgd.js';
export { Adam, ADAM_DEFAULTS, type AdamOptions } from './adam.js';
export { AdamW, ADAMW_DEFAULTS, type AdamWOptions } from './adamw.js';
export { RMSprop, RMSPROP_DEFAULTS, type RmspropOptions } from './rmsprop.js';
export { clipGradNorm, type ClipGradNormResult } from './clip-grad-norm.js';
export { clipGradValue } from './clip-grad-value.js';
export {
  paramGroupsNoDecay,
  PARAM_GROUPS_NO_DECAY_DEFAULTS,
  type ParamGroupsNoDecayOptions,
  type WeightDecayGroup,
} from './param-groups-no-decay.js';
export { LRScheduler, type SchedulableOptimizer, type LRSchedulerStateDict } from './schedulers/lr-scheduler.js';
export { StepLR, STEP_LR_DEFAULTS, type StepLROptions } from './schedulers/step-lr.js';
export { ExponentialLR, type ExponentialLROptions } from './schedulers/exponential-lr.js';
export { CosineAnnealingLR, COSINE_ANNEALING_LR_DEFAULTS, type CosineAnnealingLROptions } from './schedulers/cosine-annealing-lr.js';
export { LambdaLR, type LrLambda } from './schedulers/lambda-lr.js';
export { getLinearScheduleWithWarmup, type LinearScheduleWithWarmupOptions } from './schedulers/get-linear-schedule-with-warmup.js';
export {
  getCosineScheduleWithWarmup,
  COSINE_SCHEDULE_WITH_WARMUP_DEFAULTS,
  type CosineScheduleWithWarmupOptions,
} from './schedulers/get-cosine-schedule-with-warmup.js';
